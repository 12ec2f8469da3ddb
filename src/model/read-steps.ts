import { isObj, oneOf, str, text, type Obj } from './raw.js';
import type { IdRegistry } from './registry.js';
import { PURPOSES, STEP_TYPES, type Actor, type ActorType, type Flow, type NodePath, type Purpose, type Step, type StepType } from './types.js';

const STEP_TYPE_SET = new Set<string>(STEP_TYPES);
const PURPOSE_SET = new Set<string>(PURPOSES);

/**
 * The steps, in map order, with their flows and derived notions. `implicitNext`: a step without
 * `next` flows to the step listed after it (YAML maps), or nowhere (BPMN, where flows are explicit).
 */
export function readSteps(raw: unknown, ids: IdRegistry, actors: ReadonlyMap<string, Actor>, implicitNext: boolean): Step[] {
  const listed: { raw: Obj; path: NodePath; id: string }[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((entry: unknown, i) => {
      const path = ['steps', i];
      if (!isObj(entry) || typeof entry['id'] !== 'string') return;
      if (!ids.define(entry['id'], 'step', [...path, 'id'])) return;
      ids.nameStep(i, entry['id']);
      listed.push({ raw: entry, path, id: entry['id'] });
    });
  }
  const typeOf = (actorId: string | undefined): ActorType | undefined => (actorId === undefined ? undefined : actors.get(actorId)?.type);
  const steps = listed.map(({ raw: entry, path, id }, index): Step => {
    const type = oneOf<StepType>(entry['type'], STEP_TYPE_SET);
    const actor = str(entry['actor']);
    ids.refer('actor', 'actor', entry['actor'], [...path, 'actor']);
    ids.refer('stage', 'stage', entry['stage'], [...path, 'stage']);
    const following = implicitNext ? listed[index + 1] : undefined;
    return {
      id,
      path,
      index,
      name: str(entry['name']) ?? id,
      type,
      actor,
      automated: typeof entry['automated'] === 'boolean' ? entry['automated'] : typeOf(actor) === 'system',
      channel: str(entry['channel']),
      to: ids.referList('actor', 'to', entry['to'], [...path, 'to']),
      with: ids.referList('actor', 'with', entry['with'], [...path, 'with']),
      reads: ids.referList('system', 'reads', entry['reads'], [...path, 'reads']),
      writes: ids.referList('system', 'writes', entry['writes'], [...path, 'writes']),
      offers: ids.referList('offer', 'offers', entry['offers'], [...path, 'offers']),
      shares: ids.referList('shareable', 'shares', entry['shares'], [...path, 'shares']),
      stage: str(entry['stage']),
      trigger: str(entry['trigger']),
      description: str(entry['description']),
      ...readCustomerEdge(entry, path, ids),
      next: [...readFlows(id, entry['next'], [...path, 'next'], type, following, ids), ...readTimeout(id, entry['timeout'], [...path, 'timeout'], ids)],
      customerContact: false,
      humanInteraction: false,
      notifies: new Set(),
    };
  });
  for (const step of steps) deriveNotions(step, typeOf);
  return steps;
}

/** The fields of the customer's edge (format.md): why a message goes out, its opt-out, whom a wait waits for, the cap on repeats. */
function readCustomerEdge(entry: Obj, path: NodePath, ids: IdRegistry): Pick<Step, 'purpose' | 'optOut' | 'from' | 'timeoutAfter' | 'maxRepeats'> {
  const timeout = isObj(entry['timeout']) ? entry['timeout'] : undefined;
  const repeats = entry['max-repeats'];
  return {
    purpose: oneOf<Purpose>(entry['purpose'], PURPOSE_SET),
    optOut: entry['opt-out'] === true,
    from: ids.referList('actor', 'from', entry['from'], [...path, 'from']),
    timeoutAfter: timeout ? str(timeout['after']) : undefined,
    maxRepeats: typeof repeats === 'number' && Number.isInteger(repeats) && repeats >= 1 ? repeats : undefined,
  };
}

/** The flow of a `timeout`: to `timeout.next`, taken when nothing arrives in time. */
function readTimeout(from: string, raw: unknown, path: NodePath, ids: IdRegistry): Flow[] {
  if (!isObj(raw) || typeof raw['next'] !== 'string') return [];
  ids.refer('step', 'timeout.next', raw['next'], [...path, 'next']);
  return [{ from, to: raw['next'], when: `nothing arrives within ${str(raw['after']) ?? 'the time'}`, default: false, implicit: false, timeout: true, path: [...path, 'next'] }];
}

/** The derived notions of format.md, computed once per step. */
function deriveNotions(step: Step, typeOf: (actor: string | undefined) => ActorType | undefined): void {
  const actorType = typeOf(step.actor);
  const names = (ids: string[]): boolean => ids.some((a) => typeOf(a) === 'customer');
  step.customerContact = actorType === 'customer' || names(step.to) || names(step.with);
  step.humanInteraction =
    step.customerContact &&
    actorType === 'human' &&
    (step.type === 'meeting' || (!step.automated && (step.type === 'send' || step.type === 'task')));
  if (step.type === 'send') {
    step.notifies = new Set(step.to.filter((a) => typeOf(a) === 'human'));
  }
}

function readFlows(from: string, raw: unknown, path: NodePath, type: StepType | undefined, following: { id: string } | undefined, ids: IdRegistry): Flow[] {
  if (raw === undefined || raw === null) {
    if (type === 'end' || following === undefined) return [];
    return [{ from, to: following.id, default: false, implicit: true, path }];
  }
  const items = Array.isArray(raw) ? raw.map((item, i) => [item, [...path, i]] as const) : [[raw, path] as const];
  const flows: Flow[] = [];
  for (const [item, itemPath] of items) {
    if (typeof item === 'string') {
      ids.refer('step', 'next', item, itemPath);
      flows.push({ from, to: item, default: false, implicit: false, path: itemPath });
    } else if (isObj(item) && typeof item['to'] === 'string') {
      ids.refer('step', 'next', item['to'], [...itemPath, 'to']);
      flows.push({
        from,
        to: item['to'],
        when: text(item['when']),
        share: typeof item['share'] === 'number' ? item['share'] : undefined,
        default: item['default'] === true,
        implicit: false,
        ...(item['outcome'] === 'positive' || item['outcome'] === 'negative' ? { outcome: item['outcome'] } : {}),
        path: itemPath,
      });
    }
  }
  return flows;
}
