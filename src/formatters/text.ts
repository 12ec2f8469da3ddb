/** Small text helpers shared by the formatters. */

/** `1 error`, `3 errors`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Text safe in a Markdown table cell or paragraph: no line or table breaks, no raw HTML. */
export function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export { asList } from '../util/list.js';
