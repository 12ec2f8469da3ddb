import { parseRate } from './rate.js';
import { isObj, oneOf, str, text, type Obj } from './raw.js';
import type { IdRegistry } from './registry.js';
import {
  ACTOR_TYPES,
  PHASES,
  SYSTEM_TYPES,
  type Actor,
  type ActorType,
  type DefinitionKind,
  type Metric,
  type NodePath,
  type Offer,
  type Phase,
  type ProcessInfo,
  type Stage,
  type System,
  type SystemType,
} from './types.js';

const ACTOR_TYPE_SET = new Set<string>(ACTOR_TYPES);
const SYSTEM_TYPE_SET = new Set<string>(SYSTEM_TYPES);
const PHASE_SET = new Set<string>(PHASES);

export function readProcess(raw: unknown, ids: IdRegistry): ProcessInfo {
  const p: Obj = isObj(raw) ? raw : {};
  const id = str(p['id']) ?? '';
  if (id) ids.define(id, 'process', ['process', 'id']);
  ids.refer('actor', 'owner', p['owner'], ['process', 'owner']);
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

/** A section that maps ids to entries (`actors`, `systems`…): each id defined, each entry read. */
function readMapping<T>(
  raw: unknown,
  section: string,
  kind: DefinitionKind,
  ids: IdRegistry,
  read: (id: string, raw: Obj, path: NodePath) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  if (!isObj(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const path = [section, id];
    if (!ids.define(id, kind, path)) continue;
    out.set(id, read(id, isObj(value) ? value : {}, path));
  }
  return out;
}

export function readActors(raw: unknown, ids: IdRegistry): Map<string, Actor> {
  return readMapping(raw, 'actors', 'actor', ids, (id, entry, path): Actor => {
    ids.refer('actor', 'reports-to', entry['reports-to'], [...path, 'reports-to']);
    ids.refer('actor', 'backup', entry['backup'], [...path, 'backup']);
    return {
      id,
      path,
      name: str(entry['name']) ?? id,
      type: oneOf<ActorType>(entry['type'], ACTOR_TYPE_SET),
      reportsTo: str(entry['reports-to']),
      backup: str(entry['backup']),
      capacity: parseRate(entry['capacity']),
    };
  });
}

export function readSystems(raw: unknown, ids: IdRegistry): Map<string, System> {
  return readMapping(raw, 'systems', 'system', ids, (id, entry, path): System => {
    ids.refer('actor', 'owner', entry['owner'], [...path, 'owner']);
    return {
      id,
      path,
      name: str(entry['name']) ?? id,
      type: oneOf<SystemType>(entry['type'], SYSTEM_TYPE_SET),
      live: entry['live'] === true,
      owner: str(entry['owner']),
    };
  });
}

export function readOffers(raw: unknown, ids: IdRegistry): Map<string, Offer> {
  return readMapping(raw, 'offers', 'offer', ids, (id, entry, path): Offer => {
    ids.refer('actor', 'approved-by', entry['approved-by'], [...path, 'approved-by']);
    return { id, path, name: str(entry['name']) ?? id, approvedBy: str(entry['approved-by']) };
  });
}

export function readStages(raw: unknown, ids: IdRegistry): Stage[] {
  const stages: Stage[] = [];
  if (!Array.isArray(raw)) return stages;
  raw.forEach((entry: unknown, i) => {
    const path = ['stages', i];
    if (!isObj(entry) || typeof entry['id'] !== 'string') return;
    const id = entry['id'];
    if (!ids.define(id, 'stage', [...path, 'id'])) return;
    stages.push({ id, path, name: str(entry['name']) ?? id, phase: oneOf<Phase>(entry['phase'], PHASE_SET) });
  });
  return stages;
}

export function readMetrics(raw: unknown, ids: IdRegistry): Map<string, Metric> {
  return readMapping(raw, 'metrics', 'metric', ids, (id, entry, path): Metric => {
    ids.refer('measurable', 'measures', entry['measures'], [...path, 'measures']);
    ids.refer('actor', 'owner', entry['owner'], [...path, 'owner']);
    ids.refer('system', 'source', entry['source'], [...path, 'source']);
    return {
      id,
      path,
      name: str(entry['name']) ?? id,
      measures: str(entry['measures']),
      target: text(entry['target']),
      owner: str(entry['owner']),
      review: str(entry['review']),
      source: str(entry['source']),
    };
  });
}
