// The customer quotes the offer from the e-mail and the manager has never heard of it.
import { FlowGraph } from '../src/model/graph.js';
import { automatedContacts, branchAfter, customersOf, freshId, handoverPoint, idList, interactionsByActor, notifier, wayInRuns } from '../src/model/queries.js';
import type { Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/** What one automated contact leaves untold: who does not hear of which offers, before which meeting. */
interface Gap {
  persons: string[];
  offers: Set<string>;
  meeting: string;
  after: string;
  branch: string | undefined;
  /** The way from the contact to the meeting on which nobody is told. */
  path: string[];
}

export default defineRule({
  meta: {
    id: 'offers-shared-with-staff',
    category: 'handoff',
    rims: null,
    severity: 'error',
    description:
      'An offer made in an automated customer contact reaches, before the meeting, every person who later meets that customer, and their manager (`reports-to`).',
    rationale:
      'Marketing automation makes offers in the company\'s name. When the customer comes in and mentions the loyalty discount from the e-mail, ' +
      'the salesperson must know it, and so must the sales manager who answers for the price: otherwise the customer is told "I have never heard of that offer". ' +
      'The offer must be in `shares` of a notification to each of them on every path from the contact to the meeting.',
    messages: {
      unshared: '`{{contact}}` offers {{offers}} to the customer, but {{persons}} {{verb}} not told of it before `{{meeting}}`',
    },
  },
  checks: ({ model }) => automatedContacts(model).filter((s) => s.offers.length > 0).length,
  check({ model, report }) {
    const contacts = automatedContacts(model).filter((s) => s.offers.length > 0);
    if (contacts.length === 0) return;
    const gaps = new Map<Step, Gap>();
    const customers = [...new Set(contacts.flatMap((s) => customersOf(model, s)))];

    // rules.md: each person who deals with the customer C the offer went to hears of it before their first
    // interaction with C; their manager (`reports-to`) before the person's first meeting with C, or by the end.
    for (const customer of customers) {
      const toCustomer = contacts.filter((s) => customersOf(model, s).includes(customer));
      for (const [staff, interactions] of interactionsByActor(model)) {
        const withCustomer = interactions.filter((m) => customersOf(model, m).includes(customer));
        if (withCustomer.length === 0) continue;
        const manager = model.actors.get(staff)?.reportsTo;
        const meetings = withCustomer.filter((m) => m.type === 'meeting').map((m) => m.id);
        const duties: [string, string[]][] = [[staff, withCustomer.map((m) => m.id)]];
        if (manager !== undefined && manager !== staff) duties.push([manager, meetings.length > 0 ? meetings : [...model.graph.sinks()]]);
        for (const [person, targets] of duties) {
          for (const offer of new Set(toCustomer.flatMap((s) => s.offers))) {
            const shared = (id: string): boolean => {
              const step = model.step(id)!;
              return step.notifies.has(person) && step.shares.includes(offer);
            };
            const routes = model.graph.routesTo(targets, shared);
            for (const contact of toCustomer) {
              const route = routes.get(contact.id);
              if (!contact.offers.includes(offer) || !route || route.distance === 0 || shared(contact.id)) continue;
              const path = wayInRuns(model, contact.id, targets, shared, FlowGraph.follow(routes, contact.id));
              if (!path) continue;
              let gap = gaps.get(contact);
              if (!gap) {
                const after = handoverPoint(model, path);
                gap = { persons: [], offers: new Set(), meeting: path[path.length - 1]!, after, branch: branchAfter(path, after), path };
                gaps.set(contact, gap);
              }
              if (!gap.persons.includes(person)) gap.persons.push(person);
              gap.offers.add(offer);
            }
          }
        }
      }
    }

    for (const [contact, gap] of gaps) {
      const offers = [...gap.offers];
      const one = gap.persons.length === 1;
      const sender = notifier(model, gap.after);
      report({
        messageId: 'unshared',
        data: { contact: contact.id, offers, persons: gap.persons, meeting: gap.meeting, verb: one ? 'is' : 'are' },
        step: contact,
        path: gap.path,
        suggestion: {
          title: `Tell ${idList(gap.persons)} about ${idList(offers)} before \`${gap.meeting}\``,
          after: gap.after,
          ...(gap.branch ? { branch: gap.branch } : {}),
          step: {
            id: freshId(model, `tell-${gap.persons.join('-and-')}-of-${offers[0]}`),
            type: 'send',
            ...(sender ? { actor: sender } : {}),
            to: one ? gap.persons[0]! : gap.persons,
            shares: offers,
          },
        },
      });
    }
  },
});
