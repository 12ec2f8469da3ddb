import { code, listOf } from '../util/describe.js';
import type { ProcessModel, Step, SystemType } from './types.js';

const contactsCache = new WeakMap<ProcessModel, Step[]>();
const interactionsCache = new WeakMap<ProcessModel, Map<string, Step[]>>();

/** Customer contacts made by automated steps, in list order; computed once per model, shared by the rules. */
export function automatedContacts(model: ProcessModel): readonly Step[] {
  let contacts = contactsCache.get(model);
  if (!contacts) {
    contacts = model.steps.filter((s) => s.customerContact && s.automated);
    contactsCache.set(model, contacts);
  }
  return contacts;
}

/** Human interactions grouped by the actor who performs them; computed once per model, shared by the rules. */
export function interactionsByActor(model: ProcessModel): ReadonlyMap<string, readonly Step[]> {
  const cached = interactionsCache.get(model);
  if (cached) return cached;
  const byActor = new Map<string, Step[]>();
  for (const step of model.steps) {
    if (!step.humanInteraction || step.actor === undefined) continue;
    const list = byActor.get(step.actor) ?? [];
    list.push(step);
    byActor.set(step.actor, list);
  }
  interactionsCache.set(model, byActor);
  return byActor;
}

/** The systems among `ids` of the given type. */
export function systemsOfType(model: ProcessModel, ids: readonly string[], type: SystemType): string[] {
  return ids.filter((id) => model.systems.get(id)?.type === type);
}

export function isLiveCalendar(model: ProcessModel, id: string): boolean {
  const system = model.systems.get(id);
  return system?.type === 'calendar' && system.live;
}

export function isHuman(model: ProcessModel, id: string | undefined): boolean {
  return id !== undefined && model.actors.get(id)?.type === 'human';
}

/** The first of `preferred` that is a person, else the map's first human actor; undefined when it has none. */
export function personAmong(model: ProcessModel, preferred: readonly (string | undefined)[]): string | undefined {
  return preferred.find((id) => isHuman(model, id)) ?? [...model.actors.values()].find((a) => a.type === 'human')?.id;
}

/** The process as messages name it: its id, or `process` when it has none. */
export function processLabel(model: ProcessModel): string {
  return model.process.id || 'process';
}

/** An id not yet used in the map, from a readable base: `notify-salesperson`, then `notify-salesperson-2`. */
export function freshId(model: ProcessModel, base: string): string {
  const clean = base
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\p{Nd})/u, 's-$1');
  let id = clean || 'step';
  for (let n = 2; model.kindOf(id) !== undefined; n++) id = `${clean}-${n}`;
  return id;
}

/**
 * Who should perform an automated step suggested near the given steps (by id): the first of their
 * actors that is a system, else the map's first system actor; undefined when the map has none.
 */
export function notifier(model: ProcessModel, ...near: (string | undefined)[]): string | undefined {
  for (const id of near) {
    const actor = id === undefined ? undefined : model.step(id)?.actor;
    if (actor !== undefined && model.actors.get(actor)?.type === 'system') return actor;
  }
  for (const [id, actor] of model.actors) if (actor.type === 'system') return id;
  return undefined;
}

/**
 * A step that only passes the flow on: a `wait` for nothing (no trigger, nobody it waits for, no timeout),
 * as the BPMN reader writes a merging gateway, or a decision with one way on. A quick fix may make it a join.
 */
export function passesThrough(step: Step): boolean {
  if (step.type === 'decision') return step.next.length === 1;
  return step.type === 'wait' && step.trigger === undefined && step.from.length === 0 && step.timeoutAfter === undefined;
}

/** Where instances begin: the `start` steps; in a map without one, the steps nothing flows into (else the first step). */
export function entrySteps(model: ProcessModel): string[] {
  const starts = model.steps.filter((s) => s.type === 'start').map((s) => s.id);
  if (starts.length > 0) return starts;
  const roots = model.steps.filter((s) => model.graph.predecessors(s.id).length === 0).map((s) => s.id);
  return roots.length > 0 ? roots : model.steps.slice(0, 1).map((s) => s.id);
}

/** True when the step reads (or writes) a system of this type. */
export function reads(model: ProcessModel, step: Step, type: SystemType): boolean {
  return step.reads.some((id) => model.systems.get(id)?.type === type);
}

export function writes(model: ProcessModel, step: Step, type: SystemType): boolean {
  return step.writes.some((id) => model.systems.get(id)?.type === type);
}

/** The customer actors a step is in contact with. */
export function customersOf(model: ProcessModel, step: Step): string[] {
  const ids = [step.actor, ...step.to, ...step.with].filter((id): id is string => id !== undefined);
  return [...new Set(ids.filter((id) => model.actors.get(id)?.type === 'customer'))];
}

