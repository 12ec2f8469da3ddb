import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { builtinRules } from '../../rules/index.js';
import type { NodePath } from '../positions.js';
import { YamlLocator } from '../parse/locate.js';
import { readYamlDocument } from '../parse/yaml-document.js';
import { withLineFeeds } from '../parse/yaml.js';
import { decodeText } from '../input/decode.js';
import { readRegularFile, ReadError } from '../input/read-file.js';
import { validate as generatedValidator } from '../generated/config-validator.js';
import type { Rule } from '../rule.js';
import { describeAjvErrors } from '../schema/describe-errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { displayPath } from '../paths.js';
import { findConfig } from './find.js';
import { merge, normalizeRules } from './rule-settings.js';
import { settingsOnly, toList, type RawSettings } from './settings.js';
import { loadPlugin, namespaced, PluginError, type Plugin } from './plugins.js';
import { PRESETS, presetRules } from './presets.js';
import { ConfigError, type Override, type ResolvedConfig, type RuleSettings } from './types.js';


/** A config is a page or two; a larger file is refused before it is read (a FIFO or /dev/zero never is). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config schema, compiled ahead of time by scripts/generate.ts. */
const validator = generatedValidator as unknown as ValidateFunction;

export interface LoadConfigOptions {
  /** Where to start looking for a config file, and what relative paths are resolved against. */
  cwd?: string;
  /** A config file named explicitly (`--config`); skips the search. */
  configFile?: string;
  /** Look for a config file from `cwd` upwards when none is named (default: true). */
  search?: boolean;
  /** The rules that can be configured; defaults to the built-in rules. */
  rules?: readonly Rule<any>[];
  /**
   * Load the config's plugins (default true). A plugin is code that runs: commands that run no rule
   * (`convert`) read only the config's settings, and its rule settings are not checked.
   */
  plugins?: boolean;
}

/** Finds and loads the config (parse → validate → normalize); throws ConfigError naming file, line and column. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const registry = new Map((options.rules ?? builtinRules).map((rule) => [rule.meta.id, rule]));
  const file = options.configFile ? resolve(cwd, options.configFile) : options.search === false ? undefined : findConfig(cwd);
  if (!file) {
    return { file: undefined, baseDir: cwd, rules: presetRules('pmlint:recommended', registry.values())!, ignore: [], overrides: [], registry };
  }
  const loaded = await readConfigFile(file, { registry, presets: new Map(), plugins: options.plugins !== false }, [], cwd);
  return { ...loaded, file, registry };
}

/** What configs extend and use as they load: every rule that can be configured, and plugins' presets. */
interface Scope {
  registry: Map<string, Rule<any>>;
  presets: Map<string, Record<string, unknown>>;
  /** False: plugins are not loaded, and rule settings (which may name their rules) are not read. */
  plugins: boolean;
}

type Loaded = Omit<ResolvedConfig, 'file' | 'registry'>;

