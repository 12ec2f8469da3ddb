import { readFileSync } from 'node:fs';
import { builtinRules } from '../../rules/index.js';
import { resolveOptions } from '../../src/config/options.js';
import { lintSource } from '../../src/engine/lint.js';
import type { ActiveRule } from '../../src/engine/run-rules.js';
import type { FileResult } from '../../src/findings.js';
import type { Rule } from '../../src/rule.js';

export function ruleById(id: string): Rule<any> {
  const rule = builtinRules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** The named rules at `error`, with their options validated and completed as the config would. */
export function active(ids: string[], options: Record<string, Record<string, unknown>> = {}): ActiveRule[] {
  return ids.map((id) => {
    const rule = ruleById(id);
    const resolved = resolveOptions(rule, options[id]);
    if (!resolved.ok) throw new Error(`bad options for ${id}: ${resolved.issues[0]?.message}`);
    return { rule, severity: 'error', options: resolved.options };
  });
}

/** Lints map text with only the named rules on. */
export function lintWith(text: string, ids: string[], options?: Record<string, Record<string, unknown>>, file = 'test.yaml'): FileResult {
  return lintSource(text, file, active(ids, options));
}

export function lintFileWith(file: string, ids: string[]): FileResult {
  return lintSource(readFileSync(file, 'utf8'), file, active(ids));
}

/** `line:ruleId` for each finding, sorted, for compact exact assertions. */
export function marks(result: FileResult): string[] {
  return result.findings.map((f) => `${f.line}:${f.ruleId}`).sort();
}

/** Every built-in rule at its recommended severity, options completed with their defaults. */
export function recommended(): ActiveRule[] {
  return builtinRules.map((rule) => {
    const resolved = resolveOptions(rule, undefined);
    if (!resolved.ok) throw new Error(`bad default options for ${rule.meta.id}`);
    return { rule, severity: rule.meta.severity === 'warn' ? 'warning' : 'error', options: resolved.options };
  });
}

/** Every built-in rule at `error`, options completed with their defaults. */
export function allRules(): ActiveRule[] {
  return recommended().map((a) => ({ ...a, severity: 'error' }));
}
