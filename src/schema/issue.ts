import type { NodePath } from '../positions.js';

/** A breach of a schema (the map format, a config, a rule's options), worded for people and tied to a path in the data. */
export interface SchemaIssue {
  message: string;
  path: NodePath;
  target: 'key' | 'value';
}
