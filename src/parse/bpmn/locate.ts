import type { NodePath, Range, SourceLocator } from '../../positions.js';
import type { Position } from './context.js';

/** Positions of the BPMN elements the map's paths come from: a path without its own points at its nearest ancestor's. */
export class BpmnLocator implements SourceLocator {
  constructor(private readonly positions: ReadonlyMap<string, Position>) {}

  locate(path: NodePath): Range | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.positions.get(JSON.stringify(path.slice(0, n)));
      if (found) return { line: found.line, column: found.column, endLine: found.line, endColumn: found.column + found.length };
    }
    return undefined;
  }
}
