import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/model/build.js';
import { expectedVisits } from '../src/model/load.js';

/** A map's expected visits per step (rounded to a thousandth), from its steps. */
function visits(steps: Record<string, unknown>[]): Record<string, number> {
  const data = { pmlint: 1, process: { id: 'p', name: 'P' }, actors: { a: { type: 'human' } }, steps };
  const model = buildModel(data, { locate: () => undefined }, 'x.yaml');
  return Object.fromEntries([...expectedVisits(model)].map(([id, v]) => [id, Math.round(v * 1000) / 1000]));
}

describe('expected visits (rules.md: a loop with share p counts 1/(1-p) times)', () => {
  it('a retry loop that half the attempts repeat doubles the visits of its steps, and every instance leaves it once', () => {
    expect(
      visits([
        { id: 's', type: 'start' },
        { id: 'work', type: 'task', actor: 'a' },
        { id: 'ok', type: 'decision', next: [{ to: 'work', when: 'again', share: 0.5 }, { to: 'e', default: true }] },
        { id: 'e', type: 'end' },
      ]),
    ).toEqual({ s: 1, work: 2, ok: 2, e: 1 });
  });

  it('nested loops multiply: an inner loop of 1/(1-0.5) inside an outer one of 1/(1-0.5)', () => {
    expect(
      visits([
        { id: 's', type: 'start' },
        { id: 'outer', type: 'task', actor: 'a' },
        { id: 'inner', type: 'task', actor: 'a' },
        { id: 'again', type: 'decision', next: [{ to: 'inner', when: 'x', share: 0.5 }, { to: 'back', default: true }] },
        { id: 'back', type: 'decision', next: [{ to: 'outer', when: 'y', share: 0.5 }, { to: 'e', default: true }] },
        { id: 'e', type: 'end' },
      ]),
    ).toEqual({ s: 1, outer: 2, inner: 4, again: 4, back: 2, e: 1 });
  });

  it('a parallel join runs once for a token on each of its incoming flows; a decision splits by share', () => {
    expect(
      visits([
        { id: 's', type: 'start', next: 'split' },
        { id: 'split', type: 'parallel', next: ['left', 'right'] },
        { id: 'left', type: 'task', actor: 'a', next: 'join' },
        { id: 'right', type: 'task', actor: 'a', next: 'join' },
        { id: 'join', type: 'parallel', next: 'pick' },
        { id: 'pick', type: 'decision', next: [{ to: 'x', when: 'a', share: 0.3 }, { to: 'e', default: true }] },
        { id: 'x', type: 'task', actor: 'a' },
        { id: 'e', type: 'end' },
      ]),
    ).toEqual({ s: 1, split: 1, left: 1, right: 1, join: 1, pick: 1, x: 0.3, e: 1 });
  });

  it('counts a loop nobody leaves as 100 rounds, not forever', () => {
    expect(
      visits([
        { id: 's', type: 'start' },
        { id: 'remind', type: 'send', actor: 'a', to: 'a', next: 'wait' },
        { id: 'wait', type: 'wait', next: 'remind' },
      ]),
    ).toEqual({ s: 1, remind: 100, wait: 100 });
  });

  it('gives a long loop the same answer by iteration as a short one by elimination', () => {
    for (const n of [50, 1500]) {
      const tasks = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, type: 'task', actor: 'a' }));
      const result = visits([
        { id: 's', type: 'start' },
        ...tasks,
        { id: 'again', type: 'decision', next: [{ to: 't0', when: 'x', share: 0.5 }, { to: 'e', default: true }] },
        { id: 'e', type: 'end' },
      ]);
      expect(new Set(tasks.map((t) => result[t.id]))).toEqual(new Set([2]));
      expect(result['e']).toBe(1);
    }
  });
});

