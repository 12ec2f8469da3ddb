import type { Finding, RimsScore, ScoreDimension } from '../findings.js';
import type { ProcessModel } from '../model/types.js';
import type { ActiveRule, Category, RuleMeta } from '../rule.js';

/** The categories whose checks make the tyre of the wheel: H, the human touch. */
const HUMAN_TOUCH: ReadonlySet<Category> = new Set(['handoff', 'scheduling', 'consent']);

/** Where a rule's checks count on the scorecard: its RIMS dimension, H for the human-touch categories, else nowhere. */
export function scoreDimension(meta: Pick<RuleMeta, 'rims' | 'category'>): ScoreDimension | null {
  return meta.rims ?? (HUMAN_TOUCH.has(meta.category) ? 'H' : null);
}

/**
 * The wheel scorecard (docs/rims.md): per dimension, the share of the active rules' checks that pass.
 * Each finding fails one check; a dimension with no check is null. Rounded down, so 100 means all pass.
 * A rule switched off takes its checks and its findings out together, so the other figures stay as they were.
 */
export function scorecard(model: ProcessModel, active: readonly ActiveRule[], findings: readonly Finding[]): RimsScore {
  const checks: Record<ScoreDimension, number> = { R: 0, I: 0, M: 0, S: 0, H: 0 };
  const failed: Record<ScoreDimension, number> = { R: 0, I: 0, M: 0, S: 0, H: 0 };
  const found = new Map<string, number>();
  for (const f of findings) if (!f.internal) found.set(f.ruleId, (found.get(f.ruleId) ?? 0) + 1);
  for (const { rule, options } of active) {
    const dim = scoreDimension(rule.meta);
    if (dim === null || !rule.checks) continue;
    let count: unknown;
    try {
      count = rule.checks({ model, options });
    } catch {
      continue; // a plugin's count that fails leaves its dimension as the other rules score it
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) continue;
    // A rule that finds more than it counts fails every check it has, and no more.
    const failures = Math.min(found.get(rule.meta.id) ?? 0, count);
    checks[dim] += Math.max(count, failures);
    failed[dim] += failures;
  }
  const score = (d: ScoreDimension): number | null => (checks[d] === 0 ? null : Math.floor((100 * (checks[d] - failed[d])) / checks[d]));
  return { R: score('R'), I: score('I'), M: score('M'), S: score('S'), H: score('H') };
}
