import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ActiveRule } from '../rule.js';
import { resolveOptions } from './options.js';
import { merge } from './rule-settings.js';
import type { ResolvedConfig, RuleSettings } from './types.js';

const matchers = new Map<string, (path: string) => boolean>();

function matcher(pattern: string): (path: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    match = picomatch(pattern, { dot: true });
    matchers.set(pattern, match);
  }
  return match;
}

/** The file's path relative to the config's folder, with forward slashes; undefined when outside it. */
function configRelative(config: ResolvedConfig, file: string): string | undefined {
  const rel = relative(config.baseDir, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep).join('/');
}

function matchesAny(patterns: readonly string[], rel: string): boolean {
  // A pattern for a folder (`drafts/` or `drafts`) covers everything below it, as in .gitignore.
  return patterns.some((p) => matcher(p)(rel) || matcher(`${p.replace(/\/+$/, '')}/**`)(rel));
}

/** True when `ignore` in the config excludes this file from folder and glob expansion. */
export function isIgnored(config: ResolvedConfig, file: string): boolean {
  const rel = configRelative(config, file);
  return rel !== undefined && matchesAny(config.ignore, rel);
}

/**
 * The rules to run on one file: the config's settings, then each override whose `files` match,
 * then the command line's `--rule` settings; options validated and completed with defaults.
 */
export function rulesForFile(config: ResolvedConfig, file: string, cli: RuleSettings = new Map()): ActiveRule[] {
  const rel = configRelative(config, file);
  let settings = config.rules;
  for (const override of config.overrides) {
    if (rel !== undefined && matchesAny(override.files, rel)) settings = merge(settings, override.rules);
  }
  settings = merge(settings, cli);
  const active: ActiveRule[] = [];
  for (const [id, setting] of settings) {
    const rule = config.registry.get(id);
    if (!rule || setting.severity === 'off') continue;
    const options = resolveOptions(rule, setting.options);
    if (!options.ok) continue;
    active.push({ rule, severity: setting.severity, options: options.options });
  }
  return active;
}
