// A reminder on a loop with no cap reminds the customer for ever.
import { stepsOnLoops } from '../src/model/customer-edge.js';
import { automatedContacts } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/** The cap the plan suggests: three reminders, then a person or an end. */
const SUGGESTED_CAP = 3;

const onLoops = (model: ProcessModel): Step[] => {
  const loops = stepsOnLoops(model);
  return automatedContacts(model).filter((s) => loops.has(s.id));
};

export default defineRule({
  meta: {
    id: 'reminder-repeats-capped',
    category: 'consent',
    rims: null,
    severity: 'warn',
    description: 'An automated customer contact on a loop says how often it may repeat (`max-repeats`).',
    rationale:
      'A reminder that goes round a loop until the customer answers goes on for ever for the customer who never will: the fifth "your documents are ' +
      'still missing" teaches them to ignore the sender, or to unsubscribe from everything. `max-repeats` caps how often one instance sends it; after the ' +
      'last one the map should hand the case to a person or close it. The cap also bounds the load estimate of `capacity-exceeded`.',
    messages: {
      uncapped: '`{{id}}` contacts the customer automatically on a loop{{through}} and has no `max-repeats`: the customer can get it without end',
    },
  },
  checks: ({ model }) => onLoops(model).length,
  check({ model, report }) {
    for (const step of onLoops(model)) {
      if (step.maxRepeats !== undefined) continue;
      // The way round: from the step back to itself.
      const path = model.graph.findPath([step.id], (id) => id === step.id) ?? undefined;
      const through = path && path.length > 2 ? ` (through ${path.slice(1, -1).map((id) => `\`${id}\``).join(', ')})` : '';
      report({
        messageId: 'uncapped',
        data: { id: step.id, through },
        step,
        ...(path ? { path } : {}),
        suggestion: {
          title: `Cap \`${step.id}\` at ${SUGGESTED_CAP} times for one customer, then hand over or close`,
          after: step.id,
          step: { id: step.id, type: step.type ?? 'send', ...(step.actor ? { actor: step.actor } : {}) },
          extend: { step: step.id, add: {}, set: { 'max-repeats': SUGGESTED_CAP } },
        },
      });
    }
  },
});
