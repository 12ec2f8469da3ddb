import type { FlowNet } from '../../src/model/soundness.js';

/** What the exhaustive token game finds in one net: the joins some run leaves waiting and the steps one run reaches twice at once. */
export interface GameResult {
  /** False when a run had more states than the cap: nothing is said about the net. */
  complete: boolean;
  deadlocks: Set<string>;
  doubleRuns: Set<string>;
  /** The steps some run puts a token in front of. */
  reached: Set<string>;
}

const CAP = 3;

/**
 * The oracle for the soundness rules: format.md's "run", played out state by state. Tokens sit on flows;
 * a join fires when each flow into it has one, any other step for each token it gets (a decision's token
 * goes to one branch, any other step's to every flow out); a token that reaches an `end` is gone. Each
 * start is a run of its own. A step (not a join, not an end) with two tokens on its flows in at once is a
 * double run; a join with a token that no state reachable from there lets it use is a deadlock.
 */
export function playTokenGame(net: FlowNet, maxStates = 20_000): GameResult {
  const n = net.ids.length;
  const edges: [number, number][] = [];
  const into: number[][] = Array.from({ length: n }, () => []);
  const outOf: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) {
    for (const w of net.succ[v]!) {
      into[w]!.push(edges.length);
      outOf[v]!.push(edges.length);
      edges.push([v, w]);
    }
  }
  // One extra flow into each start carries the run's first token.
  const startEdge = new Map<number, number>();
  for (const s of net.starts) {
    startEdge.set(s, edges.length);
    into[s]!.push(edges.length);
    edges.push([-1, s]);
  }
  const isJoin = (v: number): boolean => net.kinds[v] === 'and' && into[v]!.filter((e) => edges[e]![0] !== -1).length > 1;
  const result: GameResult = { complete: true, deadlocks: new Set(), doubleRuns: new Set(), reached: new Set() };

  for (const s of net.starts) {
    const first = new Uint8Array(edges.length);
    first[startEdge.get(s)!] = 1;
    const states: Uint8Array[] = [first];
    const index = new Map<string, number>([[first.join(','), 0]]);
    const next: number[][] = [];
    const put = (state: Uint8Array, e: number): void => {
      const target = edges[e]![1];
      if (net.kinds[target] === 'end') return;
      state[e] = Math.min(CAP, state[e]! + 1);
    };
    const fire = (state: Uint8Array, consume: readonly number[], produce: readonly number[]): Uint8Array => {
      const m = state.slice();
      for (const e of consume) m[e]!--;
      for (const e of produce) put(m, e);
      return m;
    };
    for (let i = 0; i < states.length; i++) {
      const m = states[i]!;
      const successors: Uint8Array[] = [];
      for (let v = 0; v < n; v++) {
        if (net.kinds[v] === 'end') continue;
        const ins = into[v]!;
        if (isJoin(v)) {
          if (ins.some((e) => m[e]! > 0)) result.reached.add(net.ids[v]!);
          if (ins.every((e) => m[e]! > 0)) successors.push(fire(m, ins, outOf[v]!));
          continue;
        }
        if (ins.some((e) => m[e]! > 0)) result.reached.add(net.ids[v]!);
        let tokens = 0;
        for (const e of ins) tokens += m[e]!;
        if (tokens >= 2) result.doubleRuns.add(net.ids[v]!);
        for (const e of ins) {
          if (m[e] === 0) continue;
          if (net.kinds[v] === 'xor' && outOf[v]!.length > 0) for (const o of outOf[v]!) successors.push(fire(m, [e], [o]));
          else successors.push(fire(m, [e], outOf[v]!));
        }
      }
      const targets: number[] = [];
      for (const state of successors) {
        const k = state.join(',');
        let j = index.get(k);
        if (j === undefined) {
          j = states.length;
          index.set(k, j);
          states.push(state);
          if (states.length > maxStates) return { ...result, complete: false };
        }
        targets.push(j);
      }
      next.push(targets);
    }
    // A join deadlocks when a state holds a token for it and no state reachable from there lets it fire.
    const back: number[][] = states.map(() => []);
    next.forEach((ts, i) => ts.forEach((j) => back[j]!.push(i)));
    for (let v = 0; v < n; v++) {
      if (!isJoin(v)) continue;
      const ins = into[v]!;
      const canFire = new Uint8Array(states.length);
      const queue: number[] = [];
      states.forEach((m, i) => {
        if (!ins.every((e) => m[e]! > 0)) return;
        canFire[i] = 1;
        queue.push(i);
      });
      for (let h = 0; h < queue.length; h++) {
        for (const p of back[queue[h]!]!) {
          if (canFire[p]) continue;
          canFire[p] = 1;
          queue.push(p);
        }
      }
      if (states.some((m, i) => !canFire[i] && ins.some((e) => m[e]! > 0))) result.deadlocks.add(net.ids[v]!);
    }
  }
  return result;
}
