import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathsMeet, type PathRequirement } from '../src/declarative/compile.js';
import { matchesStep } from '../src/declarative/selector.js';
import { buildModel } from '../src/model/build.js';
import { entrySteps } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';

/**
 * The definition the search must keep: the layer-by-layer walk pmlint used before, which follows
 * loops up to `within` times (and so took `within` × the map's size).
 */
function byLayers(model: ProcessModel, from: Step, direction: 'up' | 'down', req: PathRequirement): boolean {
  const next = (id: string): readonly string[] => (direction === 'down' ? model.graph.successors(id) : model.graph.predecessors(id));
  const entries = direction === 'up' ? new Set(entrySteps(model)) : undefined;
  const isEnd = (id: string): boolean => next(id).length === 0 || (entries?.has(id) ?? false);
  const matches = (id: string): boolean => matchesStep(model, model.step(id)!, req.step, from);
  const every = (req.paths ?? 'every') === 'every';
  const limit = req.within ?? Infinity;
  let layer = new Set(next(from.id));
  const seen = new Set<string>();
  if (layer.size === 0) return false;
  for (let depth = 1; layer.size > 0 && depth <= limit; depth++) {
    const following = new Set<string>();
    for (const id of layer) {
      if (matches(id)) {
        if (!every) return true;
        continue;
      }
      if (every && (isEnd(id) || depth === limit)) return false;
      if (limit === Infinity) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      for (const n of next(id)) following.add(n);
    }
    layer = following;
  }
  return every;
}

const NOWHERE = { locate: () => undefined };

/** Random flow graphs of 1–12 steps, some of them `send` steps (the match), with loops and joins. */
const graphs = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    types: fc.array(fc.constantFrom('task', 'send'), { minLength: n, maxLength: n }),
    next: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    from: fc.integer({ min: 0, max: n - 1 }),
    within: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    paths: fc.constantFrom('every' as const, 'some' as const),
    direction: fc.constantFrom('up' as const, 'down' as const),
  }),
);

describe('declared rules: the path search', () => {
  it('answers as the layer-by-layer walk does, on random graphs with loops', () => {
    fc.assert(
      fc.property(graphs, ({ types, next, from, within, paths, direction }) => {
        const steps = types.map((type, i) => ({ id: `s${i}`, type, next: next[i]!.map((j) => `s${j}`) }));
        const model = buildModel({ pmlint: 1, process: { id: 'p', name: 'P' }, actors: {}, steps }, NOWHERE, 'm.yaml', { implicitNext: false });
        const req: PathRequirement = { paths, step: { type: 'send' }, ...(within !== undefined ? { within } : {}) };
        const step = model.step(`s${from}`)!;
        expect(pathsMeet(model, step, direction, req)).toBe(byLayers(model, step, direction, req));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('takes no longer for within: 1000000000 than for within: 5 (the search does not count to it)', () => {
    const steps = [
      { id: 'a', type: 'task', next: 'b' },
      { id: 'b', type: 'task', next: 'a' },
    ];
    const model = buildModel({ pmlint: 1, process: { id: 'p', name: 'P' }, actors: {}, steps }, NOWHERE, 'm.yaml');
    const a = model.step('a')!;
    // A loop without a match: a path of any length goes unmet; one with no end is not `some`.
    expect(pathsMeet(model, a, 'down', { paths: 'every', within: 1_000_000_000, step: { type: 'send' } })).toBe(false);
    expect(pathsMeet(model, a, 'down', { paths: 'some', within: 1_000_000_000, step: { type: 'send' } })).toBe(false);
    expect(pathsMeet(model, a, 'down', { paths: 'every', step: { type: 'send' } })).toBe(true);
  });
});
