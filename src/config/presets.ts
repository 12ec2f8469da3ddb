import type { Rule } from '../rule.js';
import type { RuleSettings } from './types.js';
import { parseSeverity } from '../severity.js';

export const PRESETS = ['pmlint:recommended', 'pmlint:all', 'pmlint:consent-eu'] as const;

/**
 * `recommended`: each rule at its default severity; `all`: every rule at `error`; `consent-eu`: as
 * `recommended`, with every rule of the `consent` category at `error` (the EU asks consent before
 * marketing: GDPR art. 6-7, ePrivacy art. 13), so it works alone or after `recommended`.
 */
export function presetRules(name: string, rules: Iterable<Rule<any>>): RuleSettings | undefined {
  if (!PRESETS.includes(name as (typeof PRESETS)[number])) return undefined;
  const settings: RuleSettings = new Map();
  for (const rule of rules) {
    const strict = name === 'pmlint:all' || (name === 'pmlint:consent-eu' && rule.meta.category === 'consent');
    const severity = strict ? 'error' : (parseSeverity(rule.meta.severity) ?? 'error');
    settings.set(rule.meta.id, { severity });
  }
  return settings;
}
