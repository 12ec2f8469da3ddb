import type { Finding } from '../findings.js';
import type { Suggestion } from '../rule.js';
import { asList } from './text.js';

/** A missing activity and the findings that call for it. */
export interface MissingActivity {
  suggestion: Suggestion;
  ruleIds: string[];
}

/**
 * The distinct missing activities among a file's findings, in order of first mention. Several findings
 * often ask for the same step in the same place (one hand-over covers several contacts): suggestions
 * of the same type, by the same actor, to the same recipients, after the same step are one activity,
 * sharing what each of them shares.
 */
export function missingActivities(findings: readonly Finding[]): MissingActivity[] {
  const byKey = new Map<string, MissingActivity>();
  for (const finding of findings) {
    const suggestion = finding.suggestion;
    if (!suggestion) continue;
    const { step } = suggestion;
    const key = JSON.stringify([suggestion.after, step.type, step.actor, [...asList(step.to)].sort(), asList(step.reads), asList(step.writes), step.channel]);
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, { suggestion, ruleIds: [finding.ruleId] });
      continue;
    }
    if (!known.ruleIds.includes(finding.ruleId)) known.ruleIds.push(finding.ruleId);
    const shares = [...new Set([...(known.suggestion.step.shares ?? []), ...(step.shares ?? [])])];
    if (shares.length > 0) known.suggestion = { ...known.suggestion, step: { ...known.suggestion.step, shares } };
  }
  return [...byKey.values()];
}
