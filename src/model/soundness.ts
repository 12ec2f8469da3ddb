import { pushTo } from '../util/list.js';
import { Dominators, shortestWay, waysFrom } from './flow-paths.js';
import { components } from './graph.js';
import { Labels, sameLabel } from './run-labels.js';
import { entrySteps } from './queries.js';
import type { ProcessModel, Step } from './types.js';

/**
 * How a step treats the tokens of a run (format.md, "run"): `and` fires every outgoing flow and, with
 * several incoming flows, waits for each (a join); `xor` passes a token to one outgoing flow; `plain`
 * passes each token on to every outgoing flow (a merge when several flows come in); `end` takes any
 * number of tokens and passes none on.
 */
export type TokenKind = 'and' | 'xor' | 'plain' | 'end';

/** The flow as the soundness analysis reads it: steps by number, and where each run begins. */
export interface FlowNet {
  ids: readonly string[];
  kinds: readonly TokenKind[];
  succ: readonly (readonly number[])[];
  /** Each start begins a run of its own. */
  starts: readonly number[];
}

export interface Deadlock {
  /** The `parallel` join that some run leaves waiting. */
  join: string;
  /**
   * Why: `decision`, a decision's branch never sends the flow the join waits for; `loop`, the join lies on
   * a loop and waits, each time round, for a flow from outside it that came only once; `stream`, a loop
   * that sends a token to the join on every round (`split`) while the flow it
   * waits for comes less often; `start`, the flow it waits for comes from steps this run never reaches
   * (another start's).
   */
  cause: 'decision' | 'loop' | 'stream' | 'start';
  /** The start of the run that shows it. */
  start: string;
  /** With `loop`: the join heads the loop and waits for the flow back round it, so even the first round stops there. */
  firstRound?: boolean;
  /** The step whose flow into the join never comes. */
  waitsFor: string;
  /** With `decision`: the decision and the branch (the step it flows to) that leave the join waiting. */
  decision?: string;
  branch?: string;
  /** With `stream`: the parallel split of the loop that sends the join a token every round. */
  split?: string;
  /** The run that shows it: from the start (or the decision) to the join. */
  path: string[];
  /**
   * True when a plain merge in its place is sound: it has one flow out, and its flows in never carry
   * tokens at once (the branches of a decision, two starts, a loop's entry and its way back).
   */
  mergeable?: boolean;
}

export interface DoubleRun {
  /** The step one run reaches twice at once. */
  step: string;
  /** `branches`: two branches of the split meet at the step; `loop`: a loop through the split sends it a token on every round. */
  how: 'branches' | 'loop';
  /** The parallel split whose branches both reach it. */
  split: string;
  /** The first step of each of the two branches. */
  branches: [string, string];
  /** The split, the steps of the first branch, those of the second, and the step. */
  path: string[];
  /**
   * The steps whose flows into the step bring the split's branches, when a `parallel` join in front of
   * it is sound (they carry tokens in the same runs); absent otherwise.
   */
  merging?: string[];
}

export interface Soundness {
  deadlocks: Deadlock[];
  doubleRuns: DoubleRun[];
  /** Joins inside or after a loop with several entries (an irreducible loop), which were not checked. */
  undecided: string[];
}

/**
 * How the map's steps treat tokens: the step types of format.md. Any other step with several flows out chooses
 * between them when they carry conditions (`when`, `default`: an interrupting boundary event, a timeout), else takes
 * them all (as a BPMN activity does).
 */
export function tokenKind(step: Step): TokenKind {
  // A choice when every flow but at most one carries a condition (an interrupting boundary event's, a timeout's).
  const unconditioned = step.next.filter((f) => f.when === undefined && !f.default).length;
  const chooses = step.next.length > 1 && unconditioned <= 1 && unconditioned < step.next.length;
  switch (step.type) {
    case 'parallel':
      // A sub-process read from BPMN enters its flow or leaves through an interrupting boundary event.
      return chooses ? 'xor' : 'and';
    case 'decision':
      return 'xor';
    case 'end':
      return 'end';
    default:
      return chooses ? 'xor' : 'plain';
  }
}

