import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint.js';
import { allRules } from './helpers/lint.js';

const ALL = allRules();
const TYPES = ['start', 'end', 'task', 'send', 'receive', 'schedule', 'meeting', 'decision', 'parallel', 'wait'] as const;
const ACTORS = ['customer', 'agent', 'manager', 'bot'];

/** Random maps that follow the format, with flows that may loop, branch, or point anywhere. */
const validMap = fc.integer({ min: 1, max: 25 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `step-${i}`);
  const target = fc.constantFrom(...ids);
  const step = (id: string) =>
    fc.record(
      {
        id: fc.constant(id),
        type: fc.constantFrom(...TYPES),
        actor: fc.constantFrom(...ACTORS),
        to: fc.subarray(ACTORS, { minLength: 1 }),
        automated: fc.boolean(),
        shares: fc.subarray(['customer-history', 'appointment']),
        next: fc.oneof(
          target,
          fc.array(fc.record({ to: target, when: fc.string({ maxLength: 8 }) }, { requiredKeys: ['to'] }), { minLength: 1, maxLength: 3 }),
        ),
      },
      { requiredKeys: ['id', 'type'] },
    ).map(({ next, ...rest }) => (rest.type === 'end' ? rest : { ...rest, next })); // an end has no next
  return fc.tuple(...ids.map(step)).map((steps) => ({
    pmlint: 1,
    process: { id: 'random', name: 'Random process', owner: 'manager' },
    actors: { customer: { type: 'customer' }, agent: { type: 'human', backup: 'manager' }, manager: { type: 'human' }, bot: { type: 'system' } },
    systems: { crm: { type: 'crm' }, diary: { type: 'calendar', live: true } },
    steps,
  }));
});

/** Arbitrary YAML-able data: anything a user might write by mistake. */
const anyData = fc.oneof(
  fc.jsonValue(),
  fc.record({ pmlint: fc.jsonValue(), process: fc.jsonValue(), actors: fc.jsonValue(), steps: fc.array(fc.dictionary(fc.constantFrom('id', 'type', 'next', 'to', 'actor'), fc.jsonValue())) }),
);

function checkFindings(text: string): void {
  const result = lintSource(text, 'random.yaml', ALL);
  const lineCount = text.split('\n').length;
  expect(result.findings.filter((f) => f.internal)).toEqual([]);
  for (const f of result.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lineCount);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.endLine).toBeGreaterThanOrEqual(f.line);
  }
}

describe('properties', () => {
  it('random valid maps never make a rule throw, and every finding lies inside the file', () => {
    fc.assert(
      fc.property(validMap, (map) => {
        const text = stringify(map);
        const result = lintSource(text, 'random.yaml', ALL);
        expect(result.fatal).toBeNull();
        expect(result.findings.filter((f) => f.ruleId === 'valid-schema')).toEqual([]);
        checkFindings(text);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary data never crashes pmlint', () => {
    fc.assert(
      fc.property(anyData, (data) => {
        checkFindings(stringify(data));
      }),
      { numRuns: 300 },
    );
  });
});
