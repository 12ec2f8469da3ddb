/** Where things are in a source file: shared by the readers, the model, the rules and the formatters. */

/** A place in the source file, 1-based; end is exclusive of the last column. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A path into the map document, e.g. ['steps', 3, 'to', 1]. */
export type NodePath = readonly (string | number)[];

/** Finds the source range of a node of the map; 'key' points at a mapping key rather than its value. */
export interface SourceLocator {
  locate(path: NodePath, target?: 'key' | 'value'): Range | undefined;
}
