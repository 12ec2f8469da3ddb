import { resolve } from 'node:path';
import { displayPath } from '../paths.js';
import { isIgnored, rulesForFile } from '../config/resolve.js';
import { summarize, type FileResult, type LintResult, type RimsScore } from '../findings.js';
import { discover } from '../input/discover.js';
import { readRegularFile, ReadError, tooLargeMessage } from '../input/read-file.js';
import type { Fatal } from '../parse/types.js';
import { FORMATS, formatOf } from '../parse/formats.js';
import type { ActiveRule } from '../rule.js';
import { describeThrown } from '../util/describe.js';
import { useBaseline } from './baseline.js';
import { lintMap } from './lint-map.js';
import { configFacts, type FileOptions, type RunOptions } from './options.js';
import { lintShared } from './parallel.js';

export { displayPath } from '../paths.js';

export const NO_RIMS: RimsScore = { R: null, I: null, M: null, S: null, H: null };

function fatalResult(file: string, fatal: Fatal): FileResult {
  return { file, findings: [], rims: { ...NO_RIMS }, fatal };
}

/** The default of `max-file-mb`: a 100,000-step map (about 11 MB) is read, in well under 2 GB of memory. */
export const DEFAULT_MAX_FILE_MB = 12;
export const MAX_FILE_MB_HINT = '`max-file-mb` in the config';

/** The largest file of this name pmlint reads: BPMN four times a YAML map, most of its bytes being layout. */
export function maxBytesFor(file: string, maxFileMb = DEFAULT_MAX_FILE_MB): number {
  return Math.floor(maxFileMb * 1024 * 1024 * formatOf(file).sizeFactor);
}

/**
 * Lints one map given as text or bytes with the rules given; never throws. A reader or engine
 * failure that bad input provokes becomes that file's fatal, so the other files' results are kept.
 * The config, when given, supplies the words BPMN is read with, the size limit and the rule ids a
 * directive may name.
 */
export function lintSource(source: string | Uint8Array, file: string, active: readonly ActiveRule[], options: FileOptions = {}): FileResult {
  try {
    const facts = options.config ? configFacts(options.config) : undefined;
    const limit = maxBytesFor(file, facts?.maxFileMb);
    if (source.length > limit) return fatalResult(file, { message: tooLargeMessage(source.length, limit, false, MAX_FILE_MB_HINT), line: 1, column: 1 });
    const parsed = formatOf(file).parse(source, facts ? { lexicon: facts.lexicon } : {});
    if (!parsed.ok) return fatalResult(file, parsed.fatal);
    return lintMap(parsed.map, file, active, { inlineConfig: options.inlineConfig !== false, knownRules: facts?.knownRules });
  } catch (error) {
    const reason = describeThrown(error);
    return fatalResult(file, { message: `internal error while reading this file, please report it: ${reason}`, line: 1, column: 1 });
  }
}

/** Reads and lints one file found on disk; an unreadable file becomes a fatal, never an exception. */
export function lintFile(file: string, options: RunOptions): FileResult {
  const { cwd, config } = options;
  const shown = displayPath(file, cwd);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file, maxBytesFor(file, configFacts(config).maxFileMb), MAX_FILE_MB_HINT);
  } catch (error) {
    const message = error instanceof ReadError ? error.message : `cannot read the file: ${describeThrown(error)}`;
    return fatalResult(shown, { message, line: 1, column: 1 });
  }
  return lintSource(bytes, shown, rulesForFile(config, file, options.ruleSettings), options);
}

/**
 * Expands paths and lints every map found; with many files, in worker threads. Results keep the
 * files' order. Then the baseline hides what it holds, and `quiet` keeps only the errors.
 */
export async function lintPaths(patterns: readonly string[], options: RunOptions): Promise<LintResult> {
  const run: RunOptions = { ...options, cwd: resolve(options.cwd) };
  const { files, missing } = discover(patterns.length > 0 ? patterns : ['.'], run.cwd, (f) => isIgnored(run.config, f), FORMATS);
  const results: FileResult[] = missing.map(({ pattern, message }) => fatalResult(pattern, { message, line: 1, column: 1 }));
  const here = (file: string): FileResult => lintFile(file, run);
  results.push(...(run.parallel === false ? files.map(here) : await lintShared(files, here, run)));
  const linted = summarize(results);
  const full = run.baseline ? useBaseline(linted, run.baseline, run.cwd) : linted;
  return run.quiet ? errorsOnly(full) : full;
}

/** Only the error findings; the warnings left out are counted, so `--max-warnings` still sees them. */
function errorsOnly(result: LintResult): LintResult {
  const files = result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') }));
  const { baselinedCount, baseline } = result;
  const kept = { ...(baselinedCount !== undefined ? { baselinedCount } : {}), ...(baseline ? { baseline } : {}) };
  return { ...summarize(files), quietedCount: result.warningCount, ...kept };
}
