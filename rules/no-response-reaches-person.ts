// The customer who does not answer the automation must, in the end, hear from a person.
import { customersAwaited, isCustomerWait, personFor, timeoutFlow } from '../src/model/customer-edge.js';
import { FlowGraph } from '../src/model/graph.js';
import { automatedContacts, freshId, notifier, wayInRuns } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/** Customer waits with a timeout that come after an automated customer contact. */
function timedWaits(model: ProcessModel): Step[] {
  const waits = model.steps.filter((s) => isCustomerWait(model, s) && timeoutFlow(s) !== undefined);
  if (waits.length === 0) return [];
  const afterContact = model.graph.reachableFrom(automatedContacts(model).map((s) => s.id));
  return waits.filter((s) => afterContact.has(s.id));
}

export default defineRule({
  meta: {
    id: 'no-response-reaches-person',
    category: 'handoff',
    rims: null,
    severity: 'error',
    description: 'After an automated contact, the timeout flow of a wait for the customer reaches a person on every way to an end.',
    rationale:
      'Silence is an answer too. A customer who does not reply to an automated reminder may be ill, unhappy, or already talking to a competitor. ' +
      'When the timeout of the wait simply closes the case, or sends one more automated message and ends, no person ever learns that the customer ' +
      'went quiet. Every way from the timeout to an end must pass a person: a call, a meeting, or a notification to someone who will follow up.',
    messages: {
      unattended:
        'when {{customers}} does not answer `{{id}}` within {{after}}, the timeout flow reaches `{{end}}` with no person told or involved: nobody follows up',
    },
  },
  checks: ({ model }) => timedWaits(model).length,
  check({ model, report }) {
    const waits = timedWaits(model);
    if (waits.length === 0) return;
    const { graph } = model;
    const person = (id: string): boolean => {
      const step = model.step(id)!;
      return step.humanInteraction || step.notifies.size > 0;
    };
    const unattended = graph.sinks().filter((id) => !person(id));
    const routes = graph.routesTo(unattended, person);
    for (const wait of waits) {
      const flow = timeoutFlow(wait)!;
      if (person(flow.to) || !routes.has(flow.to)) continue;
      const way = wayInRuns(model, flow.to, unattended, person, FlowGraph.follow(routes, flow.to));
      if (!way) continue;
      const path = [wait.id, ...way];
      const to = personFor(model, flow.to);
      const sender = notifier(model, flow.to, wait.id);
      const customers = customersAwaited(model, wait);
      report({
        messageId: 'unattended',
        data: { id: wait.id, customers: customers.map((c) => `\`${c}\``).join(' and '), after: wait.timeoutAfter ?? 'the time', end: path[path.length - 1]! },
        step: wait,
        // At the `timeout` where the map writes one (a BPMN model points at the wait).
        ...(model.source.locate([...wait.path, 'timeout'], 'key') ? { at: [...wait.path, 'timeout'], target: 'key' as const } : {}),
        path,
        ...(to
          ? {
              suggestion: {
                title: `Ask \`${to}\` to follow up when the customer does not answer \`${wait.id}\`, with the customer's history`,
                after: wait.id,
                branch: flow.to,
                onTimeout: wait.timeoutAfter ?? '3d',
                step: {
                  id: freshId(model, `ask-${to}-to-follow-up-${wait.id}`),
                  name: 'Ask a person to follow up: the customer did not answer',
                  type: 'send' as const,
                  ...(sender ? { actor: sender } : {}),
                  to,
                  shares: ['customer-history'],
                },
              },
            }
          : {}),
      });
    }
  },
});
