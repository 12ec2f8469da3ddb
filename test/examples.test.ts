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
    const contact = result.findings.filter((f) => f.category === 'handoff' || f.category === 'scheduling');
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
      ]),
    );
    expect(result.findings.filter((f) => f.category === 'structure')).toEqual([]);
  });

  it('points each finding at the step to fix', () => {
    expect(result.findings.map((f) => `${f.line}:${f.column}:${f.stepId}:${f.ruleId}`)).toEqual([
      '42:9:send-lease-ending-email:automated-contact-notifies-human',
      '42:9:send-lease-ending-email:handoff-before-meeting',
      '42:9:send-lease-ending-email:offers-shared-with-staff',
      '55:9:send-reminder-email:automated-contact-notifies-human',
      '55:9:send-reminder-email:handoff-before-meeting',
      '55:9:send-reminder-email:offers-shared-with-staff',
      '71:9:book-appointment:absence-coverage',
      '71:9:book-appointment:schedule-reads-live-calendar',
      '71:9:book-appointment:schedule-writes-calendar',
      '77:9:send-booking-confirmation:automated-contact-notifies-human',
      '77:9:send-booking-confirmation:handoff-before-meeting',
      '84:9:lease-meeting:customer-context-before-meeting',
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

  it('is clean once its plan is applied: three activities, as the story tells them', () => {
    expect(result.plan!.map((i) => (i.kind === 'insert' ? `insert ${i.step.id} after ${i.after}` : i.kind === 'extend' ? `extend ${i.step}` : `system ${i.id}`))).toEqual([
      'insert check-salesperson-availability after show-free-slots',
      'extend book-appointment',
      'insert notify-salesperson-sales-manager-after-send-booking-confirmation after send-booking-confirmation',
    ]);
    const { text, skipped } = applyPlan(read('dealership-lease-renewal.yaml'), result.plan!);
    expect(skipped).toEqual([]);
    expect(lint(text).findings.filter((f) => f.category === 'handoff' || f.category === 'scheduling')).toEqual([]);
  });
});

describe('shipped examples', () => {
  it.each(['dealership-lease-renewal-fixed.yaml', 'service-booking.yaml'])('%s is clean', (name) => {
    expect(lint(read(name), name)).toMatchObject({ fatal: null, findings: [] });
  });

  it('web-lead-follow-up.yaml has exactly its structure findings', () => {
    expect(lint(read('web-lead-follow-up.yaml')).findings.map((f) => `${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      '49:9:decision-conditions',
      '57:9:no-dead-end',
      '68:9:no-unreachable',
      '71:9:no-unknown-reference',
    ]);
  });
});
