// Marketing sent without looking up the customer's consent reaches people who said no.
import { automatedMarketing } from '../src/model/customer-edge.js';
import { entrySteps, freshId, notifier, reachedInRuns, reads } from '../src/model/queries.js';
import { defineRule, type SuggestedSystem } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'marketing-consent-checked',
    category: 'consent',
    rims: null,
    severity: 'warn',
    description: 'Every run reads a `consent` system before an automated marketing message (or the message reads one itself).',
    rationale:
      'Consent changes: the customer who agreed to offers last year may have opted out last week, by phone, at the counter or in another channel. ' +
      'A marketing message sent without looking up where consent and contact preferences are kept reaches people who said no, which the law ' +
      '(GDPR, ePrivacy) and the customer both hold against the company. Read the consent system on every way to the first marketing message.',
    messages: {
      unchecked: '`{{id}}` sends the customer marketing, but on the way from `{{start}}` nothing reads a consent system: nobody checked that the customer agreed',
      noConsentSystem: '`{{id}}` sends the customer marketing, and the map keeps consent nowhere: nobody checks that the customer agreed',
    },
  },
  checks: ({ model }) => automatedMarketing(model).length,
  check({ model, report }) {
    const messages = automatedMarketing(model);
    if (messages.length === 0) return;
    const readsConsent = (id: string): boolean => reads(model, model.step(id)!, 'consent');
    const entries = entrySteps(model);
    const unchecked = reachedInRuns(model, entries, readsConsent);
    const known = [...model.systems.values()].find((s) => s.type === 'consent')?.id;
    const consent = known ?? freshId(model, 'consent-preferences');
    const systems: Record<string, SuggestedSystem> | undefined = known ? undefined : { [consent]: { name: 'Consent and contact preferences', type: 'consent' } };
    const marketing = new Set(messages.map((s) => s.id));
    const isMarketing = (id: string): boolean => marketing.has(id);
    // One search from the starts serves the way to every message; each way is shown from the marketing
    // message before it (whose own finding shows the way there), or from the start.
    const wayTo = model.graph.waysFrom(entries, (id) => readsConsent(id) || !unchecked.has(id));
    // The first marketing message on the way to each: the consent check before it covers the ones after.
    const first = new Map<string, string>();
    const firstOf = (id: string): string => {
      const chain: string[] = [];
      let at = id;
      while (!first.has(at)) {
        const before = wayTo(at, isMarketing)?.[0];
        if (before === undefined || before === at || !isMarketing(before)) {
          first.set(at, at);
          break;
        }
        chain.push(at);
        at = before;
      }
      for (const link of chain) first.set(link, first.get(at)!);
      return first.get(id)!;
    };
    for (const step of messages) {
      if (readsConsent(step.id) || !unchecked.has(step.id)) continue;
      const path = wayTo(step.id, isMarketing) ?? [step.id];
      const target = firstOf(step.id);
      // The step right before it: the way to it read one step back.
      const lead = target === step.id ? path : (wayTo(target, () => true) ?? [target]);
      const before = lead.length > 1 ? lead[lead.length - 2]! : null;
      const actor = notifier(model, before ?? undefined, target);
      report({
        messageId: known ? 'unchecked' : 'noConsentSystem',
        data: { id: step.id, start: path[0]! },
        step,
        path,
        suggestion: {
          title: `Check the customer's consent in \`${consent}\` before \`${target}\``,
          after: before,
          ...(before !== null ? { branch: target } : {}),
          step: {
            id: freshId(model, `check-consent-before-${target}`),
            name: 'Check consent and contact preferences',
            type: 'task',
            ...(actor ? { actor } : {}),
            reads: [consent],
          },
          ...(systems ? { systems } : {}),
        },
      });
    }
  },
});
