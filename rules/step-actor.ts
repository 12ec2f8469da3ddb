// Work that nobody is named to do is done by nobody, or by whoever happens to notice.
import { NEEDS_ACTOR } from '../src/model/steps.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'step-actor',
    category: 'rims',
    rims: 'R',
    severity: 'error',
    description: 'Every task, send, receive, schedule and meeting step names the `actor` who performs it.',
    rationale:
      'A step without an actor is an activity nobody is responsible for. It is done by whoever notices, in their own way, or not at all: ' +
      'the process cannot be repeated, its load cannot be planned and its automation cannot be told from its human work.',
    messages: {
      missing: '`{{id}}` is a `{{type}}` step with no `actor`: say who performs it',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.type !== undefined && NEEDS_ACTOR.has(s.type)).length,
  check({ model, report }) {
    for (const step of model.steps) {
      if (step.type === undefined || !NEEDS_ACTOR.has(step.type) || step.actor !== undefined) continue;
      report({ messageId: 'missing', data: { id: step.id, type: step.type }, step });
    }
  },
});