/** `a`, `a` and `b`, `a`, `b` and `c`: ids in backticks for messages. */
export function idList(ids: readonly string[]): string {
  return listOf(ids.map(code), 'and');
}

/** Each model's routes to its nearest meeting, searched once. */
const meetingRoutes = new WeakMap<ProcessModel, ReadonlyMap<string, { target: string }>>();

/**
 * The live calendar a booking should rest on, when the map has none: the calendar of the person the
 * booking books (the human who performs the first meeting after it, or whom it names), to be added
 * with that person as its owner.
 */
export function missingLiveCalendar(model: ProcessModel, booking: Step): { id: string; system: { name: string; type: 'calendar'; live: true; owner?: string } } {
  const named = [...booking.with, ...booking.to].find((a) => isHuman(model, a));
  if (named) return calendarOf(model, named);
  // The first meeting on the way after the booking: one search to any meeting, its route followed.
  let routes = meetingRoutes.get(model);
  if (!routes) {
    const meetings = [...interactionsByActor(model).values()].flat().filter((s) => s.type === 'meeting');
    routes = model.graph.routesTo(meetings.map((m) => m.id));
    meetingRoutes.set(model, routes);
  }
  const target = routes.get(booking.id)?.target;
  return calendarOf(model, target === undefined ? undefined : model.step(target)?.actor);
}

/** A live calendar to add for a person (or for the staff, when nobody is named), with a fresh id. */
export function calendarOf(model: ProcessModel, person: string | undefined): { id: string; system: { name: string; type: 'calendar'; live: true; owner?: string } } {
  const name = person ? `${model.actors.get(person)?.name ?? person}'s calendar` : 'Staff calendar';
  return { id: freshId(model, person ? `${person}-calendar` : 'staff-calendar'), system: { name, type: 'calendar', live: true, ...(person ? { owner: person } : {}) } };
}

/**
 * The way through the map a path takes, for a message: the branch it takes out of each decision on
 * it (" through `phone-booking`"), or nothing when it passes no decision.
 */
export function wayThrough(model: ProcessModel, path: readonly string[]): string {
  const branches = path.slice(1).filter((id, i) => model.step(path[i]!)?.type === 'decision' && model.step(path[i]!)!.next.length > 1);
  return branches.length === 0 ? '' : ` through ${idList(branches)}`;
}

/**
 * The steps some run from `sources` reaches avoiding `avoid`, with parallel branches running together
 * (format.md): a `parallel` step with several incoming flows is a join, passed once every branch is.
 */
export function reachedInRuns(model: ProcessModel, sources: Iterable<string>, avoid: (id: string) => boolean): Set<string> {
  const { graph } = model;
  return graph.reachableFrom(sources, avoid, (id) => model.step(id)?.type === 'parallel' && graph.predecessors(id).length > 1);
}

const joined = new WeakMap<ProcessModel, boolean>();

/**
 * The way a run takes from `from` to one of `targets` without passing a step matching `avoid`, or null
 * when every run passes one first (format.md, parallel branches run together: a step on a sibling
 * branch is passed before the join). Rules find their candidates with one backward search over graph
 * paths (`found`, the way that search gives); on a map with parallel joins each is confirmed here by
 * the run-aware search forward, whose way it then returns.
 */
export function wayInRuns(model: ProcessModel, from: string, targets: readonly string[], avoid: (id: string) => boolean, found: string[]): string[] | null {
  let hasJoins = joined.get(model);
  if (hasJoins === undefined) {
    hasJoins = model.steps.some((s) => s.type === 'parallel' && model.graph.predecessors(s.id).length > 1);
    joined.set(model, hasJoins);
  }
  if (!hasJoins || found.length < 2) return found;
  const reached = reachedInRuns(model, [from], avoid);
  const wanted = new Set(targets.filter((id) => reached.has(id)));
  if (wanted.size === 0) return null;
  return model.graph.findPath([from], (id) => wanted.has(id), (id) => avoid(id) || !reached.has(id));
}

/** The step a path goes to right after `after`: the flow a suggestion placed after `after` belongs on. */
export function branchAfter(path: readonly string[], after: string | null | undefined): string | undefined {
  const i = after == null ? -1 : path.indexOf(after);
  return i === -1 ? undefined : path[i + 1];
}

/**
 * Where a hand-over belongs on a path that ends at a meeting or an end: after the last booking or
 * automated customer contact before that final step, so one notification there covers every contact
 * upstream and can share the appointment. Falls back to the path's first step.
 */
export function handoverPoint(model: ProcessModel, path: readonly string[]): string {
  for (let i = path.length - 2; i > 0; i--) {
    const step = model.step(path[i]!);
    if (step && (step.type === 'schedule' || (step.customerContact && step.automated))) return step.id;
  }
  return path[0]!;
}
