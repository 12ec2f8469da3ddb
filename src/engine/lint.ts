import { resolve } from 'node:path';
import { displayPath } from '../paths.js';
import { isIgnored, rulesForFile } from '../config/resolve.js';
import type { ResolvedConfig, RuleSettings } from '../config/types.js';
import { summarize, type FileResult, type LintResult, type RimsScore } from '../findings.js';
import { discover } from '../input/discover.js';
import { readRegularFile, ReadError, tooLargeMessage } from '../input/read-file.js';
import type { Fatal } from '../parse/types.js';
import { extendLexicon, type Lexicon } from '../parse/bpmn/lexicon.js';
import { FORMATS, formatOf } from '../parse/formats.js';
import { describeThrown } from '../util/describe.js';
import { lintShared } from './parallel.js';
import { runRules, type ActiveRule, type EngineOptions } from './run-rules.js';

export { displayPath } from '../paths.js';

export const NO_RIMS: RimsScore = { R: null, I: null, M: null, S: null };

function fatalResult(file: string, fatal: Fatal): FileResult {
  return { file, findings: [], rims: { ...NO_RIMS }, fatal };
}

/**
 * Lints one map given as text or bytes; never throws. A reader or engine failure that bad input
 * provokes becomes that file's fatal, so the other files' results are kept.
 */
export function lintSource(source: string | Uint8Array, file: string, active: readonly ActiveRule[], engine: EngineOptions = {}): FileResult {
  try {
    return lintParsed(source, file, active, engine);
  } catch (error) {
    const reason = describeThrown(error);
    return fatalResult(file, { message: `internal error while reading this file, please report it: ${reason}`, line: 1, column: 1 });
  }
}

/** The default of `max-file-mb`: a 100,000-step map (about 11 MB) is read, in well under 2 GB of memory. */
export const DEFAULT_MAX_FILE_MB = 12;
export const MAX_FILE_MB_HINT = '`max-file-mb` in the config';

/** The largest file of this name pmlint reads: BPMN four times a YAML map, most of its bytes being layout. */
export function maxBytesFor(file: string, maxFileMb = DEFAULT_MAX_FILE_MB): number {
  return Math.floor(maxFileMb * 1024 * 1024 * formatOf(file).sizeFactor);
}

function lintParsed(source: string | Uint8Array, file: string, active: readonly ActiveRule[], engine: EngineOptions): FileResult {
  const limit = maxBytesFor(file, engine.maxFileMb);
  if (source.length > limit) return fatalResult(file, { message: tooLargeMessage(source.length, limit, false, MAX_FILE_MB_HINT), line: 1, column: 1 });
  const parsed = formatOf(file).parse(source, { ...(engine.lexicon ? { lexicon: engine.lexicon } : {}) });
  if (!parsed.ok) return fatalResult(file, parsed.fatal);
  const run = runRules(parsed.map, file, active, engine);
  return { file, findings: run.findings, suppressed: run.suppressed, rims: run.rims, fatal: null, outline: run.outline };
}

export interface LintFilesOptions {
  cwd?: string;
  config: ResolvedConfig;
  /** Settings from `--rule`, applied last. */
  ruleSettings?: RuleSettings;
  /** Share the files with worker threads when there are many files or bytes (default: true). */
  parallel?: boolean;
  /** Honour `# pmlint-disable` directives (default true). */
  inlineConfig?: boolean;
}

/** Reads and lints one file found on disk; an unreadable file becomes a fatal, never an exception. */
export function lintFile(file: string, cwd: string, config: ResolvedConfig, ruleSettings?: RuleSettings, inlineConfig = true): FileResult {
  const shown = displayPath(file, cwd);
  const engine = engineOptions(config, inlineConfig);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file, maxBytesFor(file, engine.maxFileMb), MAX_FILE_MB_HINT);
  } catch (error) {
    const message = error instanceof ReadError ? error.message : `cannot read the file: ${describeThrown(error)}`;
    return fatalResult(shown, { message, line: 1, column: 1 });
  }
  return lintSource(bytes, shown, rulesForFile(config, file, ruleSettings), engine);
}

const perConfig = new WeakMap<ResolvedConfig, { knownRules: ReadonlySet<string>; lexicon: Lexicon; maxFileMb?: number }>();

/** What the engine needs from a config besides its rules: derived once per config, not per file. */
export function engineOptions(config: ResolvedConfig, inlineConfig = true): EngineOptions & { lexicon: Lexicon } {
  let derived = perConfig.get(config);
  if (!derived) {
    derived = {
      knownRules: new Set(config.registry.keys()),
      lexicon: extendLexicon(config.bpmnWords),
      ...(config.maxFileMb !== undefined ? { maxFileMb: config.maxFileMb } : {}),
    };
    perConfig.set(config, derived);
  }
  return { inlineConfig, ...derived };
}

/** Expands paths and lints every map found; with many files, in worker threads. Results keep the files' order. */
export async function lintPaths(patterns: readonly string[], options: LintFilesOptions): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config } = options;
  const { files, missing } = discover(patterns.length > 0 ? patterns : ['.'], cwd, (f) => isIgnored(config, f), FORMATS);
  const results: FileResult[] = missing.map(({ pattern, message }) => fatalResult(pattern, { message, line: 1, column: 1 }));
  const inline = options.inlineConfig !== false;
  const here = (file: string): FileResult => lintFile(file, cwd, config, options.ruleSettings, inline);
  const share = { cwd, ruleSettings: options.ruleSettings, inlineConfig: inline };
  results.push(...(options.parallel === false ? files.map(here) : await lintShared(files, here, config, share)));
  return summarize(results);
}
