// The customer quotes the offer from the e-mail and the manager has never heard of it.
import { automatedContacts, freshId, idList, interactionsByActor, notifier } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';
import type { Step } from '../src/model/types.js';

interface Gap {
  offers: Set<string>;
  meeting: string;
  /** Set when the recipient must know because they manage the person who meets the customer. */
  manages?: string;
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
      unshared: '`{{contact}}` offers {{offers}} to the customer, but `{{person}}`, who meets the customer in `{{meeting}}`, is not told of it',
      unsharedWithManager:
        '`{{contact}}` offers {{offers}} to the customer, but `{{person}}`, who manages `{{staff}}` (meeting the customer in `{{meeting}}`), is not told of it',
    },
  },
  check({ model, report }) {
    const contacts = automatedContacts(model).filter((s) => s.offers.length > 0);
    if (contacts.length === 0) return;
    const offered = new Set(contacts.flatMap((s) => s.offers));
    const gaps = new Map<Step, Map<string, Gap>>();

    for (const [staff, meetings] of interactionsByActor(model)) {
      const manager = model.actors.get(staff)?.reportsTo;
      const recipients = manager !== undefined && manager !== staff ? [staff, manager] : [staff];
      for (const person of recipients) {
        for (const offer of offered) {
          const shared = (id: string): boolean => {
            const step = model.step(id)!;
            return step.notifies.has(person) && step.shares.includes(offer);
          };
          const routes = model.graph.routesTo(meetings.map((m) => m.id), shared);
          for (const contact of contacts) {
            const route = routes.get(contact.id);
            if (!contact.offers.includes(offer) || !route || route.distance === 0 || shared(contact.id)) continue;
            const byPerson = gaps.get(contact) ?? new Map<string, Gap>();
            const gap = byPerson.get(person) ?? { offers: new Set(), meeting: route.target, ...(person !== staff ? { manages: staff } : {}) };
            gap.offers.add(offer);
            byPerson.set(person, gap);
            gaps.set(contact, byPerson);
          }
        }
      }
    }

    for (const [contact, byPerson] of gaps) {
      const sender = notifier(model, contact);
      for (const [person, gap] of byPerson) {
        const offers = [...gap.offers];
        report({
          messageId: gap.manages ? 'unsharedWithManager' : 'unshared',
          data: { contact: contact.id, offers: idList(offers), person, meeting: gap.meeting, staff: gap.manages ?? person },
          step: contact,
          suggestion: {
            title: `Tell \`${person}\` about ${idList(offers)}, offered in \`${contact.id}\``,
            after: contact.id,
            step: {
              id: freshId(model, `tell-${person}-of-${offers[0]}`),
              type: 'send',
              ...(sender ? { actor: sender } : {}),
              to: person,
              shares: offers,
            },
          },
        });
      }
    }
  },
});
