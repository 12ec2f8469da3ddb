import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint.js';
import { applyPlan } from '../src/plan/apply.js';
import { ROOT } from './helpers/cli.js';
import { recommended } from './helpers/lint.js';

const RULES = recommended();
const lint = (text: string) => lintSource(text, 'lease.yaml', RULES);
const STORY = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');

describe('the plan extends before it adds', () => {
  // The dealership already tells the salesperson of the booking, but not the manager, not the history, not the offer.
  const text = STORY.replace(
    '    shares: [appointment]\n    writes: dms\n  - id: lease-meeting\n',
    '    shares: [appointment]\n    writes: dms\n  - id: tell-salesperson\n    type: send\n    actor: booking-site\n    to: salesperson\n    shares: [appointment]\n  - id: lease-meeting\n',
  );

  it('adds the missing people and items to the notification the map has at that place', () => {
    const plan = lint(text).plan!;
    expect(plan.filter((i) => i.kind === 'extend' && i.step === 'tell-salesperson')).toEqual([
      {
        kind: 'extend',
        title: 'Extend `tell-salesperson`: send it to `sales-manager` too and share `loyalty-lease` and `customer-history`',
        step: 'tell-salesperson',
        add: { to: ['sales-manager'], shares: ['loyalty-lease', 'customer-history'] },
        ruleIds: ['offers-shared-with-staff', 'customer-context-before-meeting'],
      },
    ]);
    // No new notification to staff: only the survey the customer is sent after the meeting.
    expect(plan.filter((i) => i.kind === 'insert' && i.step.type === 'send').map((i) => i.kind === 'insert' && i.step.purpose)).toEqual(['survey']);
  });

  it('and applied, leaves no hand-over finding', () => {
    const fixed = applyPlan(text, lint(text).plan!).text;
    expect(fixed).toContain('  - id: tell-salesperson\n    type: send\n    actor: booking-site\n    to: [salesperson, sales-manager]\n    shares: [appointment, loyalty-lease, customer-history]\n');
    // Only the survey the plan adds after the meeting is an automated contact of its own, handed over in the next round.
    expect(lint(fixed).findings.filter((f) => f.category === 'handoff').map((f) => `${f.ruleId}:${f.stepId}`)).toEqual(['automated-contact-notifies-human:survey-after-lease-meeting']);
  });
});
