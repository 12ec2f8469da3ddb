import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX_ROUNDS } from '../src/fix.js';
import { applyPlan } from '../src/plan/apply.js';
import { lintWith } from './helpers/lint.js';
import { fixtureOptions } from './helpers/fixtures.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples', 'rules');

/** The rules that find a missing activity (and the soundness rules' quick fixes): the plan made of their suggestions really fixes what they find. */
const MISSING_ACTIVITY_RULES = [
  'automated-contact-notifies-human',
  'handoff-before-meeting',
  'offers-shared-with-staff',
  'customer-context-before-meeting',
  'human-touchpoint',
  'absence-coverage',
  'schedule-reads-live-calendar',
  'schedule-writes-calendar',
  // The customer edge: what happens when the customer does not do what the automation expects.
  'no-response-path',
  'no-response-reaches-person',
  'bad-news-by-person',
  'customer-hears-outcome',
  'appointment-reminder',
  'marketing-opt-out',
  'marketing-consent-checked',
  'reminder-repeats-capped',
  'metric-source-written',
  'feedback-collected',
  // Their quick fixes (a type change, a join put in), where one is sound.
  'no-deadlock',
  'no-lack-of-synchronization',
];

describe.each(MISSING_ACTIVITY_RULES)('%s: suggestions are real', (id) => {
  const dir = join(EXAMPLES, id);
  const cases = readdirSync(dir)
    .filter((f) => f.startsWith('bad') && f.endsWith('.yaml'))
    .flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const options = { [id]: fixtureOptions(text) };
      return lintWith(text, [id], options)
        .findings.filter((f) => f.suggestion)
        .map((finding) => ({ name: `${file}: ${finding.message}`, text, options, finding }));
    });

  it('has at least one suggestion in its bad examples', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('the plan, applied as pmlint fix applies it, fixes: %s', (_name, { text, options, finding }) => {
    const before = lintWith(text, [id], options);
    // As pmlint fix does: apply the plan, check again, and apply what the check still asks for (FIX_ROUNDS rounds at most).
    let fixed = text;
    for (let round = 0, plan = before.plan ?? []; round < FIX_ROUNDS && plan.length > 0; round++) {
      const outcome = applyPlan(fixed, plan);
      expect(outcome.skipped).toEqual([]);
      fixed = outcome.text;
      plan = lintWith(fixed, [id], options).plan ?? [];
    }
    const after = lintWith(fixed, [id, 'valid-schema', 'no-unknown-reference'], options);
    expect(after.findings.filter((f) => f.ruleId !== id)).toEqual([]);
    const same = after.findings.filter((f) => f.stepId === finding.stepId && f.messageId === finding.messageId && f.message === finding.message);
    expect(same).toEqual([]);
    expect(after.findings.length).toBeLessThan(before.findings.length);
  });
});

describe('suggestions are worded for the map', () => {
  const map = (stage: string) => `pmlint: 1
process: { id: visit, name: Visit }
actors:
  customer: { type: customer }
  advisor: { type: human }
stages:
  - { id: now, name: Now, phase: ${stage} }
steps:
  - id: begin
    type: start
  - id: meet
    type: meeting
    actor: advisor
    with: customer
    stage: now
  - id: done
    type: end
`;
  const title = (stage: string) => lintWith(map(stage), ['customer-context-before-meeting']).findings[0]!.suggestion!.title;

  it('speaks of a long-standing customer only where the map says the customer is returning', () => {
    expect(title('repurchase')).toBe("Give `advisor` the customer's history before `meet` (a long-standing customer expects to be recognised)");
    expect(title('consideration')).toBe("Give `advisor` the customer's history before `meet`");
  });
});
