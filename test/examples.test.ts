import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint.js';
import { recommended } from './helpers/lint.js';
import { applyPlan } from '../src/plan/apply.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const RECOMMENDED = recommended();
const read = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');
const lint = (text: string, name = 'x.yaml') => lintSource(text, name, RECOMMENDED);

describe('the founding story: examples/dealership-lease-renewal.yaml', () => {
  const result = lint(read('dealership-lease-renewal.yaml'));
  const suggestions = result.findings.flatMap((f) => (f.suggestion ? [f.suggestion] : []));
  const steps = suggestions.map((s) => s.step);
  const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  it('reports at least five findings across the handoff and scheduling rules', () => {
    const contact = result.findings.filter((f) => f.category === 'handoff' || f.category === 'scheduling' || f.category === 'consent');
    expect(contact.length).toBeGreaterThanOrEqual(5);
    expect(new Set(contact.map((f) => f.ruleId))).toEqual(
      new Set([
        'automated-contact-notifies-human',
        'handoff-before-meeting',
        'offers-shared-with-staff',
        'customer-context-before-meeting',
        'absence-coverage',
        'schedule-reads-live-calendar',
        'schedule-writes-calendar',
        'marketing-opt-out',
        'marketing-consent-checked',
        'reminder-repeats-capped',
      ]),
    );
    expect(result.findings.filter((f) => f.category === 'structure')).toEqual([]);
  });

  it('points each finding at the step to fix', () => {
    expect(result.findings.map((f) => `${f.line}:${f.column}:${f.stepId}:${f.ruleId}`)).toEqual([
      '42:9:send-lease-ending-email:automated-contact-notifies-human',
      '42:9:send-lease-ending-email:handoff-before-meeting',
      '42:9:send-lease-ending-email:marketing-consent-checked',
      '42:9:send-lease-ending-email:marketing-opt-out',
      '42:9:send-lease-ending-email:offers-shared-with-staff',
      '55:9:send-reminder-email:automated-contact-notifies-human',
      '55:9:send-reminder-email:handoff-before-meeting',
      '55:9:send-reminder-email:marketing-consent-checked',
      '55:9:send-reminder-email:marketing-opt-out',
      '55:9:send-reminder-email:offers-shared-with-staff',
      '55:9:send-reminder-email:reminder-repeats-capped',
      '71:9:book-appointment:absence-coverage',
      '71:9:book-appointment:schedule-reads-live-calendar',
      '71:9:book-appointment:schedule-writes-calendar',
      '77:9:send-booking-confirmation:automated-contact-notifies-human',
      '77:9:send-booking-confirmation:handoff-before-meeting',
      '84:9:lease-meeting:customer-context-before-meeting',
      '84:9:lease-meeting:feedback-collected',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'handoff-before-meeting')!.message).toBe(
      '`send-lease-ending-email` leads to the meeting `lease-meeting` with `salesperson`, but on the way through `show-free-slots` nothing tells `salesperson` the customer is coming',
    );
  });

  it('suggests the missing activities of the story', () => {
    // read the salesperson's live calendar (and offer its free slots)
    expect(suggestions).toContainEqual(expect.objectContaining({ after: 'show-free-slots', step: expect.objectContaining({ type: 'task', reads: 'salesperson-calendar' }) }));
    // book into it: the booking itself writes the calendar
    expect(suggestions).toContainEqual(expect.objectContaining({ after: 'book-appointment', extend: { step: 'book-appointment', add: { writes: ['salesperson-calendar'] } } }));
    // notify the salesperson that the customer is coming, with the customer's history
    expect(steps).toContainEqual(expect.objectContaining({ type: 'send', to: 'salesperson', shares: ['appointment', 'customer-history'] }));
    expect(steps.some((s) => list(s.to).includes('salesperson') && s.shares?.includes('customer-history'))).toBe(true);
    // tell the salesperson and the manager about the offer
    expect(steps).toContainEqual(expect.objectContaining({ type: 'send', to: ['salesperson', 'sales-manager'], shares: ['loyalty-lease'] }));
  });

  it('is clean once its plan is applied: the three activities of the story, and the customer edge around them', () => {
    expect(result.plan!.map((i) => (i.kind === 'insert' ? `insert ${i.step.id} after ${i.after}` : i.kind === 'extend' ? `extend ${i.step}` : `system ${i.id}`))).toEqual([
      'system consent-preferences',
      'insert check-consent-before-send-lease-ending-email after lease-ends-in-90-days',
      'extend send-lease-ending-email',
      'extend send-reminder-email',
      'insert check-salesperson-availability after show-free-slots',
      'extend book-appointment',
      'insert notify-salesperson-sales-manager-after-send-booking-confirmation after send-booking-confirmation',
      'insert survey-after-lease-meeting after lease-meeting',
    ]);
    // The e-mails carry an opt-out, the reminder is capped.
    expect(result.plan!.filter((i) => i.kind === 'extend' && i.set).map((i) => i.kind === 'extend' && [i.step, i.set])).toEqual([
      ['send-lease-ending-email', { 'opt-out': true }],
      ['send-reminder-email', { 'opt-out': true, 'max-repeats': 3 }],
    ]);
    const { text, skipped } = applyPlan(read('dealership-lease-renewal.yaml'), result.plan!);
    expect(skipped).toEqual([]);
    const after = lint(text).findings;
    expect(after.filter((f) => f.category === 'handoff' || f.category === 'scheduling' || f.category === 'consent')).toEqual(
      // The survey is itself an automated contact: the next round of the plan hands it over to a person.
      [expect.objectContaining({ ruleId: 'automated-contact-notifies-human', stepId: 'survey-after-lease-meeting' })],
    );
  });
});

describe('shipped examples', () => {
  it.each(['dealership-lease-renewal-fixed.yaml', 'service-booking.yaml'])('%s is clean', (name) => {
    expect(lint(read(name), name)).toMatchObject({ fatal: null, findings: [] });
  });

  it('web-lead-follow-up.yaml has exactly its structure findings', () => {
    expect(lint(read('web-lead-follow-up.yaml')).findings.map((f) => `${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      '49:9:decision-conditions',
      '71:9:no-dead-end',
      '83:9:no-unreachable',
      '86:9:no-unknown-reference',
    ]);
  });
});
