import { describeThrown } from './describe.js';

/** The system's error codes that pmlint meets reading and writing files, in words. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links, or a link that loops',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EROFS: 'the file system is read-only',
};

/** `ENOTDIR (a part of the path is not a folder)`: a system error code in words. */
export function describeCode(code: string): string {
  return Object.hasOwn(REASONS, code) ? `${code} (${REASONS[code]})` : code;
}

/** What failed, in words: a system error's code and its meaning, or what else was thrown. */
export function describeError(error: unknown): string {
  const code = errorCode(error);
  return code ? describeCode(code) : describeThrown(error);
}

/** The code of a system error (`ENOENT`), or undefined for anything else thrown. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
