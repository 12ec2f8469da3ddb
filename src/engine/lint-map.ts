import type { FileResult } from '../findings.js';
import { buildModel } from '../model/build.js';
import type { NodePath, Range } from '../positions.js';
import type { ParsedMap } from '../parse/types.js';
import type { ActiveRule } from '../rule.js';
import { buildPlan } from '../plan/build.js';
import { validateMap } from '../schema/validate-map.js';
import { outline } from './outline.js';
import { byPosition, NOWHERE, runRules } from './run-rules.js';
import { scorecard } from './scorecard.js';
import { applyDirectives } from './suppress.js';

export interface MapOptions {
  /** Honour `# pmlint-disable` directives. */
  inlineConfig: boolean;
  /** Every rule id that exists (default: the active ones), to tell an unused directive from a misspelt one. */
  knownRules: ReadonlySet<string> | undefined;
}

/** One parsed map through the schema, the model, the rules, its directives and the scorecard. */
export function lintMap(parsed: ParsedMap, file: string, active: readonly ActiveRule[], options: MapOptions): FileResult {
  const schemaIssues = [...(parsed.schemaChecked === false ? [] : validateMap(parsed.data)), ...(parsed.extraIssues ?? [])];
  const model = buildModel(parsed.data, parsed.locator, file, { implicitNext: parsed.implicitNext !== false });
  const locate = (path: NodePath, target: 'key' | 'value'): Range => parsed.locator.locate(path, target) ?? NOWHERE;
  const findings = runRules(active, { model, schemaIssues, locate, rootPath: parsed.rootPath, file, evidence: parsed.evidence });
  const known = options.knownRules ?? new Set(active.map((a) => a.rule.meta.id));
  const directed = options.inlineConfig ? applyDirectives(findings, parsed.comments, known) : { findings, suppressed: [] };
  directed.findings.sort(byPosition);
  const rims = scorecard(model, active, directed.findings);
  const plan = buildPlan(model, directed.findings);
  return { file, findings: directed.findings, suppressed: directed.suppressed, rims, fatal: null, outline: outline(model), plan };
}
