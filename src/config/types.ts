import type { Severity } from '../findings.js';
import type { Rule } from '../rule.js';

/** A config that cannot be used: exit code 2, with the config file's position. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** `file:line:col: message`, the form every editor links. */
  describe(): string {
    return this.file ? `${this.file}:${this.line}:${this.column}: ${this.message}` : this.message;
  }
}

/** A rule's severity and options after presets, config, overrides and command-line flags are applied. */
export interface RuleSetting {
  severity: Severity | 'off';
  /** Options as written; undefined keeps the options set earlier (e.g. by a preset or `extends`). */
  options?: Record<string, unknown>;
}

export type RuleSettings = Map<string, RuleSetting>;

export interface Override {
  files: string[];
  rules: RuleSettings;
}

export type BpmnWords = Partial<Record<'customer' | 'system' | 'organisation' | 'staff' | 'contactVerbs' | 'scheduleVerbs' | 'meeting' | 'calendar' | 'crm', string[]>>;

/** A loaded, validated config with presets and `extends` merged in. */
export interface ResolvedConfig {
  /** The config file, or undefined for the built-in default (`extends: [pmlint:recommended]`). */
  file: string | undefined;
  /** Folder that `ignore` and `overrides` globs are relative to. */
  baseDir: string;
  rules: RuleSettings;
  ignore: string[];
  overrides: Override[];
  /** `max-file-mb`: the largest map read, in MiB (BPMN four times that); undefined for the default. */
  maxFileMb?: number;
  /** Words added to the BPMN lexicon (`bpmn:` in the config and in the configs it extends). */
  bpmnWords?: BpmnWords;
  // Each rule has its own options type, hence Rule<any>.
  registry: ReadonlyMap<string, Rule<any>>;
}
