// Graph searches on step numbers for the soundness analysis: dominators and shortest ways.

/** Adjacency lists by step number. */
export type Adjacency = readonly (readonly number[])[];

/**
 * Shortest ways from `from` to every step, found by one search: the way to a step is then read off the
 * search's tree (a rule asking for many ways from one start pays for one search, not one each).
 */
export function waysFrom(succ: Adjacency, from: number): (to: number) => number[] | null {
  const parent = new Int32Array(succ.length).fill(-2);
  parent[from] = -1;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of succ[v]!) {
      if (parent[w] !== -2) continue;
      parent[w] = v;
      queue.push(w);
    }
  }
  return (to) => {
    if (parent[to] === -2) return null;
    const way = [to];
    for (let p = parent[to]!; p !== -1; p = parent[p]!) way.push(p);
    return way.reverse();
  };
}

/** A shortest way from one of `from` to `to` along `succ`, not entering `blocked` steps; null when none. */
export function shortestWay(succ: Adjacency, from: readonly number[], to: number, blocked: (v: number) => boolean = () => false): number[] | null {
  const parent = new Map<number, number>();
  const queue: number[] = [];
  for (const s of from) {
    if (parent.has(s)) continue;
    parent.set(s, -1);
    queue.push(s);
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    if (v === to) {
      const way = [v];
      for (let p = parent.get(v)!; p !== -1; p = parent.get(p)!) way.push(p);
      return way.reverse();
    }
    for (const w of succ[v]!) {
      if (parent.has(w) || (w !== to && blocked(w))) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return null;
}

/** Dominators of the steps reachable from `root`: one tree, with interval numbers for constant-time "does a dominate b". */
export class Dominators {
  readonly order: number[] = [];
  readonly idom: Int32Array;
  private readonly pre: Int32Array;
  private readonly post: Int32Array;

  /** `succ` gives the flows followed; flows back into `root` are not. */
  constructor(n: number, root: number, succ: Adjacency, pred: Adjacency) {
    const po = new Int32Array(n).fill(-1);
    const postorder: number[] = [];
    const seen = new Uint8Array(n);
    const stack: [number, number][] = [[root, 0]];
    seen[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = succ[frame[0]]!;
      if (frame[1] < out.length) {
        const w = out[frame[1]++]!;
        if (!seen[w] && w !== root) {
          seen[w] = 1;
          stack.push([w, 0]);
        }
        continue;
      }
      po[frame[0]] = postorder.length;
      postorder.push(frame[0]);
      stack.pop();
    }
    this.order = postorder.reverse();
    const idom = (this.idom = new Int32Array(n).fill(-1));
    idom[root] = root;
    const intersect = (a: number, b: number): number => {
      while (a !== b) {
        while (po[a]! < po[b]!) a = idom[a]!;
        while (po[b]! < po[a]!) b = idom[b]!;
      }
      return a;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const v of this.order) {
        if (v === root) continue;
        let d = -1;
        for (const p of pred[v]!) {
          if (idom[p] === -1 || po[p] === -1) continue;
          d = d === -1 ? p : intersect(p, d);
        }
        if (d !== -1 && idom[v] !== d) {
          idom[v] = d;
          changed = true;
        }
      }
    }
    // Number the tree so that a dominates b when b's interval lies in a's.
    const children: number[][] = [];
    for (const v of this.order) if (v !== root) (children[idom[v]!] ??= []).push(v);
    this.pre = new Int32Array(n).fill(-1);
    this.post = new Int32Array(n).fill(-1);
    let clock = 0;
    const walk: [number, number][] = [[root, 0]];
    this.pre[root] = clock++;
    while (walk.length > 0) {
      const frame = walk[walk.length - 1]!;
      const kids = children[frame[0]] ?? [];
      if (frame[1] < kids.length) {
        const c = kids[frame[1]++]!;
        this.pre[c] = clock++;
        walk.push([c, 0]);
      } else {
        this.post[frame[0]] = clock++;
        walk.pop();
      }
    }
  }

  reached(v: number): boolean {
    return this.pre[v] !== -1;
  }

  /** True when every way from the root to b passes a (a dominates itself). */
  dominates(a: number, b: number): boolean {
    return this.pre[a]! !== -1 && this.pre[b]! !== -1 && this.pre[a]! <= this.pre[b]! && this.post[b]! <= this.post[a]!;
  }
}
