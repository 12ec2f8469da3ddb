import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { lintSource } from '../src/engine/lint.js';
import type { ActiveRule } from '../src/engine/run-rules.js';
import { allRules, lintWith } from './helpers/lint.js';

const ALL = allRules();

const VALID = `pmlint: 1
process: { id: p, name: P, owner: agent }
actors: { customer: { type: customer }, agent: { type: human } }
systems: { crm: { type: crm }, nps: { type: survey } }
metrics: { calls: { measures: call, target: 95%, owner: agent, review: weekly } }
steps:
  - { id: begin, type: start }
  - { id: call, type: send, actor: agent, to: customer, reads: crm, writes: [crm, nps] }
  - { id: finish, type: end }
`;

function chainMap(n: number): string {
  const lines = ['pmlint: 1', 'process: { id: p, name: P, owner: agent }', 'actors: { agent: { type: human } }', 'metrics: { m: { target: 1, owner: agent, review: daily } }', 'steps:', '  - { id: s0, type: start }'];
  for (let i = 1; i < n - 1; i++) lines.push(`  - { id: s${i}, type: task, actor: agent }`);
  lines.push(`  - { id: s${n - 1}, type: end }`);
  return lines.join('\n') + '\n';
}

describe('bad input never crashes and never loses a finding', () => {
  it('reports a YAML syntax error as a fatal with line and column', () => {
    const result = lintSource('pmlint: 1\nprocess: [a, b\nactors: {}\n', 'x.yaml', ALL);
    expect(result.fatal).toMatchObject({ line: 3, column: 1 });
    expect(result.fatal!.message).toMatch(/^YAML syntax error: /);
    expect(result.findings).toEqual([]);
  });

  it('reports duplicate keys as a fatal at the second key', () => {
    const result = lintSource('pmlint: 1\nprocess: { id: p, name: P }\nprocess: { id: q, name: Q }\n', 'x.yaml', ALL);
    expect(result.fatal).toMatchObject({ line: 3, column: 1 });
    expect(result.fatal!.message).toMatch(/^duplicate key: /);
  });

  it('refuses a YAML alias bomb at its first alias, before expanding it', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = lintSource(rows.join('\n') + '\n', 'bomb.yaml', ALL);
    // Refused at the first alias that expands too far, before building the 9^9 nodes.
    expect(result.fatal).toMatchObject({ line: 2, column: 8 });
    expect(result.fatal!.message).toContain('aliases expand too far');
  });

  it('still reads a map that uses a few aliases', () => {
    const result = lintSource(VALID.replace('{ customer: { type: customer }', '{ customer: &c { type: customer }').replace('agent: { type: human } }', 'agent: { type: human }, guest: *c }'), 'x.yaml', ALL);
    expect(result.fatal).toBeNull();
    expect(result.findings).toEqual([]);
  });

  it('reports a top-level list as a schema finding', () => {
    const result = lintWith('- a\n- b\n', ['valid-schema']);
    expect(result.fatal).toBeNull();
    expect(result.findings.map((f) => [f.line, f.column, f.message])).toEqual([[1, 1, 'the map must be a mapping; got a list']]);
  });

  it('reports an empty file as a schema finding', () => {
    const result = lintWith('', ['valid-schema', 'start-required']);
    expect(result.findings.map((f) => `${f.line}:${f.column}:${f.ruleId}`)).toEqual(['1:1:start-required', '1:1:valid-schema']);
    expect(result.findings[1]!.message).toBe('the file is empty: a process map needs `pmlint`, `process`, `actors` and `steps`');
  });

  it('reports a binary file as a fatal', () => {
    const result = lintSource(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'logo.yaml', ALL);
    expect(result.fatal?.message).toMatch(/^binary file: a NUL byte at byte offset 8/);
    expect(result.fatal).toMatchObject({ line: 3, column: 1 });
  });

  it('reports bytes that are not UTF-8 with their offset', () => {
    const bytes = new TextEncoder().encode('pmlint: 1\nprocess: { id: p, name: "Caf_" }\n');
    bytes[bytes.indexOf('_'.charCodeAt(0))] = 0xe9; // Latin-1 é
    const result = lintSource(bytes, 'latin1.yaml', ALL);
    expect(result.fatal).toEqual({ message: 'not valid UTF-8: byte 0xe9 at byte offset 38', line: 2, column: 29 });
  });

  it('reads a UTF-8 byte-order mark as nothing', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(VALID)]);
    expect(lintSource(bytes, 'bom.yaml', ALL)).toMatchObject({ fatal: null, findings: [] });
  });

  it('reports several YAML documents in one file as a fatal', () => {
    const result = lintSource(`${VALID}---\n${VALID}`, 'two.yaml', ALL);
    expect(result.fatal?.message).toMatch(/multiple documents/);
  });

  it('survives wrong types everywhere and reports them', () => {
    const text = `pmlint: "1"
process: 12
actors: [a, b]
steps:
  - 7
  - { id: begin, type: start, next: [{ to: 3 }] }
  - { id: x, type: send, to: { a: 1 }, shares: customer-history }
`;
    const result = lintSource(text, 'types.yaml', ALL);
    expect(result.fatal).toBeNull();
    expect(result.findings.some((f) => f.internal)).toBe(false);
    expect(result.findings.filter((f) => f.ruleId === 'valid-schema').map((f) => `${f.line}:${f.column}`)).toEqual([
      '1:9', '2:10', '3:9', '5:5', '6:44', '7:30', '7:48',
    ]);
  });

  it('reports duplicate ids across kinds at the second definition', () => {
    const result = lintWith(VALID.replace('agent: { type: human }', 'agent: { type: human }, call: { type: human }'), ['valid-schema']);
    expect(result.findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [8, 7, '`call` is already defined at line 3: ids are shared by steps, actors, systems, offers, stages and metrics, and must be unique'],
    ]);
  });

  it('suggests the closest id for an unknown reference', () => {
    const result = lintWith(VALID.replace('to: customer', 'to: costumer'), ['no-unknown-reference']);
    expect(result.findings.map((f) => [f.line, f.column, f.stepId, f.message])).toEqual([
      [8, 47, 'call', '`to` names `costumer`, which is not defined: expected an actor; did you mean `customer`?'],
    ]);
  });

  it('handles a next loop with no exit and a self-loop', () => {
    const loop = VALID.replace('{ id: call, type: send, actor: agent, to: customer, reads: crm, writes: [crm, nps] }', '{ id: call, type: send, actor: agent, to: customer, reads: crm, writes: [crm, nps], next: call }');
    expect(lintWith(loop, ['no-dead-end', 'no-unreachable']).findings.map((f) => `${f.line}:${f.ruleId}`)).toEqual(['7:no-dead-end', '9:no-unreachable']);
  });

  it('lints a 100,000-step chain with every rule without overflowing the stack', () => {
    const result = lintSource(chainMap(100_000), 'chain.yaml', ALL);
    expect(result.fatal).toBeNull();
    expect(result.findings).toEqual([]);
  });

  it('reports a rule that throws as an internal error and still runs the others', () => {
    const broken: ActiveRule = {
      rule: { meta: { ...builtinRules[0]!.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } },
      severity: 'warning',
      options: {},
    };
    const result = lintSource(VALID.replace('{ id: begin, type: start }', '{ id: begin, type: task, actor: agent }'), 'x.yaml', [broken, ...ALL]);
    expect(result.findings.map((f) => [f.ruleId, f.internal ?? false, f.severity])).toEqual([
      ['broken-rule', true, 'error'],
      ['start-required', false, 'error'],
    ]);
    expect(result.findings[0]!.message).toBe('internal error: rule `broken-rule` failed on x.yaml: boom');
  });
});

describe('a comma inside an unquoted value in { … }', () => {
  it('says what YAML read and how to quote it, not "did you mean"', () => {
    const text = 'pmlint: 1\nprocess: { id: p, name: P }\nactors:\n  a: { type: human }\nsystems:\n  cal: { name: Sales, Service calendar, type: calendar, live: true }\nsteps:\n  - id: s\n    type: start\n';
    const found = lintSource(text, 'comma.yaml', allRules()).findings.filter((f) => f.ruleId === 'valid-schema');
    expect(found.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '6:23 YAML read `Service calendar` as a field with no value (in `{ … }` a comma ends a value): write `name: "Sales, Service calendar"` if the comma belongs to the value; otherwise it is an unknown field',
    ]);
  });
});
