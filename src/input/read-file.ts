import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeCode, errorCode } from '../util/system-error.js';

export { describeCode } from '../util/system-error.js';

/** Why a file could not be read, for a message: the system's code and the words for it. */
export class ReadError extends Error {
  constructor(
    readonly code: string,
    /** The reason alone (`a FIFO, not a regular file`), for a caller that words the rest. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Reads a regular file whole, at most `maxBytes` of it. Opens without blocking, so a FIFO or a
 * device is refused, not waited on or read without end; a file that grows past the cap while it
 * is read is refused too. Throws ReadError with a message for people; `limitName` says what sets the cap.
 */
export function readRegularFile(file: string, maxBytes: number, limitName?: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = errorCode(error) ?? 'EIO';
    throw new ReadError(code, describeCode(code), `cannot read the file: ${describeCode(code)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ReadError('ENOTREG', `${kindOf(stat)}, not a regular file`, `cannot read it: ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes, false, limitName);
    let buffer = Buffer.allocUnsafe(stat.size + 1); // one byte more tells a file that grew
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(length, maxBytes, true, limitName);
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge(length, maxBytes, true, limitName);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    const code = errorCode(error) ?? 'EIO';
    throw new ReadError(code, describeCode(code), `cannot read the file: ${describeCode(code)}`);
  } finally {
    closeSync(fd);
  }
}

/** `the file is 50.0 MB, over the limit of 12.0 MB (…)`: what a file over its size limit is told. */
export function tooLargeMessage(size: number, maxBytes: number, atLeast = false, limitName?: string): string {
  const limit = `the limit of ${megabytes(maxBytes)}${limitName ? ` (${limitName})` : ''}`;
  return `the file is ${atLeast ? 'more than ' : ''}${megabytes(size)}, over ${limit}`;
}

function tooLarge(size: number, maxBytes: number, atLeast: boolean, limitName: string | undefined): ReadError {
  const message = tooLargeMessage(size, maxBytes, atLeast, limitName);
  return new ReadError('EFBIG', message, message);
}
