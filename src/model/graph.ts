import { Graph } from '@dagrejs/graphlib';

type Predicate = (id: string) => boolean;

/** One hop of a shortest path towards a target (see FlowGraph.routesTo). */
export interface Route {
  next: string | null;
  target: string;
  distance: number;
}
const never: Predicate = () => false;

/**
 * The sequence flow as a directed graph of step ids, with the queries rules need.
 * Every query is an iterative breadth- or depth-first search over adjacency lists
 * built once: linear in the graph's size, safe on loops and on chains of any length.
 */
export class FlowGraph {
  private readonly succ = new Map<string, string[]>();
  private readonly pred = new Map<string, string[]>();
  private graphlib: Graph | undefined;

  constructor(nodes: Iterable<string>, edges: Iterable<readonly [string, string]>) {
    for (const id of nodes) {
      this.succ.set(id, []);
      this.pred.set(id, []);
    }
    // A repeated flow is kept once; a step with many flows (an implicit start) checks a set, not its list.
    const wide = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const out = this.succ.get(from);
      if (!out || !this.succ.has(to)) continue;
      if (out.length < 16) {
        if (out.includes(to)) continue;
      } else {
        let set = wide.get(from);
        if (!set) wide.set(from, (set = new Set(out)));
        if (set.has(to)) continue;
        set.add(to);
      }
      out.push(to);
      this.pred.get(to)!.push(from);
    }
  }

  /**
   * The same flow as a graphlib Graph, for graphlib's algorithms; built on first use, because
   * graphlib's object-keyed storage costs about a second per 100,000 steps and no query here needs it.
   */
  get graph(): Graph {
    if (!this.graphlib) {
      const g = new Graph({ directed: true });
      for (const [id, out] of this.succ) {
        g.setNode(id);
        for (const to of out) g.setEdge(id, to);
      }
      this.graphlib = g;
    }
    return this.graphlib;
  }

  has(id: string): boolean {
    return this.succ.has(id);
  }

  successors(id: string): readonly string[] {
    return this.succ.get(id) ?? [];
  }

  predecessors(id: string): readonly string[] {
    return this.pred.get(id) ?? [];
  }

  private sinkList: string[] | undefined;

  /** Steps with no outgoing flow: where an instance finishes. */
  sinks(): readonly string[] {
    this.sinkList ??= [...this.succ].filter(([, out]) => out.length === 0).map(([id]) => id);
    return this.sinkList;
  }

  /**
   * Every step reachable from `sources` along flows (sources included); steps matching `avoid` are not
   * entered. With `isJoin`, as runs reach them (format.md, "run"): a join is entered only once each of its
   * incoming flows has been, so a step avoided on one branch of a parallel split keeps every run from
   * passing the join. Linear either way: one search, a counter per join.
   */
  reachableFrom(sources: Iterable<string>, avoid: Predicate = never, isJoin: Predicate = never): Set<string> {
    return this.search(sources, this.succ, avoid, isJoin);
  }

  /** Every step from which one of `targets` can be reached (targets included); steps matching `avoid` are not entered. */
  reaching(targets: Iterable<string>, avoid: Predicate = never): Set<string> {
    return this.search(targets, this.pred, avoid);
  }

  /**
   * A shortest path [source, …, target] of at least one flow, from one of `sources`
   * to a step matching `isTarget`, whose steps in between all fail `avoid`; null when none exists.
   * A target is checked before `avoid`, so a step can end a path it may not pass through.
   */
  findPath(sources: Iterable<string>, isTarget: Predicate, avoid: Predicate = never): string[] | null {
    const parent = new Map<string, string | null>();
    const queue: string[] = [];
    for (const s of sources) {
      if (!this.succ.has(s) || parent.has(s)) continue;
      parent.set(s, null);
      queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (const w of this.successors(v)) {
        if (isTarget(w)) return this.unwind(parent, v, w);
        if (parent.has(w)) continue;
        parent.set(w, v);
        if (!avoid(w)) queue.push(w);
      }
    }
    return null;
  }

  /**
   * Shortest ways from `sources` to every step, by one breadth-first search that does not enter steps
   * matching `avoid`: the way to a step is read off the search's tree, so a rule asking for the way to
   * many steps pays for one search, not one each. The reader returns null for a step not reached; with
   * `from`, the way begins at the last step before `to` that matches it (so many ways along one long
   * run are read in pieces, not each from the start).
   */
  waysFrom(sources: Iterable<string>, avoid: Predicate = never): (to: string, from?: Predicate) => string[] | null {
    const parent = new Map<string, string | null>();
    const queue: string[] = [];
    for (const s of sources) {
      if (!this.succ.has(s) || parent.has(s)) continue;
      parent.set(s, null);
      queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const w of this.successors(queue[head]!)) {
        if (parent.has(w) || avoid(w)) continue;
        parent.set(w, queue[head]!);
        queue.push(w);
      }
    }
    return (to, from = never) => {
      if (!parent.has(to)) return null;
      const way = [to];
      for (let v = parent.get(to) ?? null; v !== null; v = parent.get(v) ?? null) {
        way.push(v);
        if (from(v)) break;
      }
      return way.reverse();
    };
  }

  /**
   * For every step from which a target can be reached with no step in between matching `avoid`:
   * the next step of a shortest such path, the target it reaches and its length in flows.
   * One backward search, so a rule can ask "which of these steps reach a target unprotected?"
   * for many sources at once. A step matching `avoid` is listed (it can start such a path) but not
   * searched through; a target lists itself at distance 0.
   */
  routesTo(targets: Iterable<string>, avoid: Predicate = never): Map<string, Route> {
    const routes = new Map<string, Route>();
    const queue: string[] = [];
    for (const t of targets) {
      if (!this.succ.has(t) || routes.has(t)) continue;
      routes.set(t, { next: null, target: t, distance: 0 });
      queue.push(t);
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      const route = routes.get(v)!;
      for (const p of this.predecessors(v)) {
        if (routes.has(p)) continue;
        routes.set(p, { next: v, target: route.target, distance: route.distance + 1 });
        if (!avoid(p)) queue.push(p);
      }
    }
    return routes;
  }

  /** The steps of a route found by routesTo, from `from` to its target. */
  static follow(routes: ReadonlyMap<string, Route>, from: string): string[] {
    const path = [from];
    for (let step = routes.get(from)?.next; step != null; step = routes.get(step)?.next) path.push(step);
    return path;
  }

  /** The steps after `id` along flows, at most `limit` flows away (all of them without a limit); `id` itself only through a loop. */
  downstream(id: string, limit = Infinity): Set<string> {
    return this.within(id, this.succ, limit);
  }

  /** The steps before `id` against the flow, at most `limit` flows away (all of them without a limit). */
  upstream(id: string, limit = Infinity): Set<string> {
    return this.within(id, this.pred, limit);
  }

  private within(id: string, adjacency: Map<string, string[]>, limit: number): Set<string> {
    const seen = new Set<string>();
    let layer = adjacency.get(id) ?? [];
    for (let depth = 1; layer.length > 0 && depth <= limit; depth++) {
      const next: string[] = [];
      for (const v of layer) {
        if (seen.has(v)) continue;
        seen.add(v);
        next.push(...adjacency.get(v)!);
      }
      layer = next;
    }
    return seen;
  }

  /** True when every path from `from` to `to` passes a step matching `passes` (vacuously true when `to` is unreachable). */
  everyPathPasses(from: string, to: string, passes: Predicate): boolean {
    return this.findPath([from], (id) => id === to, passes) === null;
  }

  private unwind(parent: Map<string, string | null>, last: string, target: string): string[] {
    const path = [target];
    for (let v: string | null | undefined = last; v != null; v = parent.get(v)) path.push(v);
    return path.reverse();
  }

  private search(seeds: Iterable<string>, adjacency: Map<string, string[]>, avoid: Predicate, isJoin: Predicate = never): Set<string> {
    const seen = new Set<string>();
    const arrived = new Map<string, number>();
    const stack: string[] = [];
    for (const s of seeds) {
      if (adjacency.has(s) && !seen.has(s)) {
        seen.add(s);
        stack.push(s);
      }
    }
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of adjacency.get(v)!) {
        if (seen.has(w) || avoid(w)) continue;
        if (isJoin(w)) {
          const count = (arrived.get(w) ?? 0) + 1;
          arrived.set(w, count);
          if (count < this.pred.get(w)!.length) continue;
        }
        seen.add(w);
        stack.push(w);
      }
    }
    return seen;
  }
}

/**
 * The strongly connected components of the flow (Tarjan's algorithm, with an explicit stack), in flow
 * order: a component comes before every component its flows reach.
 */
export function components<T>(nodes: readonly T[], successors: (id: T) => readonly T[]): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const out: T[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each step's successors are asked for once, when it is entered (a split of many branches is walked once).
    const frames: { id: T; next: number; succ: readonly T[] }[] = [{ id: root, next: 0, succ: successors(root) }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const succ = frame.succ;
      if (frame.next < succ.length) {
        const to = succ[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          frames.push({ id: to, next: 0, succ: successors(to) });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: T[] = [];
        let id: T;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        out.push(component.reverse());
      }
    }
  }
  // Tarjan finds a component after every component it reaches: flow order is the reverse.
  return out.reverse();
}
