import { SaxesParser } from 'saxes';
import type { Fatal, SourceComment } from './types.js';
import { decodeText } from '../input/decode.js';

/** An XML element with its namespace URI, attributes by local name (and by `{uri}local`), and position. */
export interface XmlElement {
  uri: string;
  local: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Character data before the first child element (BPMN's text-bearing elements are leaves). */
  text: string;
  /** Where the start tag begins: the line and column of its `<`. */
  line: number;
  column: number;
  /** The length of the tag's name as written, prefix included (`bpmn:task`: 9). */
  nameLength: number;
  parent: XmlElement | undefined;
}

export interface XmlDocument {
  root: XmlElement;
  comments: SourceComment[];
  /** Set when the bytes were not what the declaration said and were read as windows-1252. */
  encodingNote?: string;
}

/** Real models nest a few dozen levels; far deeper is an attack (and saxes's cost grows with depth squared). */
export const MAX_DEPTH = 1000;

class TooDeep extends Error {}

/** The properties saxes keeps its handlers in (not in its type declarations: they are private). */
interface HandlerSlots {
  textHandler: unknown;
  doctypeHandler: unknown;
  commentHandler: unknown;
  openTagStartHandler: unknown;
  openTagHandler: unknown;
  closeTagHandler: unknown;
  cdataHandler: unknown;
  errorHandler: unknown;
}

/**
 * saxes adds each handler's property when `on()` is first called, by a computed key. With the
 * seventh, V8 turns the parser into a dictionary-mode object and every step of its state machine
 * slows down (the BPMN corpus took 1.7x as long). Creating the slots up front, by name, keeps the
 * parser's shape fast.
 */
function newParser(): SaxesParser<{ xmlns: true; position: true }> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const slots = parser as unknown as HandlerSlots;
  slots.textHandler = undefined;
  slots.doctypeHandler = undefined;
  slots.commentHandler = undefined;
  slots.openTagStartHandler = undefined;
  slots.openTagHandler = undefined;
  slots.closeTagHandler = undefined;
  slots.cdataHandler = undefined;
  slots.errorHandler = undefined;
  return parser;
}

const NOT_BLANK = /\S/;

export interface ParseXmlOptions {
  /**
   * Elements below the root whose namespace URI this is true of (with everything inside them) are
   * checked for well-formedness but not built into the tree: the diagram interchange and vendor
   * extensions of a BPMN model, say, which no rule reads.
   */
  prune?: (uri: string) => boolean;
}

const DECLARED = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Decodes an XML file's bytes: a UTF-8 byte-order mark wins, then the declared encoding
 * (UTF-8, ISO-8859-1, windows-1252). Bytes that are not valid UTF-8 in a file declaring UTF-8
 * are read as windows-1252 (what such files nearly always are) with a note, never as mojibake.
 */
function decodeXml(bytes: Uint8Array): { ok: true; text: string; note?: string } | { ok: false; fatal: Fatal } {
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const hasBom = utf8Bom || utf16Bom;
  const head = new TextDecoder('latin1').decode(bytes.subarray(hasBom ? 3 : 0, 200));
  const declared = (DECLARED.exec(head)?.[1] ?? 'utf-8').toLowerCase();
  if (hasBom || declared === 'utf-8' || declared === 'utf8') {
    const decoded = decodeText(bytes);
    if (decoded.ok) return decoded;
    if (decoded.fatal.message.startsWith('binary file')) return decoded;
    return {
      ok: true,
      text: new TextDecoder('windows-1252').decode(bytes),
      note: `the file declares UTF-8 but holds other bytes (${decoded.fatal.message.replace(/^not valid UTF-8: /, '')}); read as windows-1252`,
    };
  }
  if (['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii'].includes(declared)) {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes) };
  }
  return { ok: false, fatal: { message: `unsupported encoding "${declared}": save the file as UTF-8`, line: 1, column: 1 } };
}

