import type { Rule } from '../rule.js';
import type { RuleSettings } from './types.js';
import { parseSeverity } from '../severity.js';

export const PRESETS = ['pmlint:recommended', 'pmlint:all'] as const;

/** `recommended`: each rule at its default severity; `all`: every rule at `error`. */
export function presetRules(name: string, rules: Iterable<Rule<any>>): RuleSettings | undefined {
  if (!PRESETS.includes(name as (typeof PRESETS)[number])) return undefined;
  const settings: RuleSettings = new Map();
  for (const rule of rules) {
    const severity = name === 'pmlint:all' ? 'error' : (parseSeverity(rule.meta.severity) ?? 'error');
    settings.set(rule.meta.id, { severity });
  }
  return settings;
}
