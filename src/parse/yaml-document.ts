import { Composer, Lexer, LineCounter, Parser, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type CST } from 'yaml';
import type { Fatal } from './types.js';

/**
 * Deeper nesting than this is refused before `yaml`'s parser and composer recurse into it: they
 * recurse once per level (through generators, several frames each) and overflow the stack somewhere
 * between 1,000 and 3,000 levels, depending on the construct. A process map nests a handful of levels.
 */
export const MAX_YAML_DEPTH = 256;

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A YAML document with its line table, or why it could not be read (before any syntax error). */
export type YamlReading = { ok: true; doc: Document; lines: LineCounter } | { ok: false; fatal: Fatal };

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

function tooDeep(stack: readonly CST.Token[]): void {
  let depth = 0;
  for (const token of stack) {
    if (COLLECTIONS.has(token.type) && ++depth > MAX_YAML_DEPTH) throw new TooDeep(token.offset);
  }
}

/**
 * `yaml`'s parseDocument, with the parser's stack watched after every token: a collection nested
 * deeper than MAX_YAML_DEPTH stops the read at the token that opens it. Anything the parser or the
 * composer throws becomes a fatal too, so a YAML file can never take the run down.
 */
export function readYamlDocument(text: string, options: YamlOptions = {}): YamlReading {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  function* tokens() {
    lines.addNewLine(0);
    for (const lexeme of new Lexer().lex(text, false)) {
      yield* parser.next(lexeme);
      // The stack holds the document, one entry per open collection, and at times the scalar being read.
      if (parser.stack.length > MAX_YAML_DEPTH + 1) tooDeep(parser.stack);
    }
    yield* parser.end();
  }
  try {
    let doc: Document | undefined;
    for (const next of new Composer(options).compose(tokens(), true, text.length)) {
      if (!doc) doc = next;
      else {
        // As parseDocument does: the second document is an error of the first.
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
        break;
      }
    }
    return { ok: true, doc: doc!, lines };
  } catch (error) {
    if (error instanceof TooDeep) {
      const { line, col } = lines.linePos(error.offset);
      return { ok: false, fatal: { message: `nesting deeper than ${MAX_YAML_DEPTH} levels: a process map needs a few`, line, column: col } };
    }
    const reason = error instanceof RangeError ? 'the YAML is nested or repeated beyond what can be read' : error instanceof Error ? error.message : String(error);
    return { ok: false, fatal: { message: `the YAML cannot be read: ${reason}`, line: 1, column: 1 } };
  }
}
