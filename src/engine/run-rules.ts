import type { Finding, Severity } from '../findings.js';
import type { NodePath, ProcessModel, Range } from '../model/types.js';
import type { SchemaIssue } from '../schema/issue.js';
import { withEvidence } from './evidence.js';
import type { ActiveRule, Report, ReportValue, Rule, Suggestion } from '../rule.js';
import { code, describeThrown, listOf } from '../util/describe.js';

export type { ActiveRule } from '../rule.js';

export const NOWHERE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * A rule may report at most this many findings on a map of so many steps: ten per step, and ten
 * thousand besides. More is a rule gone wrong, not a map (a 100,000-step map has real rules that
 * report on tens of thousands of its steps).
 */
export function findingCap(steps: number): number {
  return 10_000 + 10 * steps;
}

/** A model and what a rule's reports are turned into findings with. */
export interface RuleInput {
  model: ProcessModel;
  schemaIssues: readonly SchemaIssue[];
  locate(path: NodePath, target: 'key' | 'value'): Range;
  rootPath: NodePath;
  file: string;
  /** For a converted model: what was inferred about each element, by id. */
  evidence: ReadonlyMap<string, string[]> | undefined;
}

/** Why a rule's run cannot be used: it becomes the rule's internal-error finding. */
class RuleFailure extends Error {}

/**
 * Runs one rule and returns its findings, or, however it fails (throws anything, returns a promise,
 * reports what is not a finding, reports without end), its one internal-error finding instead.
 * Reports that arrive after `check` has returned are ignored.
 */
function runRule({ rule, severity, options }: ActiveRule, input: RuleInput): Finding[] {
  const { meta } = rule;
  const found: Finding[] = [];
  let open = true;
  const cap = findingCap(input.model.steps.length);
  const report = (r: Report): void => {
    if (!open) return;
    found.push(toFinding(r, rule, severity, input));
    if (found.length > cap) throw new RuleFailure(`it reported more than ${cap} findings on a map of ${input.model.steps.length} steps`);
  };
  try {
    const returned: unknown = rule.check({ model: input.model, options, schemaIssues: input.schemaIssues, report });
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
      // Settle it quietly: a rejection nobody handles would end the process.
      Promise.resolve(returned).catch(() => undefined);
      throw new RuleFailure('its check returned a promise; a rule checks a map synchronously and reports before it returns');
    }
    return found;
  } catch (error) {
    return [
      {
        ruleId: meta.id,
        severity: 'error',
        category: meta.category,
        rims: meta.rims,
        message: `internal error: rule \`${meta.id}\` failed on ${input.file}: ${describeThrown(error)}`,
        messageId: 'internal-error',
        ...NOWHERE,
        stepId: null,
        internal: true,
      },
    ];
  } finally {
    open = false;
  }
}

/** A rule's report as a finding; throws RuleFailure for a report that cannot be one. */
function toFinding(r: Report, rule: Rule<any>, severity: Severity, input: RuleInput): Finding {
  const { meta } = rule;
  if (typeof r !== 'object' || r === null) throw new RuleFailure('it reported something that is not a report object');
  const messageId = r.messageId;
  const template = typeof messageId === 'string' && typeof meta.messages === 'object' && meta.messages !== null && Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (typeof template !== 'string') throw new RuleFailure(`unknown messageId '${describeThrown(messageId)}'`);
  if (r.at !== undefined && !isNodePath(r.at)) throw new RuleFailure('it reported `at` that is not a path of keys and indexes');
  if (r.step !== undefined && (typeof r.step !== 'object' || r.step === null || typeof r.step.id !== 'string' || !isNodePath(r.step.path))) {
    throw new RuleFailure('it reported `step` that is not a step of the model');
  }
  if (r.stepId !== undefined && typeof r.stepId !== 'string') throw new RuleFailure('it reported a `stepId` that is not text');
  if (r.suggestion !== undefined && !isSuggestion(r.suggestion)) {
    throw new RuleFailure('it reported a malformed suggestion: it needs a `title`, `after` (a step id or null) and a `step` with a `type`');
  }
  if (r.path !== undefined && !(Array.isArray(r.path) && r.path.every((s) => typeof s === 'string'))) throw new RuleFailure('it reported a `path` that is not a list of step ids');
  if (r.data !== undefined && (typeof r.data !== 'object' || r.data === null)) throw new RuleFailure('it reported `data` that is not an object');
  if (r.data !== undefined && !Object.values(r.data).every(isReportValue)) throw new RuleFailure('it reported `data` whose values are not text, numbers or lists of ids');
  const range = r.at ? input.locate(r.at, r.target === 'key' ? 'key' : 'value') : r.step ? input.locate([...r.step.path, 'id'], 'value') : input.locate(input.rootPath, 'key');
  const stepId = r.step?.id ?? r.stepId ?? null;
  const message = fillTemplate(template, r.data ?? {});
  return {
    ruleId: meta.id,
    severity,
    category: meta.category,
    rims: meta.rims,
    message: input.evidence ? withEvidence(message, [stepId, ...Object.values(r.data ?? {}).flat()], input.evidence) : message,
    messageId,
    ...range,
    stepId,
    ...(r.path ? { path: [...r.path] } : {}),
    ...(r.suggestion ? { suggestion: r.suggestion } : {}),
  };
}

function isReportValue(value: unknown): value is ReportValue {
  return typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

function isNodePath(value: unknown): value is NodePath {
  return Array.isArray(value) && value.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0));
}

const TEXT_FIELDS = ['id', 'name', 'type', 'actor', 'channel'] as const;
const LIST_FIELDS = ['to', 'with', 'reads', 'writes', 'offers', 'shares'] as const;

/** A suggestion every formatter can print: the fields of a step, as text or lists of text. */
function isSuggestion(value: unknown): value is Suggestion {
  const s = value as Partial<Suggestion> | null;
  if (typeof s !== 'object' || s === null || typeof s.title !== 'string' || !(s.after === null || typeof s.after === 'string')) return false;
  if (s.branch !== undefined && typeof s.branch !== 'string') return false;
  if (s.fallback !== undefined && typeof s.fallback !== 'boolean') return false;
  if (s.extend !== undefined && (typeof s.extend !== 'object' || s.extend === null || typeof s.extend.step !== 'string' || typeof s.extend.add !== 'object')) return false;
  if (s.systems !== undefined && (typeof s.systems !== 'object' || s.systems === null)) return false;
  const step = s.step as Record<string, unknown> | undefined;
  if (typeof step !== 'object' || step === null || typeof step['type'] !== 'string') return false;
  const isText = (v: unknown): boolean => typeof v === 'string';
  return (
    TEXT_FIELDS.every((k) => step[k] === undefined || isText(step[k])) &&
    LIST_FIELDS.every((k) => step[k] === undefined || isText(step[k]) || (Array.isArray(step[k]) && (step[k] as unknown[]).every(isText))) &&
    (step['shares'] === undefined || Array.isArray(step['shares']))
  );
}

/** Runs the active rules over one model, in position order; a rule that fails becomes its internal-error finding. */
export function runRules(active: readonly ActiveRule[], input: RuleInput): Finding[] {
  const findings: Finding[] = [];
  for (const entry of active) findings.push(...runRule(entry, input));
  return findings.sort(byPosition);
}

export function fillTemplate(template: string, data: Readonly<Record<string, ReportValue>>): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.hasOwn(data, name)) return whole;
    const value = data[name];
    return Array.isArray(value) ? listOf(value.map((id) => code(String(id))), 'and') : String(value);
  });
}

/** By line, column, then rule id in code-unit order (as stable as the ids, and no locale to consult). */
export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