/** The model's flow as a FlowNet; runs begin at its entry steps. */
export function flowNet(model: ProcessModel): FlowNet {
  const ids = model.steps.map((s) => s.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const kinds = model.steps.map(tokenKind);
  const succ = model.steps.map((s, i) => (kinds[i] === 'end' ? [] : model.graph.successors(s.id).map((id) => index.get(id)!)));
  return { ids, kinds, succ, starts: entrySteps(model).map((id) => index.get(id)!) };
}

const cache = new WeakMap<ProcessModel, Soundness>();

/** The soundness of the model's runs, worked out once per model for both rules. */
export function soundness(model: ProcessModel): Soundness {
  let result = cache.get(model);
  if (!result) cache.set(model, (result = analyseSoundness(flowNet(model))));
  return result;
}

/**
 * Deadlocks and lack of synchronisation in the runs of a flow net, decided on the graph's structure,
 * without enumerating states (rules.md, `no-deadlock`, `no-lack-of-synchronization`):
 *
 * - a join waits for ever when a flow into it comes from steps its run never reaches (another start's);
 *   when it lies on a loop and a flow into it comes from outside the loop (the dominator tree's natural
 *   loops, and the components runs can go round for loops with several entries); when the flows into it
 *   carry tokens in different runs (their symbolic labels differ: typically the branches of a decision
 *   met by a join); or when a loop sends it a token every round and its other flows come less often;
 * - a step that is neither a join nor an end gets two tokens at once when tokens of two branches of one
 *   parallel split reach it in a run (meetings), or when a loop whose parallel split keeps a branch in
 *   it and sends one out sends it a token every round (pumping, followStreams).
 *
 * Each run (one per start) is analysed on its own. A deadlock that follows from another finding (after a
 * deadlocked join or a double run, outside their loop) is left out: the cause is reported once. Every
 * quick fix offered is checked by analysing the map with it made (checkQuickFixes).
 * The deadlock checks are linear in the graph; the meeting search costs, per parallel split, the steps
 * its branches reach before they have all joined, and the loops one pass over their components.
 */
export function analyseSoundness(net: FlowNet, checkFixes = true): Soundness {
  const n = net.ids.length;
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) for (const w of net.succ[v]!) pred[w]!.push(v);
  const isJoin = (v: number): boolean => net.kinds[v] === 'and' && pred[v]!.length > 1;
  const deadlocks = new Map<number, Found>();
  const doubles = new Map<number, DoubleRun>();
  const undecided = new Set<number>();
  for (const start of net.starts) analyseRun(net, pred, isJoin, start, deadlocks, doubles, undecided);

  // A finding downstream of another finding, in another loop or none, follows from it: keep the causes.
  const scc = new Int32Array(n);
  const comps = components([...net.ids.keys()], (v) => net.succ[v]!);
  comps.forEach((c, i) => c.forEach((v) => (scc[v] = i)));
  const causes = [...deadlocks.keys(), ...doubles.keys()];
  // Over the loops (components): every component a cause's component leads to lies downstream.
  const downstreamComp = new Uint8Array(comps.length);
  const queue: number[] = [];
  const leave = (c: number): void => {
    for (const v of comps[c]!) {
      for (const w of net.succ[v]!) {
        const d = scc[w]!;
        if (d === c || downstreamComp[d]) continue;
        downstreamComp[d] = 1;
        queue.push(d);
      }
    }
  };
  for (const c of new Set(causes.map((v) => scc[v]!))) leave(c);
  for (let head = 0; head < queue.length; head++) leave(queue[head]!);
  const downstream = (v: number): boolean => downstreamComp[scc[v]!] === 1;
  const result = {
    // The run that shows each is worked out for the ones reported only (a way is as long as the map).
    deadlocks: [...deadlocks].filter(([v]) => !downstream(v)).map(([, d]) => ({ ...d, path: d.path() })),
    doubleRuns: [...doubles.values()],
    undecided: [...undecided].map((v) => net.ids[v]!),
  };
  // Every mistake found, the ones left out as following from another too: a fix may show them, not add to them.
  if (checkFixes) checkQuickFixes(net, result, new Set([...deadlocks.keys()].map((v) => net.ids[v]!).concat(result.doubleRuns.map((d) => d.step))));
  return result;
}

/** Quick fixes checked per map, at most: each costs one more analysis of the map. */
const FIXES_CHECKED = 16;

/**
 * A quick fix is offered only where it works: the analysis of the map with the fix made finds nothing
 * at the fixed step (a merge that would run twice, a join that would wait) and no mistake the map did
 * not have, so `fix` never trades one mistake for another. Past 16 candidates per map none is offered.
 */
