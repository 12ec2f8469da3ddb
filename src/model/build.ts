import { FlowGraph } from './graph.js';
import { parseRate } from './rate.js';
import {
  ACTOR_TYPES,
  PHASES,
  STEP_TYPES,
  SYSTEM_TYPES,
  type Actor,
  type ActorType,
  type DefinitionKind,
  type DuplicateId,
  type Flow,
  type Metric,
  type NodePath,
  type Offer,
  type Phase,
  type ProcessInfo,
  type ProcessModel,
  type Reference,
  type ReferenceKind,
  type SourceLocator,
  type Stage,
  type Step,
  type StepType,
  type System,
  type SystemType,
} from './types.js';

type Obj = Record<string, unknown>;

const STEP_TYPE_SET = new Set<string>(STEP_TYPES);
const ACTOR_TYPE_SET = new Set<string>(ACTOR_TYPES);
const SYSTEM_TYPE_SET = new Set<string>(SYSTEM_TYPES);
const PHASE_SET = new Set<string>(PHASES);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function oneOf<T extends string>(v: unknown, allowed: Set<string>): T | undefined {
  return typeof v === 'string' && allowed.has(v) ? (v as T) : undefined;
}

/**
 * Builds the typed model from a parsed map. It never throws on a malformed map:
 * what does not fit the format is left out here and reported by `valid-schema`.
 */
