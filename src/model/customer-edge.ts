// The derived notions of format.md that the customer-edge rules share: what a message is for, who a wait
// waits for, where a no-answer goes, which steps one branch of a decision leads to on its own.
import { components } from './graph.js';
import { customersOf, writes } from './queries.js';
import type { Flow, ProcessModel, Purpose, Step } from './types.js';

/** Why a `send` goes out: as written, else `marketing` when it makes offers, else `service` (format.md). */
export function purposeOf(step: Step): Purpose | undefined {
  if (step.purpose !== undefined || step.type !== 'send') return step.purpose;
  return step.offers.length > 0 ? 'marketing' : 'service';
}

function isCustomer(model: ProcessModel, id: string | undefined): boolean {
  return id !== undefined && model.actors.get(id)?.type === 'customer';
}

/** A `send` to a customer actor whose purpose is marketing (format.md, "marketing message"). */
export function isMarketingMessage(model: ProcessModel, step: Step): boolean {
  return step.type === 'send' && step.to.some((id) => isCustomer(model, id)) && purposeOf(step) === 'marketing';
}

/** A `receive` or `wait` whose `from` names a customer actor (format.md, "customer wait"). */
export function isCustomerWait(model: ProcessModel, step: Step): boolean {
  return (step.type === 'receive' || step.type === 'wait') && step.from.some((id) => isCustomer(model, id));
}

/** The customer's own request: a step the customer performs, or a wait for the customer. */
export function isCustomerRequest(model: ProcessModel, step: Step): boolean {
  return isCustomer(model, step.actor) || isCustomerWait(model, step);
}

/** The customer actors a wait waits for, or the customer who performs a step. */
export function customersAwaited(model: ProcessModel, step: Step): string[] {
  return [...new Set([...step.from, ...(step.actor !== undefined ? [step.actor] : [])].filter((id) => isCustomer(model, id)))];
}

/** The flow a step takes when nothing arrives in time, if it has a `timeout`. */
export function timeoutFlow(step: Step): Flow | undefined {
  return step.next.find((f) => f.timeout === true);
}

/**
 * The nearest `end` forward of `from` (breadth first, so the fewest steps away), else the nearest step
 * with no flow out; undefined when every way from `from` goes round for ever.
 */
export function nearestEnd(model: ProcessModel, from: string): string | undefined {
  const { graph } = model;
  const seen = new Set([from]);
  let sink: string | undefined;
  for (let queue = [from], i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (id !== from && model.step(id)?.type === 'end') return id;
    const next = graph.successors(id);
    if (next.length === 0 && id !== from) sink ??= id;
    for (const n of next) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return sink;
}

/**
 * The steps only one branch of a decision leads to: reached from the branch's first step without passing
 * the decision again, and not from the decision's other branches. Where the branches meet again, the
 * steps are every branch's, so none of this one's.
 */
export function branchRegion(model: ProcessModel, decision: Step, flow: Flow): Set<string> {
  const { graph } = model;
  const avoid = (id: string): boolean => id === decision.id;
  const own = graph.reachableFrom([flow.to], avoid);
  const others = graph.reachableFrom(decision.next.filter((f) => f !== flow && f.to !== flow.to).map((f) => f.to), avoid);
  for (const id of others) own.delete(id);
  own.delete(decision.id);
  return own;
}

const loopCache = new WeakMap<ProcessModel, Set<string>>();

/** The steps that lie on a loop: in a strongly connected component of two or more steps, or flowing to themselves. */
export function stepsOnLoops(model: ProcessModel): ReadonlySet<string> {
  let onLoops = loopCache.get(model);
  if (!onLoops) {
    const { graph } = model;
    onLoops = new Set<string>();
    for (const component of components(model.steps.map((s) => s.id), (id) => graph.successors(id))) {
      if (component.length > 1 || graph.successors(component[0]!).includes(component[0]!)) for (const id of component) onLoops.add(id);
    }
    loopCache.set(model, onLoops);
  }
  return onLoops;
}

/**
 * The person to hand a customer over to from `from` on: the process owner when a person owns the
 * process, else the first person who performs a step forward of `from` (breadth first), else the map's
 * first human actor; undefined when the map has no person.
 */
export function personFor(model: ProcessModel, from: string): string | undefined {
  const isPerson = (id: string | undefined): id is string => id !== undefined && model.actors.get(id)?.type === 'human';
  if (isPerson(model.process.owner)) return model.process.owner;
  const { graph } = model;
  const seen = new Set([from]);
  for (let queue = [from], i = 0; i < queue.length; i++) {
    const actor = model.step(queue[i]!)?.actor;
    if (isPerson(actor)) return actor;
    for (const n of graph.successors(queue[i]!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return [...model.actors.values()].find((a) => a.type === 'human')?.id;
}

/** A customer survey: a `send` to a customer with `purpose: survey`, or a step that writes a `survey` system. */
export function isSurvey(model: ProcessModel, id: string): boolean {
  const step = model.step(id);
  if (!step) return false;
  return (step.type === 'send' && purposeOf(step) === 'survey' && customersOf(model, step).length > 0) || writes(model, step, 'survey');
}

/** Where a suggested customer contact is logged, so that it leaves a record (`contact-logged`): the map's CRM, else its analytics system. */
export function contactLog(model: ProcessModel): { writes?: string[] } {
  const systems = [...model.systems.values()];
  const log = systems.find((s) => s.type === 'crm') ?? systems.find((s) => s.type === 'analytics');
  return log ? { writes: [log.id] } : {};
}
