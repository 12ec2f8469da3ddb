import { resolve } from 'node:path';
import { loadConfig } from './config/load.js';
import { rulesForFile } from './config/resolve.js';
import type { ResolvedConfig, RuleSettings } from './config/types.js';
import { displayPath, engineOptions, lintPaths, lintSource } from './engine/lint.js';
import type { FileResult, LintResult } from './findings.js';
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
}


function settings(rules: LintOptions['rules']): RuleSettings {
  return new Map(Object.entries(rules ?? {}).map(([id, word]) => [id, { severity: parseSeverity(word) ?? 'error' }]));
}

async function configFor(options: LintOptions): Promise<ResolvedConfig> {
  if (options.config) return options.config;
  return loadConfig({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.configFile ? { configFile: options.configFile } : {}) });
}

/** Lints files, folders and globs, as `pmlint check` does; resolves with the same results the CLI prints. */
export async function lintFiles(patterns: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const config = await configFor(options);
  return lintPaths(patterns, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    config,
    ruleSettings: settings(options.rules),
    inlineConfig: options.inlineConfig !== false,
  });
}

/** Lints a map given as text; `filePath` names it (for messages, `overrides` and `ignore`), default `map.yaml`. */
export async function lintText(text: string, options: LintOptions & { filePath?: string } = {}): Promise<FileResult> {
  const config = await configFor(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = resolve(cwd, options.filePath ?? 'map.yaml');
  return lintSource(text, displayPath(file, cwd), rulesForFile(config, file, settings(options.rules)), engineOptions(config, options.inlineConfig !== false));
}
