import { entrySteps } from '../model/queries.js';
import type { ProcessModel, Step } from '../model/types.js';
import { defineRule, type Category, type RimsDimension, type Rule, type RuleContext, type SuggestedStep } from '../rule.js';
import { fieldValues, matchesProperties, matchesStep, resolveRef, type Selector } from './selector.js';
import { parseSeverity } from '../severity.js';

/** A rule as declared in the configuration, already validated against schemas/declarative-rule.schema.json. */
export interface DeclaredRule {
  severity?: string | number;
  description?: string;
  category?: Category;
  rims?: RimsDimension | null;
  for: 'process' | Selector;
  require: Requirement;
  message?: string;
  suggest?: { title: string; step: Record<string, unknown> };
}

export interface PathRequirement {
  paths?: 'every' | 'some';
  within?: number;
  step: Selector;
}

interface Requirement {
  self?: Selector;
  upstream?: PathRequirement;
  downstream?: PathRequirement;
  has?: Record<string, Record<string, unknown>>;
}

/**
 * Whether the paths from `from` (forwards to an end, or backwards to an entry) meet a matching step.
 * every: no path reaches its end, or its `within`-th step, without passing a match; some: one path meets
 * a match (within that many steps). A loop with no exit is never a failing path without `within`:
 * reaching an end is (no-dead-end reports the loop); with `within`, a loop without a match is one.
 *
 * Linear in the map whatever `within` is: one breadth-first search through the steps that do not
 * match (a match ends a path) gives the nearest match and the nearest end; for `every` with `within`,
 * a loop among those steps, or a chain of `within` of them, is a path that goes that far unmet.
 */
export function pathsMeet(model: ProcessModel, from: Step, direction: 'up' | 'down', req: PathRequirement): boolean {
  const next = (id: string): readonly string[] => (direction === 'down' ? model.graph.successors(id) : model.graph.predecessors(id));
  const entries = direction === 'up' ? new Set(entrySteps(model)) : undefined;
  const isEnd = (id: string): boolean => next(id).length === 0 || (entries?.has(id) ?? false);
  const every = (req.paths ?? 'every') === 'every';
  const limit = req.within ?? Infinity;
  const starts = [...new Set(next(from.id))];
  if (starts.length === 0) return false; // the step is itself an end (or an entry): its one path meets nothing

  const depth = new Map<string, number>(starts.map((id) => [id, 1]));
  const unmatched: string[] = [];
  let nearestMatch = Infinity;
  let nearestEnd = Infinity;
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const d = depth.get(id)!;
    if (matchesStep(model, model.step(id)!, req.step, from)) {
      nearestMatch = Math.min(nearestMatch, d);
      continue;
    }
    unmatched.push(id);
    if (isEnd(id)) nearestEnd = Math.min(nearestEnd, d);
    for (const n of next(id)) {
      if (depth.has(n)) continue;
      depth.set(n, d + 1);
      queue.push(n);
    }
  }
  // Infinity stands for none found, and no step lies beyond a limit of Infinity.
  if (!every) return nearestMatch !== Infinity && nearestMatch <= limit;
  if (nearestEnd !== Infinity && nearestEnd <= limit) return false;
  return limit === Infinity || longestUnmatchedRun(unmatched, starts, next) < limit;
}

/** The most steps in a row a path can take through `steps` from a start: Infinity when they hold a loop. */
function longestUnmatchedRun(steps: readonly string[], starts: readonly string[], next: (id: string) => readonly string[]): number {
  const inSet = new Set(steps);
  const indegree = new Map<string, number>(steps.map((id) => [id, 0]));
  for (const id of steps) for (const n of next(id)) if (inSet.has(n)) indegree.set(n, indegree.get(n)! + 1);
  const run = new Map<string, number>();
  for (const id of starts) if (inSet.has(id)) run.set(id, 1);
  const ready = steps.filter((id) => indegree.get(id) === 0);
  let done = 0;
  let longest = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    done++;
    const here = run.get(id) ?? 1;
    longest = Math.max(longest, here);
    for (const n of next(id)) {
      if (!inSet.has(n)) continue;
      run.set(n, Math.max(run.get(n) ?? 0, here + 1));
      const left = indegree.get(n)! - 1;
      indegree.set(n, left);
      if (left === 0) ready.push(n);
    }
  }
  return done < steps.length ? Infinity : longest;
}