function checkQuickFixes(net: FlowNet, result: Soundness, before: ReadonlySet<string>): void {
  let budget = FIXES_CHECKED;
  const index = new Map(net.ids.map((id, i) => [id, i]));
  // Clean: the map with the fix has no mistake at the fixed step, and none the map did not have.
  const clean = (fixed: FlowNet, at: readonly string[]): boolean => {
    const again = analyseSoundness(fixed, false);
    return [...again.deadlocks.map((d) => d.join), ...again.doubleRuns.map((d) => d.step)].every((id) => before.has(id) && !at.includes(id));
  };
  for (const d of result.deadlocks) {
    if (!d.mergeable) continue;
    const kinds = [...net.kinds];
    kinds[index.get(d.join)!] = 'plain';
    if (budget-- <= 0 || !clean({ ...net, kinds }, [d.join])) delete d.mergeable;
  }
  for (const d of result.doubleRuns) {
    if (!d.merging) continue;
    const v = index.get(d.step)!;
    const join = net.ids.length;
    const succ = net.succ.map((out) => [...out]);
    succ.push([v]);
    for (const from of d.merging) {
      const out = succ[index.get(from)!]!;
      out[out.indexOf(v)] = join;
    }
    const fixed = { ids: [...net.ids, `${d.step} (join)`], kinds: [...net.kinds, 'and' as const], succ, starts: net.starts };
    if (budget-- <= 0 || !clean(fixed, [d.step, `${d.step} (join)`])) delete d.merging;
  }
}


/** A deadlock as found, its run worked out only if it is reported. */
type Found = Omit<Deadlock, 'path'> & { path: () => string[] };

/** A loop that sends a token out on every round (see followStreams). */
interface Pump {
  body: ReadonlySet<number>;
  /** The flows out of the loop from its parallel splits: [split, step]. */
  streams: [number, number][];
  /** A way round the loop, from a split's branch back to it. */
  round: number[];
}

