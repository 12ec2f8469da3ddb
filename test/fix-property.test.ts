import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { FIX_ROUNDS } from '../src/fix.js';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint.js';
import type { FileResult } from '../src/findings.js';
import { applyPlan } from '../src/plan/apply.js';
import { recommended } from './helpers/lint.js';

const RULES = recommended();
const lint = (text: string): FileResult => lintSource(text, 'generated.yaml', RULES);

/**
 * Customer processes as a consultant writes them: a start, then automated and human contacts,
 * bookings, meetings and decisions whose branches meet again, an end; a comment on some lines.
 */
const KINDS = ['mail', 'notify', 'book', 'meet', 'call', 'decide', 'work'] as const;
const generatedMap = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 9 }),
    offer: fc.boolean(),
    commented: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  })
  .map(({ kinds, offer, commented }) => {
    const lines = [
      'pmlint: 1',
      'process: { id: generated, name: Generated process, owner: manager }',
      'actors:',
      '  customer: { type: customer }',
      '  agent: { type: human, backup: manager, reports-to: manager }',
      '  manager: { type: human }',
      '  bot: { type: system }',
      'systems:',
      '  crm: { type: crm }',
      '  diary: { type: calendar, live: true, owner: agent }',
      ...(offer ? ['offers:', '  deal: { name: Deal }'] : []),
      'steps:',
      '  - id: begin',
      '    type: start',
    ];
    kinds.forEach((kind, i) => {
      const id = `s${i}`;
      const note = commented[i % commented.length] ? `  # note ${i}` : '';
      switch (kind) {
        case 'mail':
          lines.push(`  - id: ${id}${note}`, '    type: send', '    actor: bot', '    to: customer', '    writes: crm', ...(offer ? ['    offers: deal'] : []));
          break;
        case 'notify':
          lines.push(`  - id: ${id}${note}`, '    type: send', '    actor: bot', '    to: agent', '    shares: [customer-history]');
          break;
        case 'book':
          lines.push(`  - id: ${id}${note}`, '    type: schedule', '    actor: customer', '    reads: diary', '    writes: diary');
          break;
        case 'meet':
          lines.push(`  - id: ${id}${note}`, '    type: meeting', '    actor: agent', '    with: customer', '    reads: crm', '    writes: crm');
          break;
        case 'call':
          lines.push(`  - id: ${id}${note}`, '    type: send', '    actor: agent', '    to: customer', '    channel: phone', '    reads: crm', '    writes: crm');
          break;
        case 'decide':
          // Both branches go on to the next step: one directly, one through a short detour.
          lines.push(`  - id: ${id}${note}`, '    type: decision', '    next:', `      - { to: ${id}-detour, when: the customer asks }`, `      - { to: ${id}-on, default: true }`);
          lines.push(`  - id: ${id}-detour`, '    type: task', '    actor: agent', '    reads: crm', `    next: ${id}-on`);
          lines.push(`  - id: ${id}-on`, '    type: task', '    actor: bot');
          break;
        default:
          lines.push(`  - id: ${id}${note}`, '    type: task', '    actor: bot');
      }
    });
    lines.push('  - id: finish  # the case is closed', '    type: end', '');
    return lines.join('\n');
  });

const FIXED_CATEGORIES = new Set(['handoff', 'scheduling', 'consent']);

/** Applies the plan as pmlint fix does: plan, apply, check again, FIX_ROUNDS rounds at most. */
function fix(text: string): string {
  let current = text;
  for (let round = 0, plan = lint(text).plan ?? []; round < FIX_ROUNDS && plan.length > 0; round++) {
    const outcome = applyPlan(current, plan);
    if (outcome.applied.length === 0) break;
    current = outcome.text;
    plan = lint(current).plan ?? [];
  }
  return current;
}

describe('pmlint fix on generated customer processes', () => {
  it('leaves no hand-over or scheduling finding with a plan, changes nothing the second time, and keeps every comment', () => {
    let planned = 0;
    const runs = Number(process.env['FIX_RUNS'] ?? 300);
    fc.assert(
      fc.property(generatedMap, (text) => {
        const before = lint(text);
        expect(before.fatal).toBeNull();
        if ((before.plan ?? []).length > 0) planned++;
        const fixed = fix(text);
        const after = lint(fixed);
        expect(after.fatal).toBeNull();
        expect(after.findings.filter((f) => f.ruleId === 'valid-schema' || f.ruleId === 'no-unknown-reference')).toEqual([]);
        expect(after.findings.filter((f) => FIXED_CATEGORIES.has(f.category ?? '') && f.suggestion).map((f) => `${f.ruleId}@${f.stepId}`)).toEqual([]);
        expect(fix(fixed)).toBe(fixed);
        for (const line of text.split('\n').filter((l) => l.includes('#'))) expect(fixed).toContain(line.slice(line.indexOf('#')));
      }),
      { numRuns: runs, seed: 20261207 },
    );
    // The property is only worth something if many maps had something to fix (133 of the 300 seeded ones).
    expect(planned).toBeGreaterThan(runs / 3);
  });

  it('never throws on a damaged map, and never turns a map that parses into one that does not', () => {
    fc.assert(
      fc.property(generatedMap, fc.nat(), fc.nat({ max: 40 }), (text, at, length) => {
        const plan = lint(text).plan ?? [];
        const start = at % Math.max(1, text.length);
        const damaged = text.slice(0, start) + text.slice(start + length);
        const before = parseDocument(damaged).errors.length === 0;
        const { text: out } = applyPlan(damaged, plan);
        if (before) expect(parseDocument(out).errors).toEqual([]);
        else expect(out).toBe(damaged);
      }),
      { numRuns: Number(process.env['FIX_RUNS'] ?? 300), seed: 7 },
    );
  });
});