function requirementMet(model: ProcessModel, step: Step, req: Requirement): boolean {
  if (req.self) return matchesStep(model, step, req.self, step);
  if (req.downstream) return pathsMeet(model, step, 'down', req.downstream);
  if (req.upstream) return pathsMeet(model, step, 'up', req.upstream);
  return true;
}

function processHas(model: ProcessModel, has: Record<string, Record<string, unknown>>): boolean {
  const [[kind, want]] = Object.entries(has) as [[string, Record<string, unknown>]];
  switch (kind) {
    case 'step':
      return model.steps.some((s) => matchesStep(model, s, want));
    case 'stage':
      return model.stages.some((s) => matchesProperties({ ...s }, want));
    case 'actor':
      return [...model.actors.values()].some((a) => matchesProperties({ ...a, 'reports-to': a.reportsTo }, want));
    case 'system':
      return [...model.systems.values()].some((s) => matchesProperties({ ...s }, want));
    case 'offer':
      return [...model.offers.values()].some((o) => matchesProperties({ ...o, 'approved-by': o.approvedBy }, want));
    default:
      return [...model.metrics.values()].some((m) => matchesProperties({ ...m }, want));
  }
}

/** `{step}`, `{process}` and `{field}` of the matched step, in a message or a suggestion title. */
function fill(template: string, model: ProcessModel, step: Step | undefined): string {
  return template.replace(/\{([\w-]+)\}/g, (whole, name: string) => {
    if (name === 'process') return `\`${model.process.id}\``;
    if (!step) return whole;
    if (name === 'step') return `\`${step.id}\``;
    const values = fieldValues(step, name);
    return values.length > 0 ? values.map((v) => `\`${String(v)}\``).join(', ') : whole;
  });
}

function suggestedStep(declared: Record<string, unknown>, step: Step | undefined, id: string): SuggestedStep {
  const out: Record<string, unknown> = { id };
  for (const [key, value] of Object.entries(declared)) out[key] = resolveRef(value, step);
  return out as unknown as SuggestedStep;
}

/** Turns a declared rule into a Rule with the same contract as the built-in ones. */
export function compileDeclaredRule(id: string, declared: DeclaredRule): Rule<Record<string, unknown>> {
  const description = declared.description ?? `declared in the configuration as ${id}`;
  return defineRule({
    meta: {
      id,
      category: declared.category ?? 'custom',
      rims: declared.rims ?? null,
      severity: parseSeverity(declared.severity) === 'warning' ? 'warn' : 'error',
      description,
      rationale: description,
      messages: { declared: '{{message}}' },
      docs: 'docs/custom-rules.md',
    },
    check({ model, report }: RuleContext) {
      const suggestion = (step: Step | undefined, after: string | null) =>
        declared.suggest
          ? {
              title: fill(declared.suggest.title, model, step),
              after,
              step: suggestedStep(declared.suggest.step, step, `${id.replace(/[^a-z0-9]+/g, '-')}-${step?.id ?? 'step'}`),
            }
          : undefined;
      if (declared.for === 'process') {
        if (declared.require.has && processHas(model, declared.require.has)) return;
        const message = fill(declared.message ?? `${model.process.id}: ${description}`, model, undefined);
        report({ messageId: 'declared', data: { message }, suggestion: suggestion(undefined, null) });
        return;
      }
      for (const step of model.steps) {
        if (!matchesStep(model, step, declared.for, step) || requirementMet(model, step, declared.require)) continue;
        const message = fill(declared.message ?? `{step}: ${description}`, model, step);
        const after = declared.require.upstream ? (model.graph.predecessors(step.id)[0] ?? null) : step.id;
        report({ messageId: 'declared', data: { message }, step, suggestion: suggestion(step, after) });
      }
    },
  });
}
