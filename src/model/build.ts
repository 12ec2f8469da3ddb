import { FlowGraph } from './graph.js';
import { isObj, type Obj } from './raw.js';
import { readActors, readMetrics, readOffers, readProcess, readStages, readSystems } from './read-sections.js';
import { readSteps } from './read-steps.js';
import { IdRegistry } from './registry.js';
import type { ProcessModel, SourceLocator } from './types.js';

/**
 * Builds the typed model from a parsed map. It never throws on a malformed map:
 * what does not fit the format is left out here and reported by `valid-schema`.
 */
export function buildModel(data: unknown, source: SourceLocator, file: string, options: { implicitNext?: boolean } = {}): ProcessModel {
  const root: Obj = isObj(data) ? data : {};
  const ids = new IdRegistry();
  const process = readProcess(root['process'], ids);
  const actors = readActors(root['actors'], ids);
  const systems = readSystems(root['systems'], ids);
  const offers = readOffers(root['offers'], ids);
  const stages = readStages(root['stages'], ids);
  const metrics = readMetrics(root['metrics'], ids);
  const steps = readSteps(root['steps'], ids, actors, options.implicitNext !== false);
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
    kindOf: (id) => ids.kindOf(id),
    references: ids.references,
    duplicates: ids.duplicates,
    graph,
    source,
  };
}
