import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

/** Files a folder or glob expands to; YAML maps are told from other YAML by a top-level `pmlint:` line. */
const MAP_GLOBS = ['**/*.{yaml,yml,bpmn,bpmn2}', '**/*.bpmn20.xml'];

/** BPMN 2.0 XML as modelling tools export it. */
export function isBpmnFile(file: string): boolean {
  return /\.(bpmn2?|bpmn20\.xml)$/i.test(file);
}
const SKIPPED = ['**/node_modules/**', '**/.git/**'];
const PMLINT_LINE = /^pmlint:/m;

export interface Discovered {
  /** Absolute paths, in the order given, without repeats. */
  files: string[];
  /** Paths and patterns that named nothing to lint. */
  missing: { pattern: string; message: string }[];
}

function looksLikeMap(file: string): boolean {
  if (isBpmnFile(file)) return true;
  if (!/\.ya?ml$/i.test(file)) return false;
  try {
    return PMLINT_LINE.test(readFileSync(file, 'utf8'));
  } catch {
    return true; // unreadable: let the linter report why
  }
}

/**
 * Expands the command line's paths: a file named explicitly is always linted; folders and globs
 * pick process maps, skip node_modules and .git, and leave out what `isIgnored` excludes.
 */
export function discover(patterns: readonly string[], cwd: string, isIgnored: (file: string) => boolean): Discovered {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: Discovered['missing'] = [];
  const add = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
  };
  const expand = (globs: string[], base: string): string[] =>
    globSync(globs, { cwd: base, absolute: true, ignore: SKIPPED, dot: false, expandDirectories: false })
      .map((f) => resolve(f))
      .sort()
      .filter((f) => !isIgnored(f) && looksLikeMap(f));

  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      add(abs);
      continue;
    }
    const found = stat?.isDirectory() ? expand(MAP_GLOBS, abs) : isDynamicPattern(pattern) ? expand([pattern.replace(/\\/g, '/')], cwd) : undefined;
    if (found === undefined) missing.push({ pattern, message: 'no such file or folder' });
    else if (found.length === 0) missing.push({ pattern, message: stat ? 'no process maps in this folder' : 'no process maps match this pattern' });
    else found.forEach(add);
  }
  return { files, missing };
}
