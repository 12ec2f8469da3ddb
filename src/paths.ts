import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The installed package's folder (holds package.json, schemas/ and docs/), from source or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'schemas'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pmlint: cannot find its own package folder');
    dir = parent;
  }
  root = dir;
  return root;
}

/** The path as shown to the user: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const inside = relative(cwd, file);
  // Outside the working folder an absolute path says more than a climb of `../`.
  const rel = inside === '' ? file : isAbsolute(file) && inside.startsWith(`..${sep}`) ? file : inside;
  return rel.split(sep).join('/');
}
