import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';
export { renderMermaid } from './diagram/mermaid.js';
export { renderDot } from './diagram/dot.js';

/** Every output format by its `--format` name. */
export const formatters: Readonly<Record<string, Formatter>> = { stylish, json, markdown, sarif, github, junit };
