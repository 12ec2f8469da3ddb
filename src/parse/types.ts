import type { NodePath, SourceLocator } from '../positions.js';
import type { SchemaIssue } from '../schema/issue.js';

/** Why a file could not be read or parsed at all (exit code 2). */
export interface Fatal {
  message: string;
  line: number;
  column: number;
}

export type { SchemaIssue } from '../schema/issue.js';

/** One inline comment of the source, for directives such as `# pmlint-disable`. */
export interface SourceComment {
  line: number;
  column: number;
  text: string;
}

/** A map read from a file: its plain data and where each node came from. */
export interface ParsedMap {
  data: unknown;
  locator: SourceLocator;
  /** Range of the whole map, for findings about the map rather than one element. */
  rootPath: NodePath;
  /** Comments that may hold `pmlint-disable` directives. */
  comments: SourceComment[];
  /** Breaches found while reading (a BPMN model with nothing in it), reported by `valid-schema`. */
  extraIssues?: SchemaIssue[];
  /** False when a step without `next` has no outgoing flow (BPMN), rather than flowing to the next step listed. */
  implicitNext?: boolean;
  /** False to skip the map schema (the reader already reported why the data is not a map). */
  schemaChecked?: boolean;
  /** For a converted model: what was inferred about each element, by id, for the findings that rest on it. */
  evidence?: ReadonlyMap<string, string[]>;
}

export type ParseOutcome = { ok: true; map: ParsedMap } | { ok: false; fatal: Fatal };
