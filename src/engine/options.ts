import type { ResolvedConfig, RuleSettings } from '../config/types.js';
import { extendLexicon, type Lexicon } from '../parse/bpmn/lexicon.js';

/** A baseline to apply: findings it holds are hidden; with `update`, it is first rewritten from this run's findings. */
export interface BaselineOptions {
  /** The baseline file, relative to `cwd`. */
  file: string;
  update?: boolean;
}

/** One run's settings, threaded from the API through discovery and the worker threads to each file. */
export interface RunOptions {
  /** The folder paths are relative to. */
  cwd: string;
  config: ResolvedConfig;
  /** Rule settings applied last (`--rule id=severity`). */
  ruleSettings?: RuleSettings;
  /** Honour `# pmlint-disable` directives (default true; `--no-inline-config` turns them off). */
  inlineConfig?: boolean;
  /** Share the files with worker threads when there are many files or bytes (default true). */
  parallel?: boolean;
  /** Keep only error findings in the result (`--quiet`); the warnings are counted in `quietedCount`. */
  quiet?: boolean;
  baseline?: BaselineOptions;
}

/** What linting one file needs from the run: its config (for the words BPMN is read with and the size limit) and the directives switch. */
export type FileOptions = Pick<RunOptions, 'inlineConfig'> & { config?: ResolvedConfig };

/** What a file's lint derives from its config: computed once per config, not per file. */
export interface ConfigFacts {
  /** Every rule id that exists, switched on or not, to tell an unused directive from a misspelt one. */
  knownRules: ReadonlySet<string>;
  /** The words BPMN labels are read with. */
  lexicon: Lexicon;
  /** `max-file-mb`: the largest map read. */
  maxFileMb: number | undefined;
}

const facts = new WeakMap<ResolvedConfig, ConfigFacts>();

export function configFacts(config: ResolvedConfig): ConfigFacts {
  let found = facts.get(config);
  if (!found) {
    found = { knownRules: new Set(config.registry.keys()), lexicon: extendLexicon(config.bpmnWords), maxFileMb: config.maxFileMb };
    facts.set(config, found);
  }
  return found;
}
