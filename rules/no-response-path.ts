// The customer who does nothing: a map that assumes an answer leaves that customer waiting for ever.
import { customersAwaited, isCustomerWait, nearestEnd, personFor, purposeOf, timeoutFlow } from '../src/model/customer-edge.js';
import { automatedContacts, freshId, notifier } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';
import { defineRule, type Report } from '../src/rule.js';

/** How long the plan waits for the customer before a person takes over: its best figure, marked for the consultant to check. */
const SUGGESTED_WAIT = '3d';

const customerWaits = (model: ProcessModel): Step[] => model.steps.filter((s) => isCustomerWait(model, s));

/** The steps where the flow stops for an answer, so the map no longer assumes one: decisions, waits, receives. */
const STOPS = new Set(['decision', 'wait', 'receive']);

/**
 * The customer's own steps straight after an automated contact, with nothing to wait on between, each
 * with the way from the nearest such contact. One search from every contact at once, in list order.
 */
function assumedAnswers(model: ProcessModel, contacts: readonly Step[]): { step: Step; path: string[] }[] {
  const { graph } = model;
  const found: { step: Step; path: string[] }[] = [];
  const parent = new Map<string, string>(contacts.map((c) => [c.id, '']));
  const queue = contacts.map((c) => c.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of graph.successors(id)) {
      if (parent.has(next)) continue;
      parent.set(next, id);
      const step = model.step(next)!;
      if (step.type !== undefined && STOPS.has(step.type)) continue;
      if (step.actor !== undefined && model.actors.get(step.actor)?.type === 'customer') {
        // A customer's step with its own timeout does not assume the answer.
        if (!timeoutFlow(step)) found.push({ step, path: unwind(parent, next) });
        continue;
      }
      queue.push(next);
    }
  }
  return found.sort((a, b) => a.step.index - b.step.index);
}

function unwind(parent: ReadonlyMap<string, string>, last: string): string[] {
  const path = [last];
  for (let v = parent.get(last); v; v = parent.get(v)) path.push(v);
  return path.reverse();
}

export default defineRule({
  meta: {
    id: 'no-response-path',
    category: 'handoff',
    rims: null,
    severity: 'warn',
    description: 'Every wait for the customer has a `timeout`, and no automated contact goes straight on to a step the customer must take.',
    rationale:
      'Automation expects the customer to answer: to book, to reply, to sign. Many never do. A wait for the customer without a `timeout`, or a map ' +
      'that goes from an automated e-mail straight to "customer books", leaves the customer who does nothing waiting in the process for ever, ' +
      'and nobody notices that a customer of twenty years has gone quiet. Give the wait a timeout whose flow reaches a person who follows up.',
    messages: {
      noTimeout: '`{{id}}` waits for {{customers}} with no `timeout`: a customer who does not answer leaves the case waiting for ever, and nobody notices',
      assumed:
        '`{{contact}}` contacts the customer automatically and the map goes straight on to `{{id}}`, which the customer must do: ' +
        'nothing waits for the customer or says what happens when they do nothing',
    },
  },
  checks: ({ model }) => customerWaits(model).length + automatedContacts(model).length,
  check({ model, report }) {
    for (const wait of customerWaits(model)) {
      if (timeoutFlow(wait)) continue;
      const end = nearestEnd(model, wait.id);
      const person = personFor(model, wait.id);
      const customers = customersAwaited(model, wait);
      const sender = notifier(model, wait.id);
      const finding: Report = { messageId: 'noTimeout', data: { id: wait.id, customers: customers.map((c) => `\`${c}\``).join(' and ') }, step: wait };
      if (end !== undefined && person !== undefined) {
        finding.suggestion = {
          title: `Give \`${wait.id}\` a timeout, and ask \`${person}\` to follow up with the customer who does not answer`,
          after: wait.id,
          branch: end,
          onTimeout: SUGGESTED_WAIT,
          step: {
            id: freshId(model, `ask-${person}-to-follow-up-${wait.id}`),
            name: 'Ask a person to follow up: the customer did not answer',
            type: 'send',
            ...(sender ? { actor: sender } : {}),
            to: person,
            shares: ['customer-history'],
          },
        };
      }
      report(finding);
    }
    // A survey asks for feedback, not for the customer's next step.
    const asking = automatedContacts(model).filter((s) => purposeOf(s) !== 'survey');
    for (const { step, path } of assumedAnswers(model, asking)) {
      const before = path[path.length - 2]!;
      const end = nearestEnd(model, step.id);
      const customer = step.actor!;
      const finding: Report = { messageId: 'assumed', data: { contact: path[0]!, id: step.id }, step, path };
      if (end !== undefined) {
        finding.suggestion = {
          title: `Wait for the customer before \`${step.id}\`, with a timeout for the customer who does nothing`,
          after: before,
          branch: step.id,
          step: {
            id: freshId(model, `wait-for-${customer}-before-${step.id}`),
            name: 'Wait for the customer',
            type: 'wait',
            from: customer,
            timeout: { after: SUGGESTED_WAIT, next: end },
          },
        };
      }
      report(finding);
    }
  },
});
