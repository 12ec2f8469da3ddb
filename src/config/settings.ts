import type { BpmnWords, ResolvedConfig } from './types.js';

/** The settings of a config besides its rules, as its file has them. */
export type RawSettings = { bpmn?: Record<string, string[]>; 'max-file-mb'?: number; extends?: string | string[] };

type Settings = Pick<ResolvedConfig, 'bpmnWords' | 'maxFileMb'>;

/** Lexicon words of a config and of what it extends: each list holds both, the later config's words first. */
function mergeWords(earlier: BpmnWords | undefined, later: BpmnWords | undefined): BpmnWords | undefined {
  if (!earlier || !later) return later ?? earlier;
  const out: BpmnWords = { ...earlier };
  for (const [key, list] of Object.entries(later) as [keyof BpmnWords, string[]][]) out[key] = [...new Set([...list, ...(earlier[key] ?? [])])];
  return out;
}

/** The BPMN words and the file-size limit of a config and of what it extends, later configs winning. */
export function settingsOnly(raw: RawSettings, bases: readonly Settings[]): Settings {
  let words: BpmnWords | undefined;
  let maxFileMb: number | undefined;
  for (const base of bases) {
    words = mergeWords(words, base.bpmnWords);
    maxFileMb = base.maxFileMb ?? maxFileMb;
  }
  if (raw.bpmn) words = mergeWords(words, camelWords(raw.bpmn));
  maxFileMb = raw['max-file-mb'] ?? maxFileMb;
  return { ...(words ? { bpmnWords: words } : {}), ...(maxFileMb !== undefined ? { maxFileMb } : {}) };
}

function camelWords(bpmn: Record<string, string[]>): BpmnWords {
  return Object.fromEntries(Object.entries(bpmn).map(([key, list]) => [key.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), list]));
}

/** A value the config gives as one item or a list. */
export { asList as toList } from '../util/list.js';
