import { decodeText } from '../input/decode.js';
import type { InputFormat } from '../input/discover.js';
import { DEFAULT_LEXICON, type Lexicon } from './bpmn/lexicon.js';
import { parseBpmnMap, type Inference } from './bpmn/index.js';
import type { ParseOutcome } from './types.js';
import { parseYamlMap } from './yaml.js';

export type { InputFormat } from '../input/discover.js';

/** What a reader may need besides the file: the words BPMN labels are read with. */
export interface ParseOptions {
  lexicon?: Lexicon;
}

/** An input format pmlint reads: how discovery finds its files, how much work they are, and its reader. */
export interface MapFormat extends InputFormat {
  /** How many times `max-file-mb` a file of this format may be (most of a BPMN file is layout). */
  sizeFactor: number;
  /** Reads the file into the map format's data, with positions and what was inferred (for `convert`). */
  parse(source: string | Uint8Array, options: ParseOptions): ParseOutcome & { inferences?: Inference[] };
}

const PMLINT_LINE = /^pmlint:/m;

/** pmlint's own YAML maps: in a folder, a `.yaml`/`.yml` file with a top-level `pmlint:` line (other YAML is never parsed). */
const yaml: MapFormat = {
  name: 'yaml',
  extensions: ['.yaml', '.yml'],
  isMap: (text) => PMLINT_LINE.test(text),
  weight: 1,
  sizeFactor: 1,
  parse(source) {
    if (typeof source === 'string') return parseYamlMap(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
    const decoded = decodeText(source);
    return decoded.ok ? parseYamlMap(decoded.text) : decoded;
  },
};

/** BPMN 2.0 XML as modelling tools export it; a BPMN byte is about an eighth of a YAML byte's work. */
const bpmn: MapFormat = {
  name: 'bpmn',
  extensions: ['.bpmn', '.bpmn2', '.bpmn20.xml'],
  weight: 1 / 8,
  sizeFactor: 4,
  parse: (source, options) => parseBpmnMap(typeof source === 'string' ? new TextEncoder().encode(source) : source, options.lexicon ?? DEFAULT_LEXICON),
};

/**
 * Every input format, once. Discovery, the engine, the workers and `convert` read only this list:
 * a new format is its reader's folder under src/parse and one line here (docs: "Developing").
 */
export const FORMATS: MapFormat[] = [yaml, bpmn];

/** The format of a file by its name; a file named explicitly with another ending is read as YAML. */
export function formatOf(file: string): MapFormat {
  const lower = file.toLowerCase();
  return FORMATS.find((f) => f.extensions.some((e) => lower.endsWith(e))) ?? yaml;
}
