import { visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';
import { directiveComments } from './comments.js';
import { YamlLocator } from './locate.js';
import type { Fatal, ParseOutcome } from './types.js';
import { readYamlDocument } from './yaml-document.js';

/** Aliases may repeat data a little; more than this is an expansion attack (a "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Parses a YAML process map, keeping node ranges; syntax errors and resource attacks are fatal. */
export function parseYamlMap(source: string): ParseOutcome {
  const text = withLineFeeds(source);
  const read = readYamlDocument(text, { uniqueKeys: true, keepSourceTokens: false });
  if (!read.ok) return read;
  const { doc, lines } = read;
  const error = doc.errors[0];
  if (error) return { ok: false, fatal: fatalFrom(error, lines) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, col } = lines.linePos(firstAliasOffset(doc));
    return {
      ok: false,
      fatal: { message: `YAML aliases expand too far (${message}); a map may use at most ${MAX_ALIAS_COUNT} alias expansions`, line, column: col },
    };
  }
  return { ok: true, map: { data, locator: new YamlLocator(doc, lines), rootPath: ['process'], comments: directiveComments(text) } };
}

/**
 * YAML 1.2 breaks lines at CR LF, LF and a lone CR (old Mac files); `yaml` knows only the first two.
 * A lone CR becomes LF: the same length, so every offset, line and column stays as the author sees it.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
function fatalFrom(error: YAMLError, lines: LineCounter): Fatal {
  const { line, col } = lines.linePos(error.pos[0]);
  const what = error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
  return { message: `${what}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line, column: col };
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node: Node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}
