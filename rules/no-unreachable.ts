// A step no flow reaches is work the map promises and the process never does.
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'no-unreachable',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'Every step can be reached from a `start` step.',
    rationale:
      'A step that no path from a start reaches is an activity the map promises and the process never performs: often the very ' +
      'human follow-up a reader assumes is there (the call after the e-mail), cut off by a missing `next`.',
    messages: {
      unreachable: 'no path from a start reaches `{{id}}`: connect it with a `next` from an earlier step, or remove it',
    },
  },
  check({ model, report }) {
    const starts = model.steps.filter((step) => step.type === 'start').map((step) => step.id);
    if (starts.length === 0) return;
    const reached = model.graph.reachableFrom(starts);
    for (const step of model.steps) {
      if (!reached.has(step.id)) report({ messageId: 'unreachable', data: { id: step.id }, step });
    }
  },
});
