import { resolve } from 'node:path';
import { loadConfig } from './config/load.js';
import { rulesForFile } from './config/resolve.js';
import type { ResolvedConfig, RuleSettings } from './config/types.js';
import { displayPath, lintPaths, lintSource, maxBytesFor, MAX_FILE_MB_HINT } from './engine/lint.js';
import { configFacts, type BaselineOptions } from './engine/options.js';
import type { FileResult, LintResult } from './findings.js';
import { renderYamlMap } from './formatters/yaml-map.js';
import { readRegularFile, ReadError } from './input/read-file.js';
import { describeInference } from './parse/bpmn/index.js';
import { formatOf } from './parse/formats.js';
import { describeThrown } from './util/describe.js';
import { parseSeverity, type SeverityWord } from './severity.js';

export interface LintOptions {
  /** The folder paths are relative to and the config is searched from (default: the process's). */
  cwd?: string;
  /** A config already loaded with loadConfig; otherwise one is found from `cwd` (or `configFile`). */
  config?: ResolvedConfig;
  /** A config file to use instead of searching. */
  configFile?: string;
  /** Severities applied last, as `--rule id=severity` does: `{ 'end-required': 'error' }`. */
  rules?: Record<string, SeverityWord>;
  /** Honour `# pmlint-disable` directives (default true). */
  inlineConfig?: boolean;
  /** Keep only error findings, as `--quiet` does; the warnings left out are counted in `quietedCount`. */
  quiet?: boolean;
  /**
   * Hide the findings a baseline file holds, as `--baseline FILE` does (`update: true`: rewrite it from
   * this run first, as `--update-baseline`). A baseline that cannot be read rejects with a BaselineError.
   */
  baseline?: BaselineOptions;
  /** Share the files with worker threads when there are many (default true). */
  parallel?: boolean;
}

function settings(rules: LintOptions['rules']): RuleSettings {
  return new Map(Object.entries(rules ?? {}).map(([id, word]) => [id, { severity: parseSeverity(word) ?? 'error' }]));
}

/** The config given, or the one found from `cwd` (or named by `configFile`); `plugins: false` reads only its settings. */
async function configFor(options: Pick<LintOptions, 'config' | 'cwd' | 'configFile'>, plugins = true): Promise<ResolvedConfig> {
  if (options.config) return options.config;
  return loadConfig({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.configFile ? { configFile: options.configFile } : {}), plugins });
}

/** Lints files, folders and globs, as `pmlint check` does; resolves with the same results the CLI prints. */
export async function lintFiles(patterns: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const config = await configFor(options);
  const { inlineConfig, quiet, baseline, parallel } = options;
  return lintPaths(patterns, {
    cwd: resolve(options.cwd ?? process.cwd()),
    config,
    ruleSettings: settings(options.rules),
    ...(inlineConfig !== undefined ? { inlineConfig } : {}),
    ...(quiet !== undefined ? { quiet } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(parallel !== undefined ? { parallel } : {}),
  });
}

/** What lintText takes: one text has no baseline and needs no workers. */
export type TextOptions = Omit<LintOptions, 'quiet' | 'baseline' | 'parallel'> & { filePath?: string };

/** Lints a map given as text; `filePath` names it (for messages, `overrides` and `ignore`), default `map.yaml`. */
export async function lintText(text: string, options: TextOptions = {}): Promise<FileResult> {
  const config = await configFor(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = resolve(cwd, options.filePath ?? 'map.yaml');
  const active = rulesForFile(config, file, settings(options.rules));
  return lintSource(text, displayPath(file, cwd), active, { config, inlineConfig: options.inlineConfig !== false });
}

/** A converted model: the YAML map, or why the file could not be converted (with its position, when it has one). */
export type ConvertResult = { ok: true; yaml: string } | { ok: false; message: string; line?: number; column?: number };

/**
 * Converts a model given as bytes or text (BPMN) into a pmlint map in YAML, each inference commented,
 * as `pmlint convert` does. `filePath` names it: its extension picks the format.
 */
export async function convertSource(source: Uint8Array | string, filePath: string, options: Omit<LintOptions, 'rules' | 'inlineConfig'> = {}): Promise<ConvertResult> {
  // Converting runs no rule, so no plugin code is loaded.
  const config = await configFor(options, false);
  const format = formatOf(filePath);
  if (format.name === 'yaml') return { ok: false, message: 'already a pmlint map; convert reads BPMN models (.bpmn, .bpmn2, .bpmn20.xml)' };
  const parsed = format.parse(source, { lexicon: configFacts(config).lexicon });
  if (!parsed.ok) return { ok: false, ...parsed.fatal };
  const notes = (parsed.inferences ?? []).map((i) => ({ path: i.path, note: describeInference(i) }));
  return { ok: true, yaml: renderYamlMap(parsed.map.data as Record<string, unknown>, notes, filePath) };
}

/** Reads a model file and converts it, as `pmlint convert FILE` does; a file that cannot be read is a result, not an exception. */
export async function convertFile(file: string, options: Omit<LintOptions, 'rules' | 'inlineConfig'> = {}): Promise<ConvertResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = await configFor({ ...options, cwd }, false);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(resolve(cwd, file), maxBytesFor(file, config.maxFileMb), MAX_FILE_MB_HINT);
  } catch (error) {
    return { ok: false, message: error instanceof ReadError ? error.message : describeThrown(error) };
  }
  return convertSource(bytes, file, { ...options, config });
}
