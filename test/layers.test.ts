import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/**
 * The layers of the code, lowest first: a module may import its own layer and those below it,
 * never one above (input → parse → model → rules → engine → formatters → cli, with the shared
 * type homes under them). Types count too: a type import is a dependency all the same.
 */
const LAYERS: [string, string[]][] = [
  ['base', ['src/positions.ts', 'src/paths.ts', 'src/util/', 'src/generated/']],
  ['input', ['src/input/']],
  ['schema', ['src/schema/']],
  ['parse', ['src/parse/']],
  ['model', ['src/model/']],
  ['rule api', ['src/rule.ts', 'src/findings.ts', 'src/severity.ts']],
  ['plan', ['src/plan/']],
  ['rules', ['rules/', 'src/declarative/']],
  ['config', ['src/config/']],
  ['engine', ['src/engine/']],
  ['formatters', ['src/formatters/']],
  ['api', ['src/api.ts', 'src/fix.ts', 'src/index.ts']],
  ['cli', ['src/cli/']],
];

function layerOf(file: string): number {
  const index = LAYERS.findIndex(([, prefixes]) => prefixes.some((p) => file === p || (p.endsWith('/') && file.startsWith(p))));
  if (index === -1) throw new Error(`${file} is in no layer: add it to LAYERS`);
  return index;
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f.split('\\').join('/')}`);
}

/** Every relative import of a module, static, re-exported or dynamic, as a path from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(root, resolve(root, dirname(file), s)).split('\\').join('/').replace(/\.js$/, '.ts'));
}

describe('layers', () => {
  const files = [...sources('src'), ...sources('rules')];

  it('every module is in a layer', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(() => layerOf(file)).not.toThrow();
  });

  it('no module imports from a layer above it', () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const target of importsOf(file)) {
        if (layerOf(target) > layerOf(file)) upward.push(`${file} (${LAYERS[layerOf(file)]![0]}) imports ${target} (${LAYERS[layerOf(target)]![0]})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('finds an upward import when there is one', () => {
    // The check itself: the parser importing the engine would be caught.
    expect(layerOf('src/engine/lint.ts')).toBeGreaterThan(layerOf('src/parse/yaml.ts'));
    expect(importsOf('src/cli/check.ts')).toContain('src/api.ts');
  });
});
