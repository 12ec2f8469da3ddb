/** Where and why bytes are not text (the same shape as a parse fatal). */
export interface Fatal {
  message: string;
  line: number;
  column: number;
}

export type Decoded = { ok: true; text: string } | { ok: false; fatal: Fatal };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Decodes a file's bytes as text, as YAML 1.2 allows them: UTF-8 (with or without its byte-order
 * mark), and UTF-16 or UTF-32 (little- or big-endian) with theirs. The mark itself is dropped.
 * Binary data and malformed sequences (overlong forms, surrogates, truncated characters) are refused
 * at the byte where they start, with its line and column.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return decodeUtf32(bytes, true);
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return decodeUtf32(bytes, false);
  if (a === 0xff && b === 0xfe) return decodeUtf16(bytes, true);
  if (a === 0xfe && b === 0xff) return decodeUtf16(bytes, false);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const at = positionOfByte(bytes, nul);
    return fail(`binary file: a NUL byte at byte offset ${nul}; a process map is text (UTF-8, or UTF-16/32 with a byte-order mark)`, at.line, at.column);
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = positionOfByte(bytes, offset);
    return fail(`not valid UTF-8: byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at byte offset ${offset}`, at.line, at.column);
  }
}

function fail(message: string, line: number, column: number): { ok: false; fatal: Fatal } {
  return { ok: false, fatal: { message, line, column } };
}

/** Line and column (in characters, as an editor counts them) of a byte offset in UTF-8 bytes. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: utf8Lenient.decode(bytes.subarray(lineStart, offset)).length + 1 };
}

/** Line and column of a position in text already decoded (the part before a fault). */
function positionInText(text: string): { line: number; column: number } {
  const lastBreak = text.lastIndexOf('\n');
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: text.length - lastBreak };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode table 3-7):
 * the second byte's range rules out overlong forms (after E0, F0), surrogates (after ED) and code
 * points past U+10FFFF (after F4).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function decodeUtf16(bytes: Uint8Array, little: boolean): Decoded {
  const name = little ? 'UTF-16LE' : 'UTF-16BE';
  if (bytes.length % 2 !== 0) {
    return faultAt(bytes, little, bytes.length - 1, `not valid ${name}: an odd number of bytes, the last character is cut off at byte offset ${bytes.length - 1}`);
  }
  const units = bytes.length / 2;
  const unit = (k: number): number => (little ? bytes[2 * k]! | (bytes[2 * k + 1]! << 8) : (bytes[2 * k]! << 8) | bytes[2 * k + 1]!);
  for (let k = 1; k < units; k++) {
    const u = unit(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 1 < units ? unit(k + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        k++;
        continue;
      }
    } else if (u < 0xdc00 || u > 0xdfff) continue;
    return faultAt(bytes, little, 2 * k, `not valid ${name}: an unpaired surrogate 0x${u.toString(16)} at byte offset ${2 * k}`);
  }
  return { ok: true, text: new TextDecoder(little ? 'utf-16le' : 'utf-16be', { ignoreBOM: false }).decode(bytes) };
}

/** The fault at a byte offset of UTF-16 text: its line and column from the text before it. */
function faultAt(bytes: Uint8Array, little: boolean, offset: number, message: string): Decoded {
  const before = new TextDecoder(little ? 'utf-16le' : 'utf-16be', { ignoreBOM: false }).decode(bytes.subarray(0, offset - (offset % 2)));
  const at = positionInText(before);
  return fail(message, at.line, at.column);
}

function decodeUtf32(bytes: Uint8Array, little: boolean): Decoded {
  const name = little ? 'UTF-32LE' : 'UTF-32BE';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  const whole = bytes.length - (bytes.length % 4);
  for (let offset = 4; offset < whole; offset += 4) {
    const point = view.getUint32(offset, little);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      const at = positionInText(parts.join('') + String.fromCodePoint(...chunk));
      return fail(`not valid ${name}: 0x${point.toString(16)} at byte offset ${offset} is not a character`, at.line, at.column);
    }
    chunk.push(point);
    if (chunk.length === 4096) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  const text = parts.join('') + String.fromCodePoint(...chunk);
  if (whole !== bytes.length) {
    const at = positionInText(text);
    return fail(`not valid ${name}: the last character is cut off at byte offset ${whole}`, at.line, at.column);
  }
  return { ok: true, text };
}
