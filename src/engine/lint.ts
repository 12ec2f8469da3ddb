import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isIgnored, rulesForFile } from '../config/resolve.js';
import type { ResolvedConfig, RuleSettings } from '../config/types.js';
import { summarize, type FileResult, type LintResult, type RimsScore } from '../findings.js';
import { discover } from '../input/discover.js';
import { decodeText } from '../parse/text.js';
import type { Fatal, ParseOutcome } from '../parse/types.js';
import { parseBpmnMap } from '../parse/bpmn.js';
import { extendLexicon, type Lexicon } from '../parse/bpmn-lexicon.js';
import { parseYamlMap } from '../parse/yaml.js';
import { isBpmnFile } from '../input/discover.js';
import { describeThrown } from '../util/describe.js';
import { lintShared } from './parallel.js';
import { runRules, type ActiveRule, type EngineOptions } from './run-rules.js';

export const NO_RIMS: RimsScore = { R: null, I: null, M: null, S: null };

function fatalResult(file: string, fatal: Fatal): FileResult {
  return { file, findings: [], rims: { ...NO_RIMS }, fatal };
}

/** YAML given as text (a byte-order mark dropped) or as bytes (decoded as UTF-8), then parsed. */
function parseYaml(source: string | Uint8Array): ParseOutcome {
  if (typeof source === 'string') return parseYamlMap(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  const decoded = decodeText(source);
  return decoded.ok ? parseYamlMap(decoded.text) : decoded;
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

function lintParsed(source: string | Uint8Array, file: string, active: readonly ActiveRule[], engine: EngineOptions): FileResult {
  const parsed = isBpmnFile(file)
    ? parseBpmnMap(typeof source === 'string' ? new TextEncoder().encode(source) : source, engine.lexicon)
    : parseYaml(source);
  if (!parsed.ok) return fatalResult(file, parsed.fatal);
  const run = runRules(parsed.map, file, active, engine);
  return { file, findings: run.findings, suppressed: run.suppressed, rims: run.rims, fatal: null, outline: run.outline };
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
  /** Share the files with worker threads when there are many files or bytes (default: true). */
  parallel?: boolean;
  /** Honour `# pmlint-disable` directives (default true). */
  inlineConfig?: boolean;
}

/** Reads and lints one file found on disk; an unreadable file becomes a fatal, never an exception. */
export function lintFile(file: string, cwd: string, config: ResolvedConfig, ruleSettings?: RuleSettings, inlineConfig = true): FileResult {
  const shown = displayPath(file, cwd);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return fatalResult(shown, { message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, line: 1, column: 1 });
  }
  return lintSource(bytes, shown, rulesForFile(config, file, ruleSettings), engineOptions(config, inlineConfig));
}

const perConfig = new WeakMap<ResolvedConfig, { knownRules: ReadonlySet<string>; lexicon: Lexicon }>();

/** What the engine needs from a config besides its rules: derived once per config, not per file. */
export function engineOptions(config: ResolvedConfig, inlineConfig = true): EngineOptions & { lexicon: Lexicon } {
  let derived = perConfig.get(config);
  if (!derived) {
    derived = { knownRules: new Set(config.registry.keys()), lexicon: extendLexicon(config.bpmnWords) };
    perConfig.set(config, derived);
  }
  return { inlineConfig, ...derived };
}

/** Expands paths and lints every map found; with many files, in worker threads. Results keep the files' order. */
export async function lintPaths(patterns: readonly string[], options: LintFilesOptions): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config } = options;
  const { files, missing } = discover(patterns.length > 0 ? patterns : ['.'], cwd, (f) => isIgnored(config, f));
  const results: FileResult[] = missing.map(({ pattern, message }) => fatalResult(pattern, { message, line: 1, column: 1 }));
  const inline = options.inlineConfig !== false;
  const here = (file: string): FileResult => lintFile(file, cwd, config, options.ruleSettings, inline);
  results.push(...(options.parallel === false ? files.map(here) : await lintShared(files, here, config, { cwd, ruleSettings: options.ruleSettings, inlineConfig: inline })));
  return summarize(results);
}
