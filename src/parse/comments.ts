import { Lexer } from 'yaml';
import type { SourceComment } from './types.js';

/**
 * The YAML comments that may hold pmlint directives, with their positions. Found with yaml's own
 * lexer, so a `#` inside a quoted or plain scalar is never taken for a comment; skipped entirely
 * (no second lexing pass) when the text names no directive.
 */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);

export function directiveComments(text: string): SourceComment[] {
  if (!text.includes('pmlint-')) return [];
  const comments: SourceComment[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) continue; // the lexer's markers for the parser, not source text
    if (token.startsWith('#') && token.includes('pmlint-')) {
      comments.push({ line, column: offset - lineStart + 1, text: token });
    }
    for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
    offset += token.length;
  }
  return comments;
}
