// A customer caught in a loop with no exit waits for ever: the process never finishes their matter.
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'no-dead-end',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'From every step an end can be reached: no loop without an exit.',
    rationale:
      'From every step some path must lead to an end (or to the last step, where the flow stops). A loop without an exit, such as ' +
      '"send a reminder, wait, send a reminder", keeps a customer in the process for ever: nobody ever calls, closes the case or lets them go.',
    messages: {
      loop: 'from `{{id}}` no end can be reached: the flow goes round through `{{through}}` with no way out; give the loop an exit',
    },
  },
  check({ model, report }) {
    const { graph } = model;
    const live = graph.reaching(graph.sinks());
    for (const step of model.steps) {
      if (live.has(step.id)) continue;
      const entered = step.type === 'start' || graph.predecessors(step.id).some((p) => live.has(p));
      if (!entered) continue;
      const through = graph.successors(step.id).find((s) => !live.has(s)) ?? step.id;
      report({ messageId: 'loop', data: { id: step.id, through }, step });
    }
  },
});
