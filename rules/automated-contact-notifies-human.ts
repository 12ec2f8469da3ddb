// Automation that talks to a customer and tells no person leaves nobody to follow up when the customer answers.
import { FlowGraph } from '../src/model/graph.js';
import { automatedContacts, branchAfter, freshId, notifier, personAmong, wayInRuns, wayThrough } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'automated-contact-notifies-human',
    category: 'handoff',
    rims: null,
    severity: 'error',
    description: 'After every automated customer contact, every path to an end passes a notification to a person.',
    rationale:
      'An automated e-mail, SMS or letter starts a conversation the automation cannot finish: the customer replies, calls, books or walks in. ' +
      'If no person is told that the contact went out, nobody expects the answer, and a customer of twenty years is greeted like a stranger. ' +
      'Every path after an automated contact must hand over to a person; a notification on only one branch of a decision does not cover the other.',
    messages: {
      unnoticed: '`{{contact}}` contacts the customer automatically, but on the way to `{{end}}`{{way}} no person is told of it: nobody can follow up',
      unnoticedAtEnd: '`{{contact}}` contacts the customer automatically and the process ends there: no person is told of it, so nobody can follow up',
      noHuman: '`{{contact}}` contacts the customer automatically and the map has no human actor to hand over to',
    },
  },
  checks: ({ model }) => automatedContacts(model).length,
  check({ model, report }) {
    const { graph } = model;
    const notifiesSomeone = (id: string): boolean => (model.step(id)?.notifies.size ?? 0) > 0;
    // One backward search from the ends no notification covers: which steps reach them unnoticed?
    const uncovered = graph.sinks().filter((id) => !notifiesSomeone(id));
    const routes = graph.routesTo(uncovered, notifiesSomeone);
    for (const contact of automatedContacts(model)) {
      if (contact.notifies.size > 0) continue;
      const route = routes.get(contact.id);
      if (!route) continue;
      // As runs go: a notification on a sibling parallel branch, before the join, covers the contact.
      const path = wayInRuns(model, contact.id, uncovered, notifiesSomeone, FlowGraph.follow(routes, contact.id));
      if (!path) continue;
      // Hand over to the next person who deals with this customer on that way, the process owner only when there is none.
      const recipient = personAmong(model, [...path.slice(1).map((id) => model.step(id)?.actor), model.process.owner]);
      const data = { contact: contact.id, end: path[path.length - 1]!, way: wayThrough(model, path) };
      if (recipient === undefined) {
        report({ messageId: 'noHuman', data, step: contact, path });
        continue;
      }
      // Right after the contact, on the way that lacks the hand-over.
      const after = contact.id;
      const branch = branchAfter(path, after);
      const sender = notifier(model, after);
      report({
        messageId: route.distance === 0 ? 'unnoticedAtEnd' : 'unnoticed',
        data,
        step: contact,
        path,
        suggestion: {
          title: `Hand over to \`${recipient}\` after \`${after}\`: tell them what the customer was sent, so a person can follow up`,
          after,
          ...(branch ? { branch } : {}),
          fallback: true,
          step: {
            id: freshId(model, `notify-${recipient}-after-${after}`),
            type: 'send',
            ...(sender ? { actor: sender } : {}),
            to: recipient,
            shares: [...contact.offers, 'customer-history'],
          },
        },
      });
    }
  },
});
