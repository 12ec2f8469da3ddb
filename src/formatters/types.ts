import type { LintResult } from '../findings.js';

export interface FormatContext {
  /** Colour the output (terminal formats only). */
  color: boolean;
}

/** A formatter is pure: results in, text out. Only the CLI writes it anywhere. */
export type Formatter = (result: LintResult, context: FormatContext) => string;