function analyseRun(
  net: FlowNet,
  pred: readonly (readonly number[])[],
  isJoin: (v: number) => boolean,
  start: number,
  deadlocks: Map<number, Found>,
  doubles: Map<number, DoubleRun>,
  undecided: Set<number>,
): void {
  const n = net.ids.length;
  const { ids, kinds, succ } = net;
  const dom = new Dominators(n, start, succ, pred);
  const reached = (v: number): boolean => dom.reached(v);
  const fromStart = waysFrom(succ, start);
  const wayTo = (v: number): string[] => (fromStart(v) ?? [v]).map((x) => ids[x]!);
  const report = (d: Found, v: number): void => {
    if (!deadlocks.has(v)) deadlocks.set(v, d);
  };

  // Natural loops: a back flow u → h (h dominates u) makes h a loop head; its body is what reaches u without passing h.
  const bodies = new Map<number, Set<number>>();
  const back = new Set<number>();
  const key = (v: number, w: number): number => v * n + w;
  for (const u of dom.order) {
    for (const h of succ[u]!) {
      if (!dom.dominates(h, u)) continue;
      back.add(key(u, h));
      let body = bodies.get(h);
      if (!body) bodies.set(h, (body = new Set([h])));
      const stack = [u];
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (body.has(v)) continue;
        body.add(v);
        for (const p of pred[v]!) if (reached(p)) stack.push(p);
      }
    }
  }
  const loops = [...bodies].sort((a, b) => b[1].size - a[1].size);

  // The steps some run passes, joins waiting for each flow in (format.md's search).
  const passed = new Uint8Array(n);
  const arrived = new Int32Array(n);
  const stack = [start];
  passed[start] = 1;
  while (stack.length > 0) {
    for (const w of succ[stack.pop()!]!) {
      if (passed[w] || (isJoin(w) && ++arrived[w]! < pred[w]!.length)) continue;
      passed[w] = 1;
      stack.push(w);
    }
  }
  // A join waiting for a flow its run never sends: from another start's steps, or from outside its loop.
  // Only a join the run brings a token to is left waiting (one behind another such join is not).
  const arrives = (v: number): boolean => pred[v]!.some((p) => passed[p]);
  /** The joins this run leaves waiting for good. */
  const blockedHere = new Set<number>();
  for (const v of dom.order) {
    if (!isJoin(v) || !arrives(v)) continue;
    const missing = pred[v]!.find((p) => !reached(p) || kinds[p] === 'end');
    if (missing !== undefined) {
      report({ join: ids[v]!, start: ids[start]!, cause: 'start', waitsFor: ids[missing]!, path: () => wayTo(v), mergeable: succ[v]!.length === 1 }, v);
      blockedHere.add(v);
      continue;
    }
    const loop = loops.find(([, body]) => body.has(v) && pred[v]!.some((p) => !body.has(p)));
    if (loop) loopDeadlock(v, (x) => loop[1].has(x));
  }

  /**
   * A join on a loop with a flow from outside it: when it heads the loop (it dominates the flow back round
   * it), not even the first round passes; else the second round waits for the outside flow, which came once.
   */
  function loopDeadlock(v: number, inLoop: (x: number) => boolean): void {
    const outside = pred[v]!.find((p) => reached(p) && !inLoop(p))!;
    const back = pred[v]!.find((p) => inLoop(p) && dom.dominates(v, p));
    const common = { join: ids[v]!, start: ids[start]!, cause: 'loop' as const, mergeable: succ[v]!.length === 1 };
    if (back !== undefined) report({ ...common, firstRound: true, waitsFor: ids[back]!, path: () => wayTo(v) }, v);
    else {
      const round = shortestWay(succ, succ[v]!, v, (x) => !inLoop(x)) ?? [];
      report({ ...common, waitsFor: ids[outside]!, path: () => [...wayTo(v), ...round.map((x) => ids[x]!)] }, v);
    }
    blockedHere.add(v);
  }

  // A loop with a parallel split that keeps a branch in and sends one out sends tokens out on every round (see pumping).
  const sendsOut = (body: ReadonlySet<number>): boolean =>
    [...body].some((v) => passed[v] && kinds[v] !== 'xor' && succ[v]!.some((w) => body.has(w)) && succ[v]!.some((w) => !body.has(w)));

  // The symbolic run, in topological order of the forward flows. A loop's exits together stand for its
  // head; what a pumping loop sends out comes first in the runs that enter the loop (pumping finds the rest).
  const labels = new Labels();
  /** Joins whose flows in never all carry a token in one run: no run passes them. */
  const never = new Set<number>();
  const loopGroups = new Map<number, number>();
  const exitSymbol = new Map<number, number>();
  const streamHead = new Map<number, number>();
  // Outermost loops first: an exit that leaves several loops counts for the outermost (the inner loop's
  // group then lacks it, and a join after the inner loop may look fed when it is not: a known gap).
  for (const [head, body] of loops) {
    const exits = new Map<number, number[]>();
    for (const v of body) for (const w of succ[v]!) if (!body.has(w) && !exitSymbol.has(key(v, w)) && !streamHead.has(key(v, w))) pushTo(exits, v, key(v, w));
    if (exits.size === 0) continue;
    if (sendsOut(body)) {
      for (const [v, ks] of exits) {
        if (kinds[v] === 'xor') continue;
        for (const k of ks) streamHead.set(k, head);
        exits.delete(v);
      }
      if (exits.size === 0) continue;
    }
    // A decision's exits are taken in different runs; the exits of any other step together.
    const symbols = [...exits].reduce((count, [v, ks]) => count + (kinds[v] === 'xor' ? ks.length : 1), 0);
    // The parent (the head's label) is filled in when the head is labelled.
    let next = labels.group(symbols, []);
    loopGroups.set(head, labels.groupOfSymbol(next));
    for (const [v, ks] of exits) {
      if (kinds[v] === 'xor') for (const k of ks) exitSymbol.set(k, next++);
      else {
        for (const k of ks) exitSymbol.set(k, next);
        next++;
      }
    }
  }
  const forwardIn = new Int32Array(n);
  for (const v of dom.order) for (const w of succ[v]!) if (!back.has(key(v, w))) forwardIn[w]!++;
  const out: (number[] | undefined)[] = [];
  const branch = new Map<number, number>();
  /** The decision and the step each branch symbol stands for. */
  const branchAt = new Map<number, [number, number]>();
  const flowLabel = (v: number, w: number): number[] | undefined => {
    const stream = streamHead.get(key(v, w));
    if (stream !== undefined) return out[stream];
    const exit = exitSymbol.get(key(v, w));
    if (exit !== undefined) return [exit];
    const b = branch.get(key(v, w));
    return b !== undefined ? [b] : out[v];
  };
  const queue = [start];
  const done = new Uint8Array(n);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    done[v] = 1;
    let label: number[] | undefined;
    if (v === start) label = [0];
    else {
      const ins = pred[v]!.filter((p) => reached(p) && !back.has(key(p, v)));
      const inLabels = ins.map((p) => flowLabel(p, v));
      if (inLabels.some((l) => l === undefined)) label = undefined;
      else if (isJoin(v) && (blockedHere.has(v) || !arrives(v))) label = [];
      else if (isJoin(v)) {
        const normal = inLabels.map((l) => labels.union([l!]));
        const odd = normal.findIndex((l) => !sameLabel(l, normal[0]!));
        label = normal[0]!;
        if (odd !== -1) {
          const apart = normal.flatMap((a, i) => normal.slice(i + 1).map((b) => labels.exclusive(a, b)));
          // A plain merge is sound in its place when no two of its flows in carry tokens at once.
          report({ ...decisionDeadlock(v, ins, normal, odd), mergeable: apart.every(Boolean) && succ[v]!.length === 1 }, v);
          // It passes a token on in the runs that mark every flow in: none, when two flows are never marked
          // together; else those of the narrowest label, when one implies the rest.
          if (apart.some(Boolean)) {
            never.add(v);
            label = [];
          } else label = normal.find((a) => normal.every((b) => labels.implies(a, b))) ?? label;
        }
      } else label = labels.union(inLabels as number[][]);
    }
    out[v] = label;
    const group = loopGroups.get(v);
    if (group !== undefined && label) labels.setParent(group, label);
    if (kinds[v] === 'xor' && label) {
      // A branch back round a loop is a branch too: without it the others do not stand for the decision.
      const first = labels.group(succ[v]!.length, label);
      succ[v]!.forEach((w, i) => {
        branch.set(key(v, w), first + i);
        branchAt.set(first + i, [v, w]);
      });
    }
    for (const w of succ[v]!) {
      if (back.has(key(v, w))) continue;
      if (--forwardIn[w]! === 0) queue.push(w);
    }
  }
  // Joins that the symbolic run never got to (behind a loop with several entries) are left undecided.
  for (const v of dom.order) if (!done[v] && isJoin(v) && !deadlocks.has(v)) undecided.add(v);

  function decisionDeadlock(v: number, ins: readonly number[], normal: readonly number[][], odd: number): Found {
    // A branch symbol s on flow i's label and not on flow j's: a run down another branch of that decision
    // (a sibling of s that flow i's label lacks) brings no token on flow i, and the join waits for it.
    for (let i = 0; i < normal.length; i++) {
      for (let j = 0; j < normal.length; j++) {
        if (i === j) continue;
        for (const sym of normal[i]!) {
          if (normal[j]!.includes(sym) || !branchAt.has(sym)) continue;
          const other = labels.siblings(sym).find((t) => !normal[i]!.includes(t) && branchAt.has(t));
          if (other === undefined) continue;
          const [decision, first] = branchAt.get(other)!;
          const down = first === v ? [] : (shortestWay(succ, [first], ins[j]!, (x) => x === v) ?? [first]);
          return {
            join: ids[v]!,
            start: ids[start]!,
            cause: 'decision',
            waitsFor: ids[ins[i]!]!,
            decision: ids[decision]!,
            branch: ids[first]!,
            path: () => [...wayTo(decision), ...down.map((x) => ids[x]!), ids[v]!],
          };
        }
      }
    }
    return { join: ids[v]!, start: ids[start]!, cause: 'decision', waitsFor: ids[ins[odd]!]!, path: () => wayTo(v) };
  }

  const pumps: Pump[] = [];
  // The joins found so far never pass some runs' tokens on; no run gets to a step not passed at all.
  const stuckJoins = new Set([...blockedHere, ...never]);
  const stuck = { has: (v: number): boolean => stuckJoins.has(v) || !passed[v] };
  // Double runs: where the branches of a parallel split that some run passes meet (meetings), and the loops that
  // send a token out every round (roundAlone, pumping).
  for (const f of dom.order) {
    if (stuck.has(f) || kinds[f] === 'xor' || kinds[f] === 'end' || new Set(succ[f]).size < 2) continue;
    meetings(f);
    if (loops.some(([, body]) => body.has(f))) roundAlone(f);
  }
  // Loops as runs go round them (components of the steps runs pass), so that a loop with several entries counts too.
  const live = [...ids.keys()].filter((v) => passed[v] && !stuckJoins.has(v));
  const liveLoops = components(live, (v) => succ[v]!.filter((w) => passed[w] && !stuckJoins.has(w)));
  // A join on a loop with several entries (no natural loop, so not found above) and a flow from outside it
  // waits, the second time round, for that flow. Only loops runs can go round count: not through a stuck join.
  const sccOf = new Int32Array(n).fill(-1);
  liveLoops.forEach((component, i) => {
    if (component.length > 1 || succ[component[0]!]!.includes(component[0]!)) for (const v of component) sccOf[v] = i;
  });
  for (const v of live) {
    if (!isJoin(v) || deadlocks.has(v) || sccOf[v] === -1) continue;
    if (pred[v]!.some((p) => reached(p) && sccOf[p] !== sccOf[v])) loopDeadlock(v, (x) => sccOf[x] === sccOf[v]);
  }
  for (const component of liveLoops) {
    const body = new Set(component);
    if (body.size > 1 || succ[[...body][0]!]!.some((w) => body.has(w))) pumping(body);
  }
  followStreams();

  /**
   * A branch of a parallel split that comes round the loop to the split again on its own, apart from
   * every step the other branches reach, starts the next round while they are still running: each
   * round sends each of them another token.
   */
  function roundAlone(f: number): void {
    const branches = [...new Set(succ[f]!)];
    const reach = (from: number): Set<number> => {
      const seen = new Set<number>();
      const stack = [from];
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (seen.has(v) || v === f || stuck.has(v) || kinds[v] === 'end') continue;
        seen.add(v);
        // A join waits for the other flows: a branch alone gets no further.
        if (!isJoin(v)) stack.push(...succ[v]!);
      }
      return seen;
    };
    const reaches = branches.map(reach);
    for (let i = 0; i < branches.length; i++) {
      // The joins the other branches reach: a way through one of them needs their tokens. A plain merge they
      // share passes each token on by itself (where they meet is a double run, found by meetings).
      const others = new Set<number>();
      reaches.forEach((r, j) => j !== i && r.forEach((v) => isJoin(v) && others.add(v)));
      // A branch that begins at a join waits there for the other flows: it does not come round alone.
      if (stuck.has(branches[i]!) || others.has(branches[i]!) || isJoin(branches[i]!)) continue;
      const way = shortestWay(succ, [branches[i]!], f, (x) => stuck.has(x) || others.has(x));
      if (!way) continue;
      // The round is a loop of its own that pumps: every step the branch alone reaches that leads back to the split.
      const round = new Set([f]);
      const stack = [f];
      while (stack.length > 0) {
        for (const p of pred[stack.pop()!]!) {
          if (round.has(p) || !reaches[i]!.has(p) || others.has(p)) continue;
          round.add(p);
          stack.push(p);
        }
      }
      pumping(round);
    }
  }

  /**
   * A loop with a parallel split that keeps one branch in the loop and sends another out sends a token
   * out on every round: a stream. A step (not a join, not an end) the stream reaches runs twice at once;
   * a join the stream reaches passes it on only when every flow into it carries the stream too, and
   * otherwise waits for the flow that does not; what the stream brings back into the loop finds it
   * still going.
   */
  function pumping(body: ReadonlySet<number>): void {
    const streams: [number, number][] = [];
    let round: number[] = [];
    for (const v of body) {
      // A split that is also a join fires again only when every flow into it comes round too.
      if (stuck.has(v) || kinds[v] === 'xor' || !succ[v]!.some((w) => !body.has(w)) || (isJoin(v) && !pred[v]!.every((p) => body.has(p)))) continue;
      // The split pumps only if a run comes round to it again: not through a join found stuck.
      const blocked = (x: number): boolean => stuck.has(x) || (isJoin(x) && !pred[x]!.every((p) => body.has(p)));
      const way = shortestWay(succ, succ[v]!.filter((w) => body.has(w) && !blocked(w)), v, blocked);
      if (!way) continue;
      for (const w of succ[v]!) if (!body.has(w) && kinds[w] !== 'end') streams.push([v, w]);
      if (round.length === 0) round = way;
    }
    if (streams.length > 0) pumps.push({ body, streams, round });
  }

  /**
   * Where the streams of the pumping loops go. A join that some stream reaches passes it on only when
   * every flow into it carries a stream, and otherwise waits for the flow that does not.
   */
  function followStreams(): void {
    if (pumps.length === 0) return;
    const inBody = new Set(pumps.flatMap((pump) => [...pump.body]));
    const carried = new Set(pumps.flatMap((pump) => pump.streams.map(([v, w]) => key(v, w))));
    // Which pump's stream reaches a step first, and from where: the witness of what is reported there.
    const from = new Map<number, { pump: Pump; parent: number }>();
    const passes = new Set<number>();
    const waiting = new Set<number>();
    const queue: number[] = [];
    const enter = (w: number, pump: Pump, parent: number): void => {
      if (from.has(w) || inBody.has(w) || kinds[w] === 'end' || stuck.has(w)) return;
      from.set(w, { pump, parent });
      queue.push(w);
    };
    for (const pump of pumps) for (const [v, w] of pump.streams) enter(w, pump, v);
    const carries = (p: number, v: number): boolean => passes.has(p) || carried.has(key(p, v));
    for (let progress = true; progress; ) {
      progress = false;
      for (let head = 0; head < queue.length; head++) {
        const v = queue[head]!;
        if (isJoin(v) && !pred[v]!.every((p) => carries(p, v))) {
          waiting.add(v);
          continue;
        }
        passes.add(v);
        for (const w of succ[v]!) enter(w, from.get(v)!.pump, v);
      }
      queue.length = 0;
      for (const j of waiting) {
        if (!pred[j]!.every((p) => carries(p, j))) continue;
        waiting.delete(j);
        queue.push(j);
        progress = true;
      }
    }
    const witness = (to: number): { split: number; pump: Pump; path: string[] } => {
      const way = [to];
      let at = from.get(to)!;
      while (!inBody.has(at.parent)) {
        way.push(at.parent);
        at = from.get(at.parent)!;
      }
      const split = at.parent;
      const round = at.pump.round;
      return { split, pump: at.pump, path: [split, ...round, ...way.reverse()].map((x) => ids[x]!) };
    };
    for (const j of waiting) {
      const { split, path } = witness(j);
      report({ join: ids[j]!, start: ids[start]!, cause: 'stream', waitsFor: ids[pred[j]!.find((p) => !carries(p, j))!]!, split: ids[split]!, path: () => [...wayTo(split).slice(0, -1), ...path] }, j);
    }
    for (const v of passes) {
      if (isJoin(v) || doubles.has(v) || !pred[v]!.some((p) => carried.has(key(p, v)) || (isJoin(p) && passes.has(p)))) continue;
      const { split, pump, path } = witness(v);
      doubles.set(v, { step: ids[v]!, how: 'loop', split: ids[split]!, branches: [ids[pump.round[0]!]!, path[pump.round.length + 1]!], path });
    }
    // One token of a stream, through any join, is enough to find its loop still going when it comes back;
    // not through a join that also waits for the loop's own token (the round ends there).
    for (const pump of pumps) {
      const seen = new Map<number, number>();
      const stack: [number, number][] = pump.streams.map(([v, w]) => [w, v]);
      // What the loop's own token reaches (every flow but the streams).
      const own = new Set(pump.body);
      const walk = [...pump.body];
      while (walk.length > 0) {
        const v = walk.pop()!;
        for (const w of succ[v]!) {
          if (own.has(w) || carried.has(key(v, w)) || stuck.has(w)) continue;
          own.add(w);
          walk.push(w);
        }
      }
      const ownToken = (j: number): boolean => pred[j]!.some((p) => own.has(p) && !carried.has(key(p, j)));
      while (stack.length > 0) {
        const [v, parent] = stack.pop()!;
        if (seen.has(v) || kinds[v] === 'end' || stuck.has(v) || (isJoin(v) && ownToken(v))) continue;
        seen.set(v, parent);
        for (const w of succ[v]!) {
          if (!pump.body.has(w)) stack.push([w, v]);
          else if (!isJoin(w) && !doubles.has(w)) {
            const way = [w, v];
            for (let p = seen.get(v)!; !pump.body.has(p); p = seen.get(p)!) way.push(p);
            const split = pump.streams.find(([, b]) => b === way[way.length - 1])?.[0] ?? pump.streams[0]![0];
            const path = [split, ...pump.round, ...way.reverse()].map((x) => ids[x]!);
            doubles.set(w, { step: ids[w]!, how: 'loop', split: ids[split]!, branches: [ids[pump.round[0]!]!, path[pump.round.length + 1]!], path });
          }
        }
      }
    }
  }

  /**
   * Where two branches of the parallel split f meet at a step that is not a join. A token from f carries
   * the set of branches it comes from and the condition (label) of the runs it is in; a step passes each
   * token on as it is, a join, once every flow into it has come, passes one token carrying all of theirs,
   * in the runs where the join passes tokens at all. A step with two flows in that bring tokens of
   * different branches, in runs that can be one, runs twice at once. A join that needs a token another
   * way also needs is thereby no way round it (the two share a branch); a join no run passes is not
   * entered. A token that carries every branch can meet no other of this split: it is not followed, so
   * the search ends where the split's branches have all joined. At most 16 kinds of token per step.
   */
  function meetings(f: number): void {
    interface Token {
      mask: number;
      cond: readonly number[] | undefined;
    }
    const branches = [...new Set(succ[f]!)];
    const bit = (i: number): number => 1 << Math.min(i, 30);
    const full = branches.reduce((m, _, i) => m | bit(i), 0);
    const apart = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean => a !== undefined && b !== undefined && labels.exclusive(a, b);
    // What the split's tokens can reach: worked out only when a join waits on a flow that brought none.
    let fromF: Set<number> | undefined;
    const inside = (p: number): boolean => {
      if (!fromF) {
        fromF = new Set<number>();
        const walk = [...branches];
        while (walk.length > 0) {
          const v = walk.pop()!;
          if (fromF.has(v) || v === f) continue;
          fromF.add(v);
          walk.push(...succ[v]!);
        }
      }
      return fromF.has(p);
    };
    const tokens = new Map<number, Map<string, Token>>();
    const parent = new Map<number, number>();
    const branchIndex = new Map(branches.map((b, i) => [b, i]));
    const flowTokens = (p: number, w: number): readonly Token[] =>
      p === f ? [{ mask: bit(branchIndex.get(w)!), cond: out[f] }] : [...(tokens.get(p)?.values() ?? [])];
    const meets = new Map<number, [number, number]>();
    const twoMeet = (v: number): [number, number] | undefined => {
      const ins = pred[v]!.filter((p) => p === f || tokens.has(p));
      for (let i = 0; i < ins.length; i++) {
        for (let j = i + 1; j < ins.length; j++) {
          const [p, q] = [ins[i]!, ins[j]!];
          const [lp, lq] = [flowLabel(p, v), flowLabel(q, v)];
          if (apart(lp, lq)) continue;
          const together = (a: Token, b: Token): boolean => (a.mask & b.mask) === 0 && !apart(a.cond, b.cond) && !apart(a.cond, lq) && !apart(lp, b.cond);
          if (flowTokens(p, v).some((a) => flowTokens(q, v).some((b) => together(a, b)))) return [p, q];
        }
      }
      return undefined;
    };
    // Steps are taken before joins, so that a join is looked at once its flows in have brought what they will.
    const queue = branches.filter((b) => !isJoin(b));
    const queued = new Set(queue);
    const joins = new Set(branches.filter(isJoin));
    for (let head = 0; head < queue.length || joins.size > 0; head++) {
      if (head >= queue.length) {
        queue.push(...joins);
        joins.clear();
      }
      const w = queue[head]!;
      queued.delete(w);
      if (stuck.has(w) || kinds[w] === 'end') continue;
      let arriving: Token[];
      if (isJoin(w)) {
        // One token of each flow in (those from outside the split are there already), combined, in the runs the join passes.
        if (!pred[w]!.every((p) => p === f || tokens.has(p) || !inside(p))) continue;
        let masks: Token[] = [{ mask: 0, cond: out[w] }];
        for (const p of pred[w]!) {
          if (p !== f && !tokens.has(p)) continue;
          const on = flowTokens(p, w).filter((t) => !apart(t.cond, out[w]));
          masks = masks.flatMap((a) => on.map((t) => ({ mask: a.mask | t.mask, cond: a.cond }))).slice(0, 16);
        }
        arriving = masks;
      } else {
        // Two tokens of different branches meeting here: the double run is here, and what follows is one (it is reported once).
        const meeting = twoMeet(w);
        if (meeting) meets.set(w, meeting);
        const all = pred[w]!.flatMap((p) => flowTokens(p, w));
        arriving = meeting ? [{ mask: all.reduce((m, t) => m | t.mask, 0), cond: out[w] }] : all;
      }
      let known = tokens.get(w);
      let grew = false;
      for (const t of arriving) {
        if (t.mask === full || (t.cond !== undefined && t.cond.length === 0)) continue;
        const k = `${t.mask}:${t.cond?.join(',') ?? '?'}`;
        if (!known) tokens.set(w, (known = new Map()));
        if (known.has(k) || known.size >= 16) continue;
        known.set(k, t);
        grew = true;
      }
      if (!grew) continue;
      if (!parent.has(w)) parent.set(w, pred[w]!.find((p) => p === f || tokens.has(p)) ?? f);
      for (const x of succ[w]!) {
        if (x === f) continue;
        if (isJoin(x)) joins.add(x);
        else if (!queued.has(x)) {
          queued.add(x);
          queue.push(x);
        }
      }
    }
    for (const [v, found] of meets) {
      if (doubles.has(v)) continue;
      const way = (to: number): number[] => {
        const list: number[] = [];
        const seen = new Set<number>();
        for (let x = to; x !== f && !seen.has(x); x = parent.get(x) ?? f) {
          seen.add(x);
          list.push(x);
        }
        return list.reverse();
      };
      const [p, q] = found;
      // A join in front of the step is sound when every flow bringing the split's branches carries tokens in the same runs.
      const bringing = pred[v]!.filter((x) => x === f || tokens.has(x));
      const inLabels = bringing.map((x) => flowLabel(x, v));
      const first = inLabels[0];
      const joinable = first !== undefined && inLabels.every((l) => l !== undefined && sameLabel(labels.union([l]), labels.union([first])));
      const one = p === f ? [] : way(p);
      const two = q === f ? [] : way(q).filter((x) => !one.includes(x));
      doubles.set(v, {
        step: ids[v]!,
        how: 'branches',
        split: ids[f]!,
        branches: [ids[one[0] ?? v]!, ids[two[0] ?? v]!],
        path: [f, ...one, ...two, v].map((x) => ids[x]!),
        ...(joinable ? { merging: bringing.map((x) => ids[x]!) } : {}),
      });
    }
  }

}