export function buildModel(data: unknown, source: SourceLocator, file: string, options: { implicitNext?: boolean } = {}): ProcessModel {
  const implicitNext = options.implicitNext !== false;
  const root: Obj = isObj(data) ? data : {};
  const references: Reference[] = [];
  const duplicates: DuplicateId[] = [];
  const definitions = new Map<string, { kind: DefinitionKind; path: NodePath }>();

  const define = (id: string, kind: DefinitionKind, path: NodePath): boolean => {
    const first = definitions.get(id);
    if (first) {
      duplicates.push({ id, path, first: first.path });
      return false;
    }
    definitions.set(id, { kind, path });
    return true;
  };
  const refer = (kind: ReferenceKind, field: string, value: unknown, path: NodePath): void => {
    if (typeof value !== 'string') return;
    const stepId = path[0] === 'steps' ? stepIdAt(path[1]) : undefined;
    references.push({ kind, id: value, field, path, ...(stepId ? { stepId } : {}) });
  };
  const referList = (kind: ReferenceKind, field: string, value: unknown, path: NodePath): string[] => {
    if (typeof value === 'string') {
      refer(kind, field, value, path);
      return [value];
    }
    if (!Array.isArray(value)) return [];
    const ids: string[] = [];
    value.forEach((item, i) => {
      if (typeof item !== 'string') return;
      refer(kind, field, item, [...path, i]);
      ids.push(item);
    });
    return ids;
  };

  const process = readProcess(root['process'], define, refer);
  const actors = readMapping(root['actors'], 'actors', define, 'actor', (id, raw, path): Actor => {
    refer('actor', 'reports-to', raw['reports-to'], [...path, 'reports-to']);
    refer('actor', 'backup', raw['backup'], [...path, 'backup']);
    return {
      id,
      path,
      name: str(raw['name']) ?? id,
      type: oneOf<ActorType>(raw['type'], ACTOR_TYPE_SET),
      reportsTo: str(raw['reports-to']),
      backup: str(raw['backup']),
      capacity: parseRate(raw['capacity']),
    };
  });
  const systems = readMapping(root['systems'], 'systems', define, 'system', (id, raw, path): System => {
    refer('actor', 'owner', raw['owner'], [...path, 'owner']);
    return {
      id,
      path,
      name: str(raw['name']) ?? id,
      type: oneOf<SystemType>(raw['type'], SYSTEM_TYPE_SET),
      live: raw['live'] === true,
      owner: str(raw['owner']),
    };
  });
  const offers = readMapping(root['offers'], 'offers', define, 'offer', (id, raw, path): Offer => {
    refer('actor', 'approved-by', raw['approved-by'], [...path, 'approved-by']);
    return { id, path, name: str(raw['name']) ?? id, approvedBy: str(raw['approved-by']) };
  });
  const stages: Stage[] = [];
  if (Array.isArray(root['stages'])) {
    root['stages'].forEach((raw: unknown, i) => {
      const path = ['stages', i];
      if (!isObj(raw) || typeof raw['id'] !== 'string') return;
      const id = raw['id'];
      if (!define(id, 'stage', [...path, 'id'])) return;
      stages.push({ id, path, name: str(raw['name']) ?? id, phase: oneOf<Phase>(raw['phase'], PHASE_SET) });
    });
  }
  const metrics = readMapping(root['metrics'], 'metrics', define, 'metric', (id, raw, path): Metric => {
    refer('measurable', 'measures', raw['measures'], [...path, 'measures']);
    refer('actor', 'owner', raw['owner'], [...path, 'owner']);
    refer('system', 'source', raw['source'], [...path, 'source']);
    return {
      id,
      path,
      name: str(raw['name']) ?? id,
      measures: str(raw['measures']),
      target: text(raw['target']),
      owner: str(raw['owner']),
      review: str(raw['review']),
      source: str(raw['source']),
    };
  });

  const rawSteps: { raw: Obj; path: NodePath; id: string }[] = [];
  const stepIdsByIndex = new Map<unknown, string>();
  function stepIdAt(index: unknown): string | undefined {
    return stepIdsByIndex.get(index);
  }
  if (Array.isArray(root['steps'])) {
    root['steps'].forEach((raw: unknown, i) => {
      const path = ['steps', i];
      if (!isObj(raw) || typeof raw['id'] !== 'string') return;
      if (!define(raw['id'], 'step', [...path, 'id'])) return;
      stepIdsByIndex.set(i, raw['id']);
      rawSteps.push({ raw, path, id: raw['id'] });
    });
  }

  const steps: Step[] = rawSteps.map(({ raw, path, id }, index) => {
    const type = oneOf<StepType>(raw['type'], STEP_TYPE_SET);
    const actor = str(raw['actor']);
    refer('actor', 'actor', raw['actor'], [...path, 'actor']);
    refer('stage', 'stage', raw['stage'], [...path, 'stage']);
    const following = rawSteps[index + 1];
    const actorType = actor === undefined ? undefined : actors.get(actor)?.type;
    const step: Step = {
      id,
      path,
      index,
      name: str(raw['name']) ?? id,
      type,
      actor,
      automated: typeof raw['automated'] === 'boolean' ? raw['automated'] : actorType === 'system',
      channel: str(raw['channel']),
      to: referList('actor', 'to', raw['to'], [...path, 'to']),
      with: referList('actor', 'with', raw['with'], [...path, 'with']),
      reads: referList('system', 'reads', raw['reads'], [...path, 'reads']),
      writes: referList('system', 'writes', raw['writes'], [...path, 'writes']),
      offers: referList('offer', 'offers', raw['offers'], [...path, 'offers']),
      shares: referList('shareable', 'shares', raw['shares'], [...path, 'shares']),
      stage: str(raw['stage']),
      trigger: str(raw['trigger']),
      description: str(raw['description']),
      next: readFlows(id, raw['next'], [...path, 'next'], type, implicitNext ? following : undefined, refer),
      customerContact: false,
      humanInteraction: false,
      notifies: new Set(),
    };
    return step;
  });

  const typeOf = (actorId: string | undefined): ActorType | undefined =>
    actorId === undefined ? undefined : actors.get(actorId)?.type;
  for (const step of steps) {
    deriveNotions(step, typeOf);
  }

  const stepById = new Map(steps.map((s) => [s.id, s]));
  const graph = new FlowGraph(
    steps.map((s) => s.id),
    steps.flatMap((s) => s.next.map((f) => [f.from, f.to] as const)),
  );

  return {
    file,
    process,
    actors,
    systems,
    offers,
    stages,
    metrics,
    steps,
    step: (id) => stepById.get(id),
    kindOf: (id) => definitions.get(id)?.kind,
    references,
    duplicates,
    graph,
    source,
  };
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

function readProcess(
  raw: unknown,
  define: (id: string, kind: DefinitionKind, path: NodePath) => boolean,
  refer: (kind: ReferenceKind, field: string, value: unknown, path: NodePath) => void,
): ProcessInfo {
  const p: Obj = isObj(raw) ? raw : {};
  const id = str(p['id']) ?? '';
  if (id) define(id, 'process', ['process', 'id']);
  refer('actor', 'owner', p['owner'], ['process', 'owner']);
  return {
    id,
    path: ['process'],
    name: str(p['name']) ?? id,
    kind: p['kind'] === 'journey' ? 'journey' : 'process',
    owner: str(p['owner']),
    description: str(p['description']),
    volume: parseRate(p['volume']),
  };
}

function readMapping<T>(
  raw: unknown,
  section: string,
  define: (id: string, kind: DefinitionKind, path: NodePath) => boolean,
  kind: DefinitionKind,
  read: (id: string, raw: Obj, path: NodePath) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  if (!isObj(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const path = [section, id];
    if (!define(id, kind, path)) continue;
    out.set(id, read(id, isObj(value) ? value : {}, path));
  }
  return out;
}

function readFlows(
  from: string,
  raw: unknown,
  path: NodePath,
  type: StepType | undefined,
  following: { id: string } | undefined,
  refer: (kind: ReferenceKind, field: string, value: unknown, path: NodePath) => void,
): Flow[] {
  if (raw === undefined || raw === null) {
    if (type === 'end' || following === undefined) return [];
    return [{ from, to: following.id, default: false, implicit: true, path }];
  }
  const items = Array.isArray(raw) ? raw.map((item, i) => [item, [...path, i]] as const) : [[raw, path] as const];
  const flows: Flow[] = [];
  for (const [item, itemPath] of items) {
    if (typeof item === 'string') {
      refer('step', 'next', item, itemPath);
      flows.push({ from, to: item, default: false, implicit: false, path: itemPath });
    } else if (isObj(item) && typeof item['to'] === 'string') {
      refer('step', 'next', item['to'], [...itemPath, 'to']);
      flows.push({
        from,
        to: item['to'],
        when: text(item['when']),
        share: typeof item['share'] === 'number' ? item['share'] : undefined,
        default: item['default'] === true,
        implicit: false,
        path: itemPath,
      });
    }
  }
  return flows;
}
