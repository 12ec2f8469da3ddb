import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';
import { renderDot as dot } from './diagram/dot.js';
import { renderMermaid as mermaid } from './diagram/mermaid.js';
import { printableData, printableResult } from './printable.js';

/** A formatter that is given the results with every control character made visible (printable.ts). */
function safe(formatter: Formatter): Formatter {
  return (result, context) => formatter(printableResult(result), context);
}

/**
 * Every output format by its `--format` name. JSON and SARIF escape control characters themselves
 * (JSON's own escapes), so they keep the map's text exactly; the others are given printable text.
 */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: safe(stylish),
  json,
  markdown: safe(markdown),
  sarif,
  github: safe(github),
  junit: safe(junit),
};

/** The diagrams, from printable text. */
export const renderMermaid: typeof mermaid = (outline, findings, plan) => mermaid(printableData(outline), printableData(findings), printableData(plan ?? []));
export const renderDot: typeof dot = (outline, findings, plan) => dot(printableData(outline), printableData(findings), printableData(plan ?? []));
