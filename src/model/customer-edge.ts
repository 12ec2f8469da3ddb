// The derived notions of format.md that the customer-edge rules share: what a message is for, who a wait
// waits for, where a no-answer goes, which steps one branch of a decision leads to on its own.
import { components, type Route } from './graph.js';
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

const marketingCache = new WeakMap<ProcessModel, Step[]>();

/** The automated marketing messages, in list order; worked out once per model for the consent rules. */
export function automatedMarketing(model: ProcessModel): readonly Step[] {
  let found = marketingCache.get(model);
  if (!found) {
    found = model.steps.filter((s) => s.automated && isMarketingMessage(model, s));
    marketingCache.set(model, found);
  }
  return found;
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

/** Each model's routes to its nearest end, and to its nearest step with no flow out, searched once (backwards). */
const endRoutes = new WeakMap<ProcessModel, { ends: Map<string, Route>; sinks: Map<string, Route> }>();

/**
 * The nearest `end` forward of `from` (fewest flows away), else the nearest step with no flow out;
 * undefined when every way from `from` goes round for ever.
 */
export function nearestEnd(model: ProcessModel, from: string): string | undefined {
  let routes = endRoutes.get(model);
  if (!routes) {
    const { graph } = model;
    routes = { ends: graph.routesTo(model.steps.filter((s) => s.type === 'end').map((s) => s.id)), sinks: graph.routesTo(graph.sinks()) };
    endRoutes.set(model, routes);
  }
  // Forward of `from`: through one of its flows, never `from` itself.
  const via = (table: Map<string, Route>): string | undefined => {
    let best: Route | undefined;
    for (const next of model.graph.successors(from)) {
      const route = table.get(next);
      if (route && (!best || route.distance < best.distance)) best = route;
    }
    return best?.target;
  };
  return via(routes.ends) ?? via(routes.sinks);
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

/** Each model's routes to the nearest step a person performs, searched once (backwards). */
const personRoutes = new WeakMap<ProcessModel, Map<string, Route>>();

/**
 * The person to hand a customer over to from `from` on: the process owner when a person owns the
 * process, else the first person who performs `from` or a step forward of it (fewest flows away), else
 * the map's first human actor; undefined when the map has no person.
 */
export function personFor(model: ProcessModel, from: string): string | undefined {
  const isPerson = (id: string | undefined): id is string => id !== undefined && model.actors.get(id)?.type === 'human';
  if (isPerson(model.process.owner)) return model.process.owner;
  let routes = personRoutes.get(model);
  if (!routes) {
    routes = model.graph.routesTo(model.steps.filter((s) => isPerson(s.actor)).map((s) => s.id));
    personRoutes.set(model, routes);
  }
  const target = routes.get(from)?.target;
  return target !== undefined ? model.step(target)!.actor : [...model.actors.values()].find((a) => a.type === 'human')?.id;
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
