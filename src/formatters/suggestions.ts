import type { FileResult, Finding, PlanInsert, PlanItem, ProcessOutline } from '../findings.js';

/**
 * The plan's new steps that a diagram can draw: each after a step of the outline (or at the start),
 * with the flows it sits on: from `after` to its branch, or to every step `after` flows to.
 */
export function drawnInserts(outline: ProcessOutline, plan: readonly PlanItem[]): { item: PlanInsert; targets: string[] }[] {
  const known = new Set(outline.steps.map((s) => s.id));
  return plan
    .filter((i): i is PlanInsert => i.kind === 'insert' && (i.after === null || known.has(i.after)))
    .map((item) => ({
      item,
      targets: item.after === null ? [] : item.branch !== undefined ? [item.branch] : outline.flows.filter((f) => f.from === item.after).map((f) => f.to),
    }));
}

/** The item of the file's plan that answers a finding, if any. */
export function planItemOf(file: FileResult, finding: Finding): PlanItem | undefined {
  return finding.planItem === undefined ? undefined : file.plan?.[finding.planItem];
}

/** The missing activity a finding asks for, as its message says it: the plan's item, else the rule's own suggestion. */
export function missingActivity(file: FileResult, finding: Finding): string | undefined {
  return planItemOf(file, finding)?.title ?? finding.suggestion?.title;
}

/**
 * The flows of the runs that structure findings show (a deadlock, a double run), as `from>to` keys: the
 * diagrams draw them emphasised, so the reader sees the way that goes wrong.
 */
export function runFlows(findings: readonly Finding[]): Set<string> {
  const flows = new Set<string>();
  for (const f of findings) {
    if (f.category !== 'structure' || !f.path) continue;
    for (let i = 1; i < f.path.length; i++) flows.add(`${f.path[i - 1]}>${f.path[i]}`);
  }
  return flows;
}

/** The steps of the map the plan extends (fields added, a type changed), for the diagrams to mark. */
export function extendedSteps(plan: readonly PlanItem[]): string[] {
  return plan.flatMap((item) => (item.kind === 'extend' ? [item.step] : []));
}
