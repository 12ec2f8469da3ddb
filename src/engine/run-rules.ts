import { buildModel } from '../model/build.js';
import type { NodePath, Range } from '../model/types.js';
import type { Finding, ProcessOutline, RimsScore, Severity } from '../findings.js';
import type { ProcessModel } from '../model/types.js';
import type { ParsedMap } from '../parse/types.js';
import { validateMap } from '../parse/validate.js';
import { applyDirectives } from './suppress.js';
import type { Lexicon } from '../parse/bpmn-lexicon.js';
import type { Report, Rule } from '../rule.js';

/** A rule switched on for a file, with its severity and its validated options. */
export interface ActiveRule {
  rule: Rule<any>;
  severity: Severity;
  options: Record<string, unknown>;
}

const NOWHERE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export interface RuleRun {
  findings: Finding[];
  suppressed: Finding[];
  rims: RimsScore;
  outline: ProcessOutline;
}

export interface EngineOptions {
  /** Honour `# pmlint-disable` directives in the map (default true; `--no-inline-config` turns them off). */
  inlineConfig?: boolean;
  /** Every rule id that exists, switched on or not, to tell an unused directive from a misspelt one. */
  knownRules?: ReadonlySet<string>;
  /** The words BPMN labels are read with. */
  lexicon?: Lexicon;
}

/** Runs the active rules over one parsed map; a rule that throws becomes an internal-error finding. */
export function runRules(parsed: ParsedMap, file: string, active: readonly ActiveRule[], engine: EngineOptions = {}): RuleRun {
  const schemaIssues = [...(parsed.schemaChecked === false ? [] : validateMap(parsed.data)), ...(parsed.extraIssues ?? [])];
  const model = buildModel(parsed.data, parsed.locator, file, { implicitNext: parsed.implicitNext !== false });
  const findings: Finding[] = [];
  const locate = (path: NodePath, target: 'key' | 'value'): Range => parsed.locator.locate(path, target) ?? NOWHERE;

  for (const { rule, severity, options } of active) {
    const { meta } = rule;
    const report = (r: Report): void => {
      const template = meta.messages[r.messageId];
      if (template === undefined) throw new Error(`unknown messageId '${r.messageId}'`);
      const range = r.at
        ? locate(r.at, r.target ?? 'value')
        : r.step
          ? locate([...r.step.path, 'id'], 'value')
          : locate(parsed.rootPath, 'key');
      findings.push({
        ruleId: meta.id,
        severity,
        category: meta.category,
        rims: meta.rims,
        message: fillTemplate(template, r.data ?? {}),
        messageId: r.messageId,
        ...range,
        stepId: r.step?.id ?? r.stepId ?? null,
        ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      });
    };
    try {
      rule.check({ model, options, schemaIssues, report });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      findings.push({
        ruleId: meta.id,
        severity: 'error',
        category: meta.category,
        rims: meta.rims,
        message: `internal error: rule \`${meta.id}\` failed on ${file}: ${reason}`,
        messageId: 'internal-error',
        ...NOWHERE,
        stepId: null,
        internal: true,
      });
    }
  }
  findings.sort(byPosition);
  const known = engine.knownRules ?? new Set(active.map((a) => a.rule.meta.id));
  const directed = engine.inlineConfig === false ? { findings, suppressed: [] } : applyDirectives(findings, parsed.comments, known);
  directed.findings.sort(byPosition);
  if (parsed.evidence) for (const f of directed.findings) f.message = withEvidence(f, parsed.evidence);
  return { ...directed, rims: scorecard(model, active, directed.findings), outline: outline(model) };
}

/**
 * The RIMS scorecard (docs/rims.md): per dimension, the share of the active rules' checks that pass.
 * Each finding fails one check; a dimension with no check is null. Rounded down, so 100 means all pass.
 */
export function scorecard(model: ProcessModel, active: readonly ActiveRule[], findings: readonly Finding[]): RimsScore {
  const checks = { R: 0, I: 0, M: 0, S: 0 };
  const failed = { R: 0, I: 0, M: 0, S: 0 };
  for (const { rule, options } of active) {
    const dim = rule.meta.rims;
    if (dim === null || !rule.checks) continue;
    let count: number;
    try {
      count = rule.checks({ model, options });
    } catch {
      continue; // reported as the rule's internal error when its check ran
    }
    checks[dim] += count;
    failed[dim] += Math.min(count, findings.filter((f) => f.ruleId === rule.meta.id && !f.internal).length);
  }
  const score = (d: keyof typeof checks): number | null => (checks[d] === 0 ? null : Math.floor((100 * (checks[d] - failed[d])) / checks[d]));
  return { R: score('R'), I: score('I'), M: score('M'), S: score('S') };
}

function outline(model: ProcessModel): ProcessOutline {
  return {
    id: model.process.id,
    name: model.process.name,
    kind: model.process.kind,
    actors: [...model.actors.values()].map((a) => ({ id: a.id, name: a.name, type: a.type })),
    steps: model.steps.map((s) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      actor: s.actor,
      automated: s.automated,
      customerContact: s.customerContact,
    })),
    flows: model.steps.flatMap((s) =>
      s.next.filter((f) => model.step(f.to)).map((f) => ({ from: f.from, to: f.to, ...(f.when !== undefined ? { label: f.when } : f.default ? { label: 'otherwise' } : {}) })),
    ),
  };
}

export function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** By line, column, then rule id in code-unit order (as stable as the ids, and no locale to consult). */
export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** A finding on a converted model says what it rests on: the inferences about the elements it names. */
function withEvidence(finding: Finding, evidence: ReadonlyMap<string, string[]>): string {
  const ids = new Set([finding.stepId, ...[...finding.message.matchAll(/`([^`]+)`/g)].map((m) => m[1])]);
  const notes = [...ids].flatMap((id) => (id ? (evidence.get(id) ?? []) : []));
  return notes.length === 0 ? finding.message : `${finding.message} (read from the BPMN model: ${[...new Set(notes)].join('; ')})`;
}
