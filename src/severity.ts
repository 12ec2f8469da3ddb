import type { Severity } from './findings.js';

/**
 * Severities as people write them (configs, `--rule`, a rule's `meta.severity`): `off`, `warn`,
 * `error`, or ESLint's 0, 1, 2. Findings say `warning` where a config says `warn`; these two
 * functions are the one place that translates, both ways.
 */
export type SeverityWord = 'off' | 'warn' | 'error';

const BY_WORD: Readonly<Record<string, Severity | 'off'>> = { off: 'off', warn: 'warning', error: 'error', 0: 'off', 1: 'warning', 2: 'error' };

/** The severity a word (or ESLint number) names, or undefined when it names none. */
export function parseSeverity(word: unknown): Severity | 'off' | undefined {
  const key = typeof word === 'number' ? String(word) : word;
  return typeof key === 'string' && Object.hasOwn(BY_WORD, key) ? BY_WORD[key] : undefined;
}

/** The word a config would write for a severity. */
export function severityWord(severity: Severity | 'off'): SeverityWord {
  return severity === 'warning' ? 'warn' : severity;
}
