// A process with no end never says when the customer's matter is done, so nobody can measure or close it.
import { processLabel } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'end-required',
    category: 'structure',
    rims: null,
    severity: 'warn',
    description: 'The map has at least one `end` step.',
    rationale:
      'An end step says when the customer\'s matter is finished: a contract signed, a case closed, a customer lost. ' +
      'Without one the outcome of an instance cannot be counted, which is where every measure of the process begins.',
    messages: {
      missing: 'the process `{{process}}` has no `end` step: add one for each way an instance can finish',
    },
  },
  check({ model, report }) {
    if (model.steps.some((step) => step.type === 'end')) return;
    report({ messageId: 'missing', data: { process: processLabel(model) } });
  },
});
