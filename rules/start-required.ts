// Without a start nobody can say what sets the process going, so nobody can make it happen the same way twice.
import { processLabel } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'start-required',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'The map has at least one `start` step.',
    rationale:
      'A start step says what sets the process going: a lease that is about to end, a form sent from the website, a complaint. ' +
      'Without one, nobody can tell when the process applies, reachability cannot be checked, and the process cannot be repeated the same way twice.',
    messages: {
      missing: 'the process `{{process}}` has no `start` step: add one saying what sets it going (`trigger`)',
    },
  },
  check({ model, report }) {
    if (model.steps.some((step) => step.type === 'start')) return;
    report({ messageId: 'missing', data: { process: processLabel(model) } });
  },
});
