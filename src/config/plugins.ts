import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, RuleMeta } from '../rule.js';

/** A plugin module: `{ name, rules, configs? }`, rules on the same contract as the built-in ones. */
export interface Plugin {
  name: string;
  rules: Record<string, Rule<any>>;
  configs?: Record<string, { rules?: Record<string, unknown> }>;
}

/** Declares a plugin; checks nothing at run time, but lets TypeScript check a plugin's shape. */
export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

/** Why a plugin could not be used, worded for the config error. */
export class PluginError extends Error {}

/** Finds a package's ES entry point from a folder, as Node would for an import from a file there. */
function resolvePackage(name: string, fromDir: string): string {
  try {
    return createRequire(join(fromDir, 'noop.js')).resolve(name);
  } catch {
    // An ESM-only package (exports with only an "import" condition): look for it by hand.
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const pkgDir = join(dir, 'node_modules', name);
      const manifest = join(pkgDir, 'package.json');
      if (existsSync(manifest)) {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { main?: string; exports?: unknown };
        const dot = typeof pkg.exports === 'object' && pkg.exports !== null ? (pkg.exports as Record<string, unknown>)['.'] ?? pkg.exports : pkg.exports;
        const entry =
          typeof dot === 'string' ? dot : typeof dot === 'object' && dot !== null ? ((dot as Record<string, unknown>)['import'] ?? (dot as Record<string, unknown>)['default']) : undefined;
        return join(pkgDir, typeof entry === 'string' ? entry : (pkg.main ?? 'index.js'));
      }
      if (dirname(dir) === dir) throw new PluginError(`cannot find the package \`${name}\` from ${fromDir} (is it installed?)`);
    }
  }
}

function isRule(value: unknown): value is Rule<any> {
  const rule = value as Rule<any> | undefined;
  return typeof rule?.check === 'function' && typeof rule.meta === 'object' && rule.meta !== null;
}

/** Loads a plugin named in a config: a path relative to the config's folder, or a package name. */
export async function loadPlugin(spec: string, configDir: string): Promise<Plugin> {
  const isPath = spec.startsWith('.') || spec.startsWith('/') || /^[A-Za-z]:[\\/]/.test(spec);
  const file = isPath ? resolve(configDir, spec) : resolvePackage(spec, configDir);
  let loaded: { default?: unknown } & Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as typeof loaded;
  } catch (error) {
    throw new PluginError(`cannot load it: ${(error as Error).message.split('\n')[0]}`);
  }
  const plugin = (loaded.default ?? loaded) as Partial<Plugin>;
  if (typeof plugin.name !== 'string' || !/^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9-]*$/.test(plugin.name)) {
    throw new PluginError('it must export a `name`: a lowercase word such as `acme`');
  }
  if (typeof plugin.rules !== 'object' || plugin.rules === null) throw new PluginError('it must export `rules`: an object of rules by id');
  for (const [id, rule] of Object.entries(plugin.rules)) {
    if (!isRule(rule)) throw new PluginError(`its rule \`${id}\` is not a rule: it needs \`meta\` and a \`check(context)\` function`);
  }
  return plugin as Plugin;
}

const RIMS = new Set(['R', 'I', 'M', 'S']);

/** A plugin's rule under its public id, `<plugin>/<rule>`. */
export function namespaced(plugin: Plugin, id: string, rule: Rule<any>): Rule<any> {
  const fullId = `${plugin.name}/${id}`;
  const meta = rule.meta as Partial<Record<keyof RuleMeta, unknown>>;
  const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
  // A plugin's meta is read as far as it is well-formed: what is not is replaced by the default.
  return {
    ...rule,
    meta: {
      ...(rule.meta as RuleMeta),
      id: fullId,
      category: (typeof meta.category === 'string' ? meta.category : 'custom') as RuleMeta['category'],
      rims: RIMS.has(meta.rims as string) ? (meta.rims as RuleMeta['rims']) : null,
      severity: meta.severity === 'warn' ? 'warn' : 'error',
      description: text(meta.description, fullId),
      rationale: text(meta.rationale, ''),
      messages: typeof meta.messages === 'object' && meta.messages !== null ? (meta.messages as Record<string, string>) : {},
      docs: text(meta.docs, `docs/rules/${fullId}.md`),
    },
  };
}