/** The characters from `start` to `end` (one outside the BMP counts once), as YAML columns count them. */
function characters(text: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/**
 * Parses XML with saxes, keeping each element's namespace URI and position. Never reads a DTD or an
 * external entity: a DOCTYPE that declares entities is refused, and any entity reference other than
 * XML's five is an error, so entity-expansion bombs and XXE stop at once. Builds the tree with an
 * explicit stack (no recursion) and refuses nesting deeper than MAX_DEPTH.
 */
export function parseXml(bytes: Uint8Array, options: ParseXmlOptions = {}): { ok: true; doc: XmlDocument } | { ok: false; fatal: Fatal } {
  const decoded = decodeXml(bytes);
  if (!decoded.ok) return decoded;
  const parser = newParser();
  const stack: XmlElement[] = [];
  const comments: SourceComment[] = [];
  const prune = options.prune;
  let root: XmlElement | undefined;
  let fatal: Fatal | undefined;
  let startLine = 1;
  let startColumn = 1;
  /** Depth inside a pruned subtree (0: building the tree). */
  let pruned = 0;
  const stop = (message: string): void => {
    fatal ??= { message, line: parser.line, column: Math.max(1, parser.column) };
  };
  parser.on('error', (error) => stop(`XML error: ${error.message.replace(/^\d+:\d+: /, '')}`));
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) stop('the DOCTYPE declares entities: pmlint never reads DTDs or expands entities (XXE and entity-expansion attacks)');
  });
  parser.on('comment', (text) => comments.push({ line: parser.line, column: 1, text: `#${text.trim().startsWith('pmlint-') ? ' ' + text.trim() : text}` }));
  const text = decoded.text.replace(/^\uFEFF/, '');
  // The last start tag placed: tags come in order, so each is placed from the one before, in time
  // linear in the file even when it is one long line.
  let last = { offset: 0, column: 1 };
  parser.on('opentagstart', (tag) => {
    // saxes reports the position after the name and the character that ended it, which may be a
    // line break: the tag starts at the last `<name` that can end there.
    const offset = text.lastIndexOf(`<${tag.name}`, parser.position - tag.name.length - 1);
    if (offset < last.offset) {
      startLine = parser.line;
      startColumn = Math.max(1, parser.column - tag.name.length - 1);
      return;
    }
    let lineStart = -1;
    for (let i = offset - 1; i >= last.offset; i--) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        lineStart = i + 1;
        break;
      }
    }
    startColumn = lineStart === -1 ? last.column + characters(text, last.offset, offset) : 1 + characters(text, lineStart, offset);
    startLine = parser.line - (/[\r\n]/.test(text.slice(offset, parser.position)) ? 1 : 0);
    last = { offset, column: startColumn };
  });
  parser.on('opentag', (tag) => {
    if (stack.length + pruned >= MAX_DEPTH) {
      fatal ??= { message: `elements nest deeper than ${MAX_DEPTH} levels: not a process model pmlint reads`, line: startLine, column: startColumn };
      throw new TooDeep();
    }
    if (pruned > 0 || (prune !== undefined && stack.length > 0 && prune(tag.uri ?? ''))) {
      pruned++;
      parser.off('text');
      return;
    }
    const attrs = new Map<string, string>();
    for (const attr of Object.values(tag.attributes)) {
      if (typeof attr === 'string') continue;
      attrs.set(attr.uri ? `{${attr.uri}}${attr.local}` : attr.local, attr.value);
      if (!attrs.has(attr.local)) attrs.set(attr.local, attr.value);
    }
    const local = tag.local ?? tag.name;
    const element: XmlElement = { uri: tag.uri ?? '', local, attrs, children: [], text: '', line: startLine, column: startColumn, nameLength: tag.name.length, parent: stack[stack.length - 1] };
    if (element.parent) element.parent.children.push(element);
    else root ??= element;
    stack.push(element);
    parser.on('text', addText);
  });
  const addText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (pruned === 0 && top !== undefined && (top.text !== '' || NOT_BLANK.test(text))) top.text += text;
  };
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (pruned > 0) pruned--;
    else stack.pop();
    // An element's text is what comes before its first child: the whitespace that lays out the
    // children and follows them is never collected, which spares saxes building it.
    parser.off('text');
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (!(error instanceof TooDeep)) stop(`XML error: ${(error as Error).message.replace(/^\d+:\d+: /, '')}`);
  }
  if (fatal) return { ok: false, fatal };
  if (!root) return { ok: false, fatal: { message: 'no XML element in the file', line: 1, column: 1 } };
  return { ok: true, doc: { root, comments, ...(decoded.note ? { encodingNote: decoded.note } : {}) } };
}
