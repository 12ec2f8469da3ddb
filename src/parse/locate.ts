import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { NodePath, Range, SourceLocator } from '../positions.js';

/** Maps model paths onto the `yaml` document's node ranges. */
export class YamlLocator implements SourceLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(path: NodePath, target: 'key' | 'value' = 'value'): Range | undefined {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      let next: unknown;
      let nextPair: Pair | undefined;
      if (isMap(node)) {
        nextPair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        next = nextPair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next === undefined || next === null) {
        if (nextPair) return this.rangeOf(nextPair.key);
        break;
      }
      node = next;
      pair = nextPair;
    }
    if (target === 'key' && pair && isPair(pair)) return this.rangeOf(pair.key);
    return this.rangeOf(node);
  }

  private rangeOf(node: unknown): Range | undefined {
    const range = (node as Node | null)?.range;
    if (!range) return undefined;
    const start = this.lines.linePos(range[0]);
    const end = this.lines.linePos(Math.max(range[0], range[1]));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }
}
