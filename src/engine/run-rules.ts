import { buildModel } from '../model/build.js';
import type { NodePath, Range } from '../model/types.js';
import type { Finding, Severity } from '../findings.js';
import type { ParsedMap } from '../parse/types.js';
import { validateMap } from '../parse/validate.js';
import type { Report, Rule } from '../rule.js';

/** A rule switched on for a file, with its severity and its validated options. */
export interface ActiveRule {
  rule: Rule<any>;
  severity: Severity;
  options: Record<string, unknown>;
}

const NOWHERE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Runs the active rules over one parsed map; a rule that throws becomes an internal-error finding. */
export function runRules(parsed: ParsedMap, file: string, active: readonly ActiveRule[]): Finding[] {
  const schemaIssues = validateMap(parsed.data);
  const model = buildModel(parsed.data, parsed.locator, file);
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
  return findings.sort(byPosition);
}

export function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
