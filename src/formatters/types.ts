import type { LintResult } from '../findings.js';
import type { RuleMeta } from '../rule.js';

export interface FormatContext {
  /** Colour the output (terminal formats only). */
  color: boolean;
  /** Meta of the rules that may appear in the results, by id (docs links, descriptions). */
  rules?: ReadonlyMap<string, RuleMeta>;
  /** The folder file paths are relative to (SARIF's %SRCROOT%). */
  cwd?: string;
  /** pmlint's version, for formats that name the tool. */
  version?: string;
}

/** A formatter is pure: results in, text out. Only the CLI writes it anywhere. */
export type Formatter = (result: LintResult, context: FormatContext) => string;

/** Where a rule's docs page is published: pmlint's own pages are served with the package. */
export function docsUrl(ruleId: string, rules: FormatContext['rules']): string {
  const docs = rules?.get(ruleId)?.docs ?? `docs/rules/${ruleId}.md`;
  return /^https?:\/\//.test(docs) ? docs : `https://unpkg.com/pmlint/${docs}`;
}
