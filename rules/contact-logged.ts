// A conversation with a customer that leaves no record is lost to the next person who speaks to them.
import { writes } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'contact-logged',
    category: 'rims',
    rims: 'M',
    severity: 'warn',
    description: 'Every customer contact writes to a `crm` or `analytics` system.',
    rationale:
      'Each contact with a customer is a fact the next person needs and a data point the process is measured by. ' +
      'A contact that writes to no CRM or analytics system leaves no relationship notes ("prefers mornings, twenty years a customer") and cannot be counted.',
    messages: {
      unlogged: 'the customer contact `{{id}}` writes to no CRM or analytics system: it leaves no record and cannot be counted',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.customerContact).length,
  check({ model, report }) {
    for (const step of model.steps) {
      if (!step.customerContact) continue;
      const logged = writes(model, step, 'crm') || writes(model, step, 'analytics');
      if (!logged) report({ messageId: 'unlogged', data: { id: step.id }, step });
    }
  },
});
