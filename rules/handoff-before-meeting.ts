// The customer who booked online arrives and nobody expects them: the person who meets them was never told.
import { FlowGraph } from '../src/model/graph.js';
import { automatedContacts, branchAfter, freshId, handoverPoint, interactionsByActor, notifier, wayInRuns, wayThrough } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'handoff-before-meeting',
    category: 'handoff',
    rims: null,
    severity: 'error',
    description: 'When an automated customer contact leads to a person meeting the customer, every path between them tells that person (or their backup).',
    rationale:
      'Automation books the customer in; a person meets them. Between the two, the person must be told who is coming, when, and why: ' +
      'otherwise the customer arrives to find nobody expecting them, or the salesperson off that day. ' +
      'A notification to the person\'s `backup` counts, since the backup covers when they are away. ' +
      'The check is on every path: a notification on one branch of a decision leaves the other branch uncovered.',
    messages: {
      unannounced: '`{{contact}}` leads to the meeting `{{meeting}}` with `{{actor}}`, but on the way{{way}} nothing tells `{{actor}}` the customer is coming',
      untold: '`{{contact}}` leads to `{{meeting}}`, where `{{actor}}` deals with the customer, but on the way{{way}} nothing tells `{{actor}}` what the customer was sent',
    },
  },
  checks: ({ model }) => automatedContacts(model).length * interactionsByActor(model).size,
  check({ model, report }) {
    const contacts = automatedContacts(model);
    if (contacts.length === 0) return;
    for (const [actor, meetings] of interactionsByActor(model)) {
      const backup = model.actors.get(actor)?.backup;
      const told = (id: string): boolean => {
        const step = model.step(id)!;
        return step.notifies.has(actor) || (backup !== undefined && step.notifies.has(backup));
      };
      const routes = model.graph.routesTo(
        meetings.map((m) => m.id),
        told,
      );
      for (const contact of contacts) {
        const route = routes.get(contact.id);
        if (!route || route.distance === 0 || told(contact.id)) continue;
        const path = wayInRuns(model, contact.id, meetings.map((m) => m.id), told, FlowGraph.follow(routes, contact.id));
        if (!path) continue;
        const target = path[path.length - 1]!;
        // A person who booked the meeting themselves needs no telling.
        if (path.some((id) => model.step(id)?.type === 'schedule' && model.step(id)?.actor === actor)) continue;
        const after = handoverPoint(model, path);
        const branch = branchAfter(path, after);
        const sender = notifier(model, after);
        // A meeting: the customer is coming, with the appointment; a call or a task: what the customer was sent.
        const meeting = model.step(target)?.type === 'meeting';
        report({
          messageId: meeting ? 'unannounced' : 'untold',
          data: { contact: contact.id, meeting: target, actor, way: wayThrough(model, path) },
          step: contact,
          path,
          suggestion: {
            title: meeting
              ? `Notify \`${actor}\` that the customer is coming to \`${target}\`, with the appointment and the customer's history`
              : `Tell \`${actor}\` what the customer was sent before \`${target}\`, with the customer's history`,
            after,
            ...(branch ? { branch } : {}),
            step: {
              id: freshId(model, `notify-${actor}-of-${target}`),
              type: 'send',
              ...(sender ? { actor: sender } : {}),
              to: actor,
              shares: meeting ? ['appointment', 'customer-history'] : ['customer-history'],
            },
          },
        });
      }
    }
  },
});
