import { components } from './graph.js';
import { entrySteps } from './queries.js';
import type { ProcessModel } from './types.js';

/** A loop no instance leaves is counted as this many rounds (no-dead-end reports the loop itself). */
const MAX_ROUNDS = 100;
/** Loops of more steps than this are solved by iteration rather than elimination. */
const EXACT_LIMIT = 400;

/**
 * The expected number of times an instance passes each step: 1 shared among the entries, split on a
 * decision by the branches' `share` (the rest shared equally among branches without one), copied to
 * every branch of a parallel gateway (or `share` when given); a `parallel` join runs once for a token
 * on each of its incoming flows. What goes round a loop counts each round: a branch that loops back
 * with share p multiplies the steps on the loop by 1/(1-p) (rules.md). The steps are taken loop by loop
 * (strongly connected components, found without recursion, in flow order); each loop's equations are
 * solved exactly, by elimination, or for a loop of more than 400 steps by Gauss-Seidel sweeps.
 */
export function expectedVisits(model: ProcessModel): Map<string, number> {
  const { graph } = model;
  const entries = entrySteps(model);
  const reachable = graph.reachableFrom(entries);
  const into = new Map<string, number>();
  for (const id of reachable) for (const to of graph.successors(id)) if (reachable.has(to)) into.set(to, (into.get(to) ?? 0) + 1);
  /** How much of a token on `id` each flow carries on. */
  const shares = (id: string): [string, number][] => {
    const step = model.step(id)!;
    const flows = step.next.filter((f) => reachable.has(f.to));
    const unset = flows.filter((f) => f.share === undefined).length;
    const explicit = flows.reduce((sum, f) => sum + (f.share ?? 0), 0);
    return flows.map((f) => [f.to, step.type === 'decision' ? (f.share ?? Math.max(0, 1 - explicit) / Math.max(1, unset)) : (f.share ?? 1)]);
  };
  /** A parallel join runs once per token on each incoming flow. */
  const runsPer = (id: string): number => (model.step(id)?.type === 'parallel' ? Math.max(1, into.get(id) ?? 1) : 1);

  const inflow = new Map<string, number>();
  for (const id of entries) inflow.set(id, (inflow.get(id) ?? 0) + 1 / entries.length);
  const visits = new Map<string, number>();
  // Every successor of a reachable step is reachable: the graph's own lists serve as they are.
  for (const component of components([...reachable], (id) => graph.successors(id))) {
    const inside = new Map(component.map((id, i) => [id, i]));
    const solved = solve(component, inside, shares, runsPer, inflow);
    component.forEach((id, i) => {
      const v = Number.isFinite(solved[i]!) ? Math.min(Math.max(solved[i]!, 0), MAX_ROUNDS) : MAX_ROUNDS;
      visits.set(id, v);
      for (const [to, share] of shares(id)) if (!inside.has(to)) inflow.set(to, (inflow.get(to) ?? 0) + v * share);
    });
  }
  return visits;
}

/**
 * The visits of one loop's steps: v = (inflow + the share of each step's visits flowing to it) / runsPer,
 * solved by Gaussian elimination with partial pivoting, or by Gauss-Seidel sweeps for a very large loop.
 */
function solve(
  steps: readonly string[],
  inside: ReadonlyMap<string, number>,
  shares: (id: string) => [string, number][],
  runsPer: (id: string) => number,
  inflow: ReadonlyMap<string, number>,
): number[] {
  const n = steps.length;
  const b = steps.map((id) => inflow.get(id) ?? 0);
  const edges = steps.map((id) => shares(id).flatMap(([to, share]) => (inside.has(to) ? [[inside.get(to)!, share] as const] : [])));
  if (n === 1 && edges[0]!.length === 0) return [b[0]! / runsPer(steps[0]!)];
  if (n > EXACT_LIMIT) {
    // Gauss-Seidel: each step's value from its predecessors' newest values, swept in the order the
    // component was found (along the flow), until nothing changes; a sweep carries a value round the whole loop.
    const into = steps.map(() => [] as [number, number][]);
    edges.forEach((out, i) => out.forEach(([j, share]) => into[j]!.push([i, share])));
    const v = new Array<number>(n).fill(0);
    for (let sweep = 0; sweep < 10_000; sweep++) {
      let change = 0;
      for (let j = 0; j < n; j++) {
        let x = b[j]!;
        for (const [i, share] of into[j]!) x += v[i]! * share;
        const value = Math.min(x / runsPer(steps[j]!), MAX_ROUNDS);
        change = Math.max(change, Math.abs(value - v[j]!));
        v[j] = value;
      }
      if (change < 1e-9) break;
    }
    return v;
  }
  // (runsPer_j) v_j - sum_i share(i->j) v_i = b_j
  const a = steps.map((id) => {
    const row = new Array<number>(n + 1).fill(0);
    row[inside.get(id)!] = runsPer(id);
    return row;
  });
  edges.forEach((out, i) => out.forEach(([j, share]) => (a[j]![i]! -= share)));
  b.forEach((x, j) => (a[j]![n] = x));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return new Array<number>(n).fill(Infinity); // a loop nobody leaves
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col || a[r]![col] === 0) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[r]![k]! -= f * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}


/** Expected steps per week for each human actor who performs steps, given the process volume. */
export function weeklyLoad(model: ProcessModel): Map<string, number> {
  const volume = model.process.volume?.perWeek;
  const load = new Map<string, number>();
  if (volume === undefined) return load;
  const visits = expectedVisits(model);
  for (const step of model.steps) {
    if (step.actor === undefined || model.actors.get(step.actor)?.type !== 'human') continue;
    load.set(step.actor, (load.get(step.actor) ?? 0) + volume * (visits.get(step.id) ?? 0));
  }
  return load;
}

/** A figure rounded for people: whole numbers from 10 up, one decimal below. */
export function roundForPeople(value: number): string {
  if (value >= 10) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}
