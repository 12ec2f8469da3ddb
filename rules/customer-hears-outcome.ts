// The applicant who was turned down, or whose case was closed, must hear the answer.
import { contactLog, customersAwaited, isCustomerRequest, personFor } from '../src/model/customer-edge.js';
import { FlowGraph } from '../src/model/graph.js';
import { customersOf, freshId, notifier, wayInRuns } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/**
 * Decisions that answer the customer's own request (a step the customer performs, or a wait for the
 * customer): reached from it with no customer contact between, so the answer is still owed. A decision
 * after the company has spoken to the customer again (a meeting, a call) follows that contact, not the request.
 */
function answeringDecisions(model: ProcessModel): { decisions: Set<Step>; customers: string[] } {
  const requests = model.steps.filter((s) => isCustomerRequest(model, s));
  const customers = [...new Set(requests.flatMap((r) => [...customersOf(model, r), ...customersAwaited(model, r)]))];
  const decisions = new Set<Step>();
  if (requests.length === 0) return { decisions, customers };
  const contact = (id: string): boolean => model.step(id)!.customerContact;
  // One search from every request at once.
  const seeds = requests.flatMap((r) => model.graph.successors(r.id)).filter((id) => !contact(id));
  for (const id of model.graph.reachableFrom(seeds, contact)) {
    const step = model.step(id)!;
    if (step.type === 'decision' && step.next.length >= 2) decisions.add(step);
  }
  return { decisions, customers };
}

export default defineRule({
  meta: {
    id: 'customer-hears-outcome',
    category: 'handoff',
    rims: null,
    severity: 'warn',
    description: 'Every branch of a decision that answers the customer\'s request reaches the customer before it ends.',
    rationale:
      'A customer who asked for something (applied, requested a quote, filed a claim) waits for the answer. Maps often draw the happy branch to a ' +
      'confirmation and let the other branches simply end: the applicant who was turned down, or whose case was closed, never hears back and ' +
      'chases the company, or tells others. Every branch of a decision that answers the customer must contact the customer before it ends.',
    messages: {
      unanswered: 'on the branch of `{{decision}}` to `{{id}}`{{when}}, the way to `{{end}}` never contacts the customer who asked: they never hear the outcome',
    },
  },
  checks: ({ model }) => [...answeringDecisions(model).decisions].reduce((n, d) => n + d.next.length, 0),
  check({ model, report }) {
    const { decisions, customers } = answeringDecisions(model);
    if (decisions.size === 0) return;
    const customer = customers[0];
    const { graph } = model;
    const contact = (id: string): boolean => model.step(id)!.customerContact;
    const silent = graph.sinks().filter((id) => !contact(id));
    const routes = graph.routesTo(silent, contact);
    for (const decision of decisions) {
      const seen = new Set<string>();
      for (const flow of decision.next) {
        if (seen.has(flow.to) || contact(flow.to) || !routes.has(flow.to)) continue;
        seen.add(flow.to);
        const way = wayInRuns(model, flow.to, silent, contact, FlowGraph.follow(routes, flow.to));
        if (!way) continue;
        // A later decision on the customer's request on this way is reported on its own branch: one finding for one silence.
        if (way.slice(0, -1).some((id) => id !== decision.id && decisions.has(model.step(id)!))) continue;
        // Bad news goes by a person (`bad-news-by-person`); other answers can be sent.
        const negative = flow.outcome === 'negative';
        const sender = negative ? personFor(model, flow.to) : notifier(model, decision.id, flow.to);
        const first = model.step(flow.to)!;
        report({
          messageId: 'unanswered',
          data: { decision: decision.id, id: flow.to, when: flow.when ? ` (${flow.when})` : '', end: way[way.length - 1]! },
          step: first,
          path: [decision.id, ...way],
          ...(customer
            ? {
                suggestion: {
                  title: negative
                    ? `Have \`${sender ?? 'a person'}\` tell the customer the outcome on the branch to \`${flow.to}\``
                    : `Tell the customer the outcome on the branch to \`${flow.to}\``,
                  after: decision.id,
                  branch: flow.to,
                  step: {
                    id: freshId(model, negative ? `${sender ?? 'person'}-calls-${customer}-${flow.to}` : `tell-${customer}-outcome-${flow.to}`),
                    name: negative ? 'A person calls the customer about the decision' : 'Tell the customer the outcome',
                    type: 'send' as const,
                    ...(sender ? { actor: sender } : {}),
                    to: customer,
                    ...(negative ? { channel: 'phone' } : {}),
                    ...contactLog(model),
                  },
                },
              }
            : {}),
        });
      }
    }
  },
});
