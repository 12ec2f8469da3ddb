import type { LintResult } from '../findings.js';

/** Characters a map's text may hold that must not reach a terminal, an XML file or a diagram as they are. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

function escapeOne(char: string): string {
  if (char === '\n' || char === '\r' || char === '\t' || char === '\u2028' || char === '\u2029') return ' ';
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
}

/**
 * Text as it can be shown: line breaks and tabs become spaces (a message is one line); other
 * control characters (ESC, which drives a terminal; those XML 1.0 forbids) and the bidirectional
 * overrides that reorder what a reader sees become visible escapes such as `\x1B`.
 */
export function printable(text: string): string {
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escapeOne) : text;
}

/**
 * The value with every string in it printable (plain data: results, an outline). What holds nothing
 * to escape is returned as it is, so the usual run copies nothing.
 */
export function printableData<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const shown = printableData(item);
      if (shown !== item) (out ??= [...value])[i] = shown;
    });
    return (out ?? value) as T;
  }
  if (typeof value === 'object' && value !== null) {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const shown = printableData(item);
      if (shown !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = shown;
    }
    return (out ?? value) as T;
  }
  return value;
}

/** Results whose text can go into any format: the formatters get only this. */
export function printableResult(result: LintResult): LintResult {
  return printableData(result);
}
