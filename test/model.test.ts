import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/model/build.js';
import { FlowGraph } from '../src/model/graph.js';
import { parseRate } from '../src/model/rate.js';
import { parseYamlMap } from '../src/parse/yaml.js';
import type { ProcessModel } from '../src/model/types.js';

function model(yaml: string): ProcessModel {
  const parsed = parseYamlMap(yaml);
  if (!parsed.ok) throw new Error(parsed.fatal.message);
  return buildModel(parsed.map.data, parsed.map.locator, 'test.yaml');
}

const MAP = `pmlint: 1
process: { id: p, name: P, volume: 400/month }
actors:
  customer: { type: customer }
  salesperson: { type: human, backup: manager }
  manager: { type: human }
  crm-bot: { type: system }
  partner-firm: { type: partner }
systems:
  crm: { type: crm }
steps:
  - { id: go, type: start }
  - { id: auto-mail, type: send, actor: crm-bot, to: customer }
  - { id: manual-mail, type: send, actor: crm-bot, automated: false, to: [customer, salesperson, partner-firm] }
  - { id: tell-staff, type: send, actor: crm-bot, to: [salesperson, manager] }
  - { id: meet, type: meeting, actor: salesperson, with: customer }
  - { id: call, type: send, actor: salesperson, to: customer }
  - { id: bot-call, type: send, actor: salesperson, automated: true, to: customer }
  - { id: paperwork, type: task, actor: salesperson }
  - { id: customer-books, type: schedule, actor: customer }
  - { id: done, type: end }
`;

describe('model: derived notions (format.md)', () => {
  const m = model(MAP);
  const step = (id: string) => m.step(id)!;

  it('makes a step automated when its actor is a system, unless it says otherwise', () => {
    expect(step('auto-mail').automated).toBe(true);
    expect(step('manual-mail').automated).toBe(false);
    expect(step('call').automated).toBe(false);
    expect(step('bot-call').automated).toBe(true);
  });

  it('finds customer contacts through to, with and a customer actor', () => {
    expect(['auto-mail', 'manual-mail', 'meet', 'call', 'bot-call', 'customer-books'].every((id) => step(id).customerContact)).toBe(true);
    expect(step('tell-staff').customerContact).toBe(false);
    expect(step('paperwork').customerContact).toBe(false);
  });

  it('finds human interactions: meetings and manual contacts by a human', () => {
    expect(m.steps.filter((s) => s.humanInteraction).map((s) => s.id)).toEqual(['meet', 'call']);
  });

  it('knows which humans a send notifies', () => {
    expect([...step('tell-staff').notifies]).toEqual(['salesperson', 'manager']);
    expect([...step('manual-mail').notifies]).toEqual(['salesperson']);
    expect([...step('meet').notifies]).toEqual([]);
  });

  it('follows list order where next is absent, and stops at an end and at the last step', () => {
    expect(step('go').next.map((f) => [f.to, f.implicit])).toEqual([['auto-mail', true]]);
    expect(step('done').next).toEqual([]);
    expect(m.graph.sinks()).toEqual(['done']);
  });

  it('converts rates to a weekly figure', () => {
    expect(m.process.volume?.perWeek).toBeCloseTo((400 * 12) / 52, 6);
    expect(parseRate('30/week')?.perWeek).toBe(30);
    expect(parseRate('1/quarter')?.perWeek).toBeCloseTo(1 / 13, 9);
    expect(parseRate('52/year')?.perWeek).toBe(1);
    expect(parseRate('7/day')?.perWeek).toBeCloseTo(49, 9);
    expect(parseRate('lots')).toBeUndefined();
  });

  it('keeps references with the kind of id each field expects', () => {
    const refs = m.references.map((r) => `${r.field}:${r.kind}:${r.id}`);
    expect(refs).toContain('backup:actor:manager');
    expect(refs).toContain('to:actor:partner-firm');
    expect(refs).toContain('with:actor:customer');
  });

  it('reads flows with conditions, shares and defaults', () => {
    const m2 = model(`pmlint: 1
process: { id: p, name: P }
actors: { a: { type: human } }
steps:
  - { id: s, type: start }
  - id: d
    type: decision
    next: [{ to: x, when: big, share: 0.25 }, x2, { to: e, default: true }]
  - { id: x, type: task, actor: a }
  - { id: x2, type: task, actor: a }
  - { id: e, type: end }
`);
    expect(m2.step('d')!.next.map((f) => ({ to: f.to, when: f.when, share: f.share, default: f.default }))).toEqual([
      { to: 'x', when: 'big', share: 0.25, default: false },
      { to: 'x2', when: undefined, share: undefined, default: false },
      { to: 'e', when: undefined, share: undefined, default: true },
    ]);
  });

  it('never throws on data of the wrong shape', () => {
    for (const data of [null, 42, 'text', [], { steps: 'x', actors: [] }, { steps: [null, 3, { id: 5 }, { id: 'a', next: { to: 7 } }] }]) {
      expect(() => buildModel(data, { locate: () => undefined }, 'x.yaml')).not.toThrow();
    }
  });
});

describe('reachableFrom with joins: parallel branches run together (format.md, "run")', () => {
  const g = new FlowGraph(['s', 'split', 'a', 'b', 'join', 'm', 'pick', 'c', 'd', 'merge'], [
    ['s', 'split'], ['split', 'a'], ['split', 'b'], ['a', 'join'], ['b', 'join'], ['join', 'm'],
    ['m', 'pick'], ['pick', 'c'], ['pick', 'd'], ['c', 'merge'], ['d', 'merge'],
  ]);
  const isJoin = (id: string) => id === 'join';

  it('a step on one branch of a split is passed by every run past the join', () => {
    expect([...g.reachableFrom(['s'], (id) => id === 'a', isJoin)].sort()).toEqual(['b', 's', 'split']);
  });

  it('a step on one branch of a decision is not: the other branch goes round it', () => {
    expect(g.reachableFrom(['s'], (id) => id === 'c', isJoin).has('merge')).toBe(true);
  });

  it('with nothing to avoid, the join is passed once every branch has come', () => {
    expect(g.reachableFrom(['s'], () => false, isJoin).size).toBe(10);
  });
});
