import { entrySteps } from './queries.js';
import type { ProcessModel } from './types.js';

/**
 * The expected number of times an instance passes each step: 1 shared among the entries, split on a
 * decision by the branches' `share` (the rest shared equally among branches without one), copied to
 * every branch of a parallel gateway (or `share` when given). A loop does not multiply anything: each
 * step is counted at most once per instance, so flows that close a loop are left out and joins are
 * capped at 1. Linear: one iterative depth-first search to find the loops, one pass in topological order.
 */
export function expectedVisits(model: ProcessModel): Map<string, number> {
  const { graph } = model;
  const entries = entrySteps(model);
  const backEdges = findBackEdges(entries, (id) => graph.successors(id));

  // In-degrees over the forward (loop-free) flows among reachable steps.
  const reachable = graph.reachableFrom(entries);
  const indegree = new Map<string, number>();
  for (const id of reachable) indegree.set(id, 0);
  for (const id of reachable) {
    for (const to of graph.successors(id)) if (!backEdges.has(edgeKey(id, to))) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  }

  const inflow = new Map<string, number>();
  for (const id of entries) inflow.set(id, (inflow.get(id) ?? 0) + 1 / entries.length);
  const visits = new Map<string, number>();
  const ready = [...reachable].filter((id) => indegree.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.pop()!;
    const mass = Math.min(1, inflow.get(id) ?? 0);
    visits.set(id, mass);
    const step = model.step(id)!;
    const flows = step.next.filter((f) => graph.has(f.to));
    const unset = flows.filter((f) => f.share === undefined).length;
    const explicit = flows.reduce((sum, f) => sum + (f.share ?? 0), 0);
    for (const flow of flows) {
      const share =
        step.type === 'decision'
          ? (flow.share ?? Math.max(0, 1 - explicit) / Math.max(1, unset))
          : (flow.share ?? 1);
      if (backEdges.has(edgeKey(id, flow.to))) continue;
      inflow.set(flow.to, (inflow.get(flow.to) ?? 0) + mass * share);
    }
    for (const to of new Set(graph.successors(id))) {
      if (backEdges.has(edgeKey(id, to))) continue;
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  return visits;
}

function edgeKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Flows that close a loop (to a step still on the search stack), found by an iterative depth-first search. */
function findBackEdges(roots: readonly string[], successors: (id: string) => readonly string[]): Set<string> {
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<string>();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = successors(frame.id);
      if (frame.next >= out.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const to = out[frame.next++]!;
      const seen = state.get(to);
      if (seen === 'open') back.add(edgeKey(frame.id, to));
      else if (seen === undefined) {
        state.set(to, 'open');
        stack.push({ id: to, next: 0 });
      }
    }
  }
  return back;
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
