import { statSync, type Stats } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { decodeText } from './decode.js';
import { describeError } from '../util/system-error.js';
import { readRegularFile } from './read-file.js';

/**
 * What discovery needs of an input format (the registry, src/parse/formats.ts, lists them): the
 * file endings it owns and, for endings other files share (`.yaml`), the text check that tells
 * one of its maps in a folder scan, before any parsing.
 */
export interface InputFormat {
  name: string;
  /** Lowercase file endings with their dot: `.bpmn`, `.bpmn20.xml`. */
  extensions: readonly string[];
  /** In a folder or glob: whether this text is one of its maps. Without it the name decides. */
  isMap?: (text: string) => boolean;
  /** A byte's work relative to a byte of YAML, for sharing files among worker threads. */
  weight: number;
}

/** The format a file's name gives, among these. */
export function formatByName<F extends InputFormat>(file: string, formats: readonly F[]): F | undefined {
  const lower = file.toLowerCase();
  return formats.find((f) => f.extensions.some((e) => lower.endsWith(e)));
}

/** The globs a folder is scanned with: every format's endings. */
function folderGlobs(formats: readonly InputFormat[]): string[] {
  return formats.flatMap((f) => f.extensions).map((e) => `**/*${e}`);
}

const SKIPPED = ['**/node_modules/**', '**/.git/**'];

export interface Discovered {
  /** Absolute paths, in the order given, without repeats. */
  files: string[];
  /** Paths and patterns that named nothing to lint. */
  missing: { pattern: string; message: string }[];
}

/** The most of a YAML file read to look for its `pmlint:` line; a larger file is left to the linter to refuse. */
const SCAN_BYTES = 64 * 1024 * 1024;

/**
 * Whether a file found in a folder or glob is a map to lint: only regular files (a FIFO, a device
 * or a link to one is never opened), BPMN by name, YAML by its top-level `pmlint:` line in any
 * encoding a map may have.
 */
function looksLikeMap(file: string, formats: readonly InputFormat[]): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return true; // a dangling link or no permission: let the linter say why
  }
  if (!stat.isFile()) return false;
  const format = formatByName(file, formats);
  if (!format) return false;
  if (!format.isMap || stat.size > SCAN_BYTES) return true;
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file, SCAN_BYTES);
  } catch {
    return true; // unreadable: let the linter report why
  }
  const decoded = decodeText(bytes);
  return format.isMap(decoded.ok ? decoded.text : Buffer.from(bytes).toString('latin1'));
}

/** A path's status, or why it has none: ENOENT is no status; other failures are the path's own. */
function statOf(path: string): { stat: Stats | undefined } | { error: string } {
  try {
    return { stat: statSync(path, { throwIfNoEntry: false }) };
  } catch (error) {
    return { error: `cannot read it: ${describeError(error)}` };
  }
}

/**
 * Expands the command line's paths: a file named explicitly is always linted; folders and globs
 * pick process maps, skip node_modules and .git, and leave out what `isIgnored` excludes.
 */
export function discover(patterns: readonly string[], cwd: string, isIgnored: (file: string) => boolean, formats: readonly InputFormat[]): Discovered {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: Discovered['missing'] = [];
  const add = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
  };
  const expand = (globs: string[], base: string): string[] | string => {
    let found: string[];
    try {
      found = globSync(globs, { cwd: base, absolute: true, ignore: SKIPPED, dot: false, expandDirectories: false });
    } catch (error) {
      return `cannot read it: ${describeError(error)}`;
    }
    return found
      .map((f) => resolve(f))
      .sort()
      .filter((f) => !isIgnored(f) && looksLikeMap(f, formats));
  };

  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    const status = statOf(abs);
    if ('error' in status) {
      missing.push({ pattern, message: status.error });
      continue;
    }
    const { stat } = status;
    // A file named explicitly is linted whatever it is: the reader refuses what is not a regular file.
    if (stat && !stat.isDirectory()) {
      add(abs);
      continue;
    }
    const found = stat?.isDirectory() ? expand(folderGlobs(formats), abs) : isDynamicPattern(pattern) ? expand([pattern.replace(/\\/g, '/')], cwd) : undefined;
    if (found === undefined) missing.push({ pattern, message: 'no such file or folder' });
    else if (typeof found === 'string') missing.push({ pattern, message: found });
    else if (found.length === 0) missing.push({ pattern, message: stat ? 'no process maps in this folder' : 'no process maps match this pattern' });
    else found.forEach(add);
  }
  return { files, missing };
}
