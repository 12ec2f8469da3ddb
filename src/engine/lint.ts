import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isIgnored, rulesForFile } from '../config/resolve.js';
import type { ResolvedConfig, RuleSettings } from '../config/types.js';
import { summarize, type FileResult, type LintResult, type RimsScore } from '../findings.js';
import { discover } from '../input/discover.js';
import { decodeText } from '../parse/text.js';
import type { Fatal } from '../parse/types.js';
import { parseYamlMap } from '../parse/yaml.js';
import { runRules, type ActiveRule } from './run-rules.js';

export const NO_RIMS: RimsScore = { R: null, I: null, M: null, S: null };

function fatalResult(file: string, fatal: Fatal): FileResult {
  return { file, findings: [], rims: { ...NO_RIMS }, fatal };
}

/** Lints one map given as text or bytes; never throws for bad input. */
export function lintSource(source: string | Uint8Array, file: string, active: readonly ActiveRule[]): FileResult {
  let text: string;
  if (typeof source === 'string') {
    text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  } else {
    const decoded = decodeText(source);
    if (!decoded.ok) return fatalResult(file, decoded.fatal);
    text = decoded.text;
  }
  const parsed = parseYamlMap(text);
  if (!parsed.ok) return fatalResult(file, parsed.fatal);
  return { file, findings: runRules(parsed.map, file, active), rims: { ...NO_RIMS }, fatal: null };
}

/** The path as shown to the user: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file) || file;
  return rel.split(sep).join('/');
}

export interface LintFilesOptions {
  cwd?: string;
  config: ResolvedConfig;
  /** Settings from `--rule`, applied last. */
  ruleSettings?: RuleSettings;
}

/** Expands paths, lints every map found and collects the results; unreadable files become fatals, never exceptions. */
export function lintPaths(patterns: readonly string[], options: LintFilesOptions): LintResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config } = options;
  const { files, missing } = discover(patterns.length > 0 ? patterns : ['.'], cwd, (f) => isIgnored(config, f));
  const results: FileResult[] = missing.map(({ pattern, message }) => fatalResult(pattern, { message, line: 1, column: 1 }));
  for (const file of files) {
    const shown = displayPath(file, cwd);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      results.push(fatalResult(shown, { message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, line: 1, column: 1 }));
      continue;
    }
    results.push(lintSource(bytes, shown, rulesForFile(config, file, options.ruleSettings)));
  }
  return summarize(results);
}
