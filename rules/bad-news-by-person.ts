// Bad news at the customer front needs kid gloves: a person who can listen, not a template.
import { branchRegion, contactLog, personFor } from '../src/model/customer-edge.js';
import { customersOf, freshId } from '../src/model/queries.js';
import type { Flow, ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

const negativeBranches = (model: ProcessModel): { decision: Step; flow: Flow }[] =>
  model.steps.flatMap((decision) => (decision.type === 'decision' ? decision.next.filter((f) => f.outcome === 'negative').map((flow) => ({ decision, flow })) : []));

export default defineRule({
  meta: {
    id: 'bad-news-by-person',
    category: 'handoff',
    rims: null,
    severity: 'warn',
    description: 'On a decision\'s branch marked `outcome: negative`, a person, not only automation, speaks to the customer.',
    rationale:
      'A rejection, a decline, a cancellation or a price rise is where a relationship is won or lost. Sent as a template, it reads as "the system ' +
      'said no", and the customer has nobody to ask why or to tell what the automation did not know. Handle it with kid gloves: on the branch ' +
      'that carries bad news, a person calls or meets the customer, so someone can listen, explain and keep the door open.',
    messages: {
      automatedOnly:
        'on the branch of `{{decision}}` to `{{id}}`{{when}}, the customer gets bad news only from automation ({{contacts}}): nobody who can listen speaks to them',
    },
  },
  checks: ({ model }) => negativeBranches(model).length,
  check({ model, report }) {
    for (const { decision, flow } of negativeBranches(model)) {
      const region = branchRegion(model, decision, flow);
      const contacts = model.steps.filter((s) => region.has(s.id) && s.customerContact);
      // No contact at all is `customer-hears-outcome`'s finding; a person on the branch is what is asked.
      if (contacts.length === 0 || contacts.some((s) => !s.automated)) continue;
      const customer = contacts.flatMap((s) => customersOf(model, s))[0];
      const person = personFor(model, flow.to);
      const first = model.step(flow.to);
      // The run that shows it: down the branch to its first automated contact.
      const automated = new Set(contacts.map((s) => s.id));
      const way = automated.has(flow.to) ? [flow.to] : (model.graph.findPath([flow.to], (id) => automated.has(id), (id) => !region.has(id)) ?? [flow.to]);
      report({
        messageId: 'automatedOnly',
        data: { decision: decision.id, id: flow.to, when: flow.when ? ` (${flow.when})` : '', contacts: contacts.map((s) => s.id) },
        ...(first ? { step: first } : { stepId: flow.to }),
        at: flow.path,
        path: [decision.id, ...way],
        ...(customer && person
          ? {
              suggestion: {
                title: `Have \`${person}\` call the customer on the branch to \`${flow.to}\`, so a person brings the bad news`,
                after: decision.id,
                branch: flow.to,
                step: {
                  id: freshId(model, `${person}-calls-${customer}-${flow.to}`),
                  name: 'A person calls the customer about the decision',
                  type: 'send' as const,
                  actor: person,
                  to: customer,
                  channel: 'phone',
                  ...contactLog(model),
                },
              },
            }
          : {}),
      });
    }
  },
});
