import { accessSync, chmodSync, chownSync, constants, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeCode, errorCode } from './system-error.js';

/** A file pmlint was asked to write and could not: the user's environment, not a bug (exit 2). */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`cannot write ${file}: ${describeCode(code)}`);
    this.name = 'WriteError';
  }
}

const TEMP = /^\.(.+)\.(\d+)\.pmlint-tmp$/;

function temporaryName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.pmlint-tmp`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Temporary files of this target left by a pmlint run that was killed before it could rename them. */
function removeStaleTemporaries(file: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match || match[1] !== basename(file) || isRunning(Number(match[2]))) continue;
    try {
      unlinkSync(join(dirname(file), name));
    } catch {
      // someone else's to clean up
    }
  }
}

/** A file's status (of the link itself, or with `follow` of what it leads to), or undefined when there is none. */
function statOf(file: string, follow = false): Stats | undefined {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** A regular file written whole or not at all: a temporary file beside it, renamed over it, keeping its mode and owner. */
function replaceRegularFile(file: string, text: string | Uint8Array, before: Stats | undefined): void {
  removeStaleTemporaries(file);
  const temporary = temporaryName(file);
  try {
    writeFileSync(temporary, text, { mode: before ? before.mode & 0o7777 : 0o666 });
    if (before) {
      chmodSync(temporary, before.mode & 0o7777); // the umask may have taken bits off
      if (process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0)) chownSync(temporary, before.uid, before.gid);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created
    }
    throw error;
  }
}

/**
 * Writes an output file as a careful user would expect: a regular file is replaced whole or not at
 * all (never half-written), with its mode kept; a file with other hard links, a device, a FIFO or
 * a symbolic link's target is written through, in place, as a shell redirect would; a file the user
 * may not write is refused. Failures throw WriteError naming the file (as `shown`) and the reason.
 */
export function writeOutputFile(file: string, text: string | Uint8Array, shown = file): void {
  try {
    const link = statOf(file);
    // What a link leads to is what counts: statSync follows it, as the write will.
    const stat = link?.isSymbolicLink() ? statOf(file, true) : link;
    if (link?.isSymbolicLink() && !stat) {
      writeFileSync(file, text); // a dangling link: the write creates the file it names
      return;
    }
    const target = link?.isSymbolicLink() && stat?.isFile() ? realpathSync.native(file) : file;
    if (stat?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (stat && (!stat.isFile() || stat.nlink > 1)) {
      writeFileSync(target, text); // devices, FIFOs, sockets, hard links: through the file itself
      return;
    }
    if (stat) accessSync(target, constants.W_OK);
    else mkdirSync(dirname(target), { recursive: true });
    replaceRegularFile(target, text, stat);
  } catch (error) {
    if (error instanceof WriteError) throw error;
    const code = errorCode(error);
    if (code !== undefined) throw new WriteError(shown, code);
    throw error;
  }
}
