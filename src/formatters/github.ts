import type { FileResult, Finding, LintResult } from '../findings.js';
import { missingActivity } from './suggestions.js';
import type { Formatter } from './types.js';

/** Escapes a workflow command's message, as @actions/core does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: the message escapes, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning', properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${kind} ${props}::${escapeData(message)}`;
}

function annotation(file: FileResult, f: Finding): string {
  const activity = missingActivity(file, f);
  const message = activity ? `${f.message}\nMissing activity: ${activity}` : f.message;
  return command(
    f.severity,
    { file: file.file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId },
    message,
  );
}

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, fatals without a line. */
export const github: Formatter = (lint: LintResult) => {
  const lines: string[] = [];
  for (const file of lint.files) {
    if (file.fatal) lines.push(command('error', { file: file.file, title: 'pmlint: cannot read this file' }, `${file.fatal.message} (line ${file.fatal.line}, column ${file.fatal.column})`));
    for (const f of file.findings) lines.push(annotation(file, f));
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
};