async function readConfigFile(file: string, scope: Scope, chain: string[], cwd: string): Promise<Loaded> {
  const { registry } = scope;
  const shown = displayPath(file, cwd);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof ReadError) throw new ConfigError(error.message.replace('the file', 'the config file'), shown);
    throw error;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new ConfigError(decoded.fatal.message, shown, decoded.fatal.line, decoded.fatal.column);
  const text = withLineFeeds(decoded.text);
  const read = readYamlDocument(text, { uniqueKeys: true });
  if (!read.ok) throw new ConfigError(read.fatal.message, shown, read.fatal.line, read.fatal.column);
  const { doc, lines } = read;
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    throw new ConfigError(`invalid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${syntax.message.split('\n')[0]}`, shown, line, col);
  }
  const locator = new YamlLocator(doc, lines);
  const fail = (message: string, path: NodePath, target: 'key' | 'value' = 'value'): never => {
    const at = locator.locate(path, target);
    throw new ConfigError(message, shown, at?.line ?? 1, at?.column ?? 1);
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return fail(`the config cannot be read: ${(error as Error).message}`, []);
  }
  // An empty key (`rules:` with only comments under it) means nothing set, as YAML users write it.
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) if (value === null) delete (data as Record<string, unknown>)[key];
  }
  if (!validator(data)) {
    const [issue] = describeAjvErrors(validator.errors ?? [], data, 'the config');
    return fail(issue?.message ?? 'the config is not valid', issue?.path ?? [], issue?.target);
  }
  const raw = data as {
    extends?: string | string[];
    plugins?: string[];
    rules?: Record<string, unknown>;
    ignore?: string | string[];
    overrides?: { files: string | string[]; rules?: Record<string, unknown> }[];
    bpmn?: Record<string, string[]>;
    'max-file-mb'?: number;
  };
  const baseDir = dirname(file);

  if (!scope.plugins) {
    const bases = await baseSettings(raw, { baseDir, file, scope, chain, cwd, fail });
    return { baseDir, rules: new Map(), ignore: toList(raw.ignore), overrides: [], ...settingsOnly(raw, bases) };
  }
  for (const [i, spec] of (raw.plugins ?? []).entries()) {
    let plugin: Plugin;
    try {
      plugin = await loadPlugin(spec, baseDir);
    } catch (error) {
      if (!(error instanceof PluginError)) throw error;
      return fail(`plugin \`${spec}\`: ${error.message}`, ['plugins', i]);
    }
    for (const [id, rule] of Object.entries(plugin.rules)) registry.set(`${plugin.name}/${id}`, namespaced(plugin, id, rule));
    for (const [preset, config] of Object.entries(plugin.configs ?? {})) scope.presets.set(`plugin:${plugin.name}/${preset}`, config.rules ?? {});
  }

  let rules: RuleSettings = new Map();
  const bases: Loaded[] = [];
  // A config without `extends` builds on the recommended preset; `extends: []` starts from nothing.
  const extendsList = raw.extends === undefined ? ['pmlint:recommended'] : toList(raw.extends);
  for (const [i, entry] of extendsList.entries()) {
    const at: NodePath = Array.isArray(raw.extends) ? ['extends', i] : ['extends'];
    if (entry.startsWith('plugin:')) {
      const preset = scope.presets.get(entry);
      if (!preset) return fail(`unknown preset \`${entry}\`: load its plugin first, under \`plugins\``, at);
      rules = merge(rules, normalizeRules(preset, at, registry, (message) => fail(`in \`${entry}\`: ${message}`, at)));
      continue;
    }
    if (entry.startsWith('pmlint:')) {
      const preset = presetRules(entry, builtinRules); // plugin rules are switched on by their own presets or by name
      if (!preset) {
        const hint = didYouMean(entry, PRESETS);
        return fail(`unknown preset \`${entry}\`${hint ? `; did you mean \`${hint}\`?` : `; presets: ${PRESETS.join(', ')}`}`, at);
      }
      rules = merge(rules, preset);
      continue;
    }
    const base = await readBase(entry, at, { baseDir, file, scope, chain, cwd, fail });
    rules = merge(rules, base.rules);
    bases.push(base);
  }

  rules = merge(rules, normalizeRules(raw.rules, ['rules'], registry, fail));
  const overrides: Override[] = (raw.overrides ?? []).map((o, i) => ({
    files: toList(o.files),
    rules: normalizeRules(o.rules, ['overrides', i, 'rules'], registry, fail),
  }));
  return { baseDir, rules, ignore: toList(raw.ignore), overrides, ...settingsOnly(raw, bases) };
}

interface Reading {
  baseDir: string;
  file: string;
  scope: Scope;
  chain: string[];
  cwd: string;
  fail: (message: string, path: NodePath) => never;
}

/** A config that `extends` names by path, relative to the config naming it; a loop or a missing file is that config's error. */
async function readBase(entry: string, at: NodePath, { baseDir, file, scope, chain, cwd, fail }: Reading): Promise<Loaded> {
  const target = resolve(baseDir, entry);
  if (chain.includes(target) || target === file) return fail(`\`extends\` loops back to ${relative(cwd, target) || target}`, at);
  if (!existsSync(target)) return fail(`\`extends\` names ${entry}, which does not exist (paths are relative to this config file)`, at);
  return readConfigFile(target, scope, [...chain, file], cwd);
}

/** The settings of the configs this one extends by path, read without their plugins. */
async function baseSettings(raw: RawSettings, reading: Reading): Promise<Loaded[]> {
  const bases: Loaded[] = [];
  for (const [i, entry] of toList(raw.extends).entries()) {
    if (entry.startsWith('plugin:') || entry.startsWith('pmlint:')) continue;
    bases.push(await readBase(entry, Array.isArray(raw.extends) ? ['extends', i] : ['extends'], reading));
  }
  return bases;
}


