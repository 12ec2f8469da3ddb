// A long-standing customer greeted like a stranger: the person meeting them never saw their history.
import { entrySteps, freshId, interactionsByActor, notifier, reachedInRuns, reads } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'customer-context-before-meeting',
    category: 'handoff',
    rims: null,
    severity: 'warn',
    description:
      'Before a person meets a customer, on every path from a start, they are given the customer\'s history or read it in a CRM themselves.',
    rationale:
      'A customer of twenty years expects to be recognised. The person who meets them needs the history (past purchases, the lease that is ending, ' +
      'earlier complaints) before the meeting: from a notification that shares `customer-history`, or by reading a `crm` system in the meeting ' +
      'or in an earlier step of their own. CRM work should serve the relationship, not the other way round.',
    messages: {
      noContext:
        '`{{actor}}` meets the customer in `{{meeting}}`, but on some path to it nobody gives `{{actor}}` the customer\'s history and `{{actor}}` reads no CRM',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.humanInteraction).length,
  check({ model, report }) {
    // The customer is a returning one only where the map says so: a stage of re-purchase, lapse or win-back.
    const returning = (stage: string | undefined): boolean => {
      const phase = model.stages.find((s) => s.id === stage)?.phase;
      return phase === 'repurchase' || phase === 'lapse' || phase === 'winback';
    };
    const entries = entrySteps(model);
    for (const [actor, meetings] of interactionsByActor(model)) {
      const informed = (id: string): boolean => {
        const step = model.step(id)!;
        return (step.notifies.has(actor) && step.shares.includes('customer-history')) || (step.actor === actor && reads(model, step, 'crm'));
      };
      const uninformed = reachedInRuns(model, entries, informed);
      for (const meeting of meetings) {
        if (!uninformed.has(meeting.id) || reads(model, meeting, 'crm')) continue;
        const before = model.graph.predecessors(meeting.id).find((p) => uninformed.has(p) && !informed(p));
        const sender = notifier(model, before);
        report({
          messageId: 'noContext',
          data: { actor, meeting: meeting.id },
          step: meeting,
          suggestion: {
            title: `Give \`${actor}\` the customer's history before \`${meeting.id}\`${returning(meeting.stage) ? ' (a long-standing customer expects to be recognised)' : ''}`,
            after: before ?? null,
            ...(before ? { branch: meeting.id } : {}),
            step: {
              id: freshId(model, `brief-${actor}-before-${meeting.id}`),
              type: 'send',
              ...(sender ? { actor: sender } : {}),
              to: actor,
              shares: ['customer-history'],
            },
          },
        });
      }
    }
  },
});
