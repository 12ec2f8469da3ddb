import { describe, expect, it } from 'vitest';
import { lintWith } from './helpers/lint.js';
import { buildModel } from '../src/model/build.js';
import { parseYamlMap } from '../src/parse/yaml.js';

const MAP = `pmlint: 1
process: { id: offer, name: Offer }
actors:
  customer: { type: customer }
  agent: { type: human }
  bot: { type: system }
steps:
  - { id: begin, type: start }
  - id: mail-offer
    type: send
    actor: bot
    to: customer
    channel: email
    purpose: marketing
    opt-out: true
    max-repeats: 3
  - id: await-reply
    type: receive
    actor: bot
    from: customer
    timeout: { after: 3d, next: call }
    next: book
  - id: decide
    type: decision
    next:
      - { to: book, when: the customer wants it, outcome: positive }
      - { to: call, default: true, outcome: negative }
  - { id: call, type: meeting, actor: agent, with: customer, channel: phone, next: done }
  - { id: book, type: task, actor: agent }
  - { id: done, type: end }
`;

function model(text: string) {
  const parsed = parseYamlMap(text);
  if (!parsed.ok) throw new Error('no parse');
  return buildModel(parsed.map.data, parsed.map.locator, 'm.yaml');
}

describe('the customer-edge fields (format.md): purpose, opt-out, from, timeout, max-repeats, outcome', () => {
  it('are valid map fields', () => {
    expect(lintWith(MAP, ['valid-schema', 'no-unknown-reference']).findings).toEqual([]);
  });

  it('are read into the model; the timeout is a flow of its own, taken when nothing arrives in time', () => {
    const m = model(MAP);
    const mail = m.step('mail-offer')!;
    expect([mail.purpose, mail.optOut, mail.maxRepeats]).toEqual(['marketing', true, 3]);
    const wait = m.step('await-reply')!;
    expect(wait.from).toEqual(['customer']);
    expect(wait.timeoutAfter).toBe('3d');
    expect(wait.next.map((f) => [f.to, f.timeout ?? false])).toEqual([
      ['book', false],
      ['call', true],
    ]);
    expect(m.graph.successors('await-reply')).toEqual(['book', 'call']);
    expect(m.step('decide')!.next.map((f) => f.outcome)).toEqual(['positive', 'negative']);
  });

  it('a wait with a timeout passes its token on one way or the other, never both (format.md, run)', () => {
    // Both ways meet again at `done`: a choice, so no double run.
    const merged = MAP.replace('next: book\n  - id: decide', 'next: done\n  - id: decide');
    expect(lintWith(merged, ['no-lack-of-synchronization', 'no-deadlock']).findings).toEqual([]);
  });

  it('names a bad duration, an unknown timeout step and an unknown `from` at their values', () => {
    const bad = MAP.replace('after: 3d, next: call', 'after: soon, next: cal').replace('from: customer', 'from: custmer');
    const found = lintWith(bad, ['valid-schema', 'no-unknown-reference']).findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);
    expect(found.sort(), JSON.stringify(found)).toEqual(['no-unknown-reference@20:11', 'no-unknown-reference@21:35', 'valid-schema@21:23']);
  });
});
