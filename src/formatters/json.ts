import type { Finding, FileResult } from '../findings.js';
import type { Formatter } from './types.js';

function finding(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    rims: f.rims,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    stepId: f.stepId,
    path: f.path ?? null,
    suggestion: f.suggestion ?? null,
  };
}

function file(r: FileResult): Record<string, unknown> {
  return { file: r.file, findings: r.findings.map(finding), rims: r.rims, fatal: r.fatal, plan: r.plan ?? [] };
}

/** The stable machine-readable shape of cli.md. */
export const json: Formatter = (result) =>
  JSON.stringify(
    {
      version: 1,
      files: result.files.map(file),
      summary: {
        files: result.files.length,
        errors: result.errorCount,
        warnings: result.warningCount,
        suppressed: result.suppressedCount,
        baselined: result.baselinedCount ?? 0,
      },
    },
    null,
    2,
  ) + '\n';
