import type { Finding, RimsScore } from '../findings.js';
import type { ProcessModel } from '../model/types.js';
import type { ActiveRule } from '../rule.js';

/**
 * The RIMS scorecard (docs/rims.md): per dimension, the share of the active rules' checks that pass.
 * Each finding fails one check; a dimension with no check is null. Rounded down, so 100 means all pass.
 */
export function scorecard(model: ProcessModel, active: readonly ActiveRule[], findings: readonly Finding[]): RimsScore {
  const checks = { R: 0, I: 0, M: 0, S: 0 };
  const failed = { R: 0, I: 0, M: 0, S: 0 };
  for (const { rule, options } of active) {
    const dim = rule.meta.rims;
    if (dim === null || !rule.checks) continue;
    let count: unknown;
    try {
      count = rule.checks({ model, options });
    } catch {
      continue; // a plugin's count that fails leaves its dimension as the other rules score it
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) continue;
    checks[dim] += count;
    failed[dim] += Math.min(count, findings.filter((f) => f.ruleId === rule.meta.id && !f.internal).length);
  }
  const score = (d: keyof typeof checks): number | null => (checks[d] === 0 ? null : Math.floor((100 * (checks[d] - failed[d])) / checks[d]));
  return { R: score('R'), I: score('I'), M: score('M'), S: score('S') };
}
