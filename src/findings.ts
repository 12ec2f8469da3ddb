import type { Category, RimsDimension, SetFields, SuggestedStep, SuggestedSystem, Suggestion } from './rule.js';
import type { Fatal } from './parse/types.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category | null;
  rims: RimsDimension | null;
  message: string;
  /** The rule's message key; not part of the JSON output. */
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  stepId: string | null;
  /** The run that shows the finding (cli.md's `path`), as step ids; absent when the rule gives none. */
  path?: string[];
  /** The index in its file's plan of the item that answers it; not part of the JSON output. */
  planItem?: number;
  suggestion?: Suggestion;
  /** True when a rule threw rather than found something (exit code 2). */
  internal?: boolean;
}

/** The wheel: the hub R I M S, and H (human touch), the share of the handoff, scheduling and consent checks that pass. */
export type ScoreDimension = RimsDimension | 'H';
export type RimsScore = Record<ScoreDimension, number | null>;

/** A plain-data outline of the process for diagrams and reports, so formatters never need the model. */
export interface ProcessOutline {
  id: string;
  name: string;
  kind: 'process' | 'journey';
  actors: { id: string; name: string; type: string | undefined }[];
  steps: {
    id: string;
    name: string;
    type: string | undefined;
    actor: string | undefined;
    automated: boolean;
    customerContact: boolean;
    /** Where the step's id is written (for the run a finding shows, e.g. SARIF's code flow). */
    line?: number;
    column?: number;
    endLine?: number;
    endColumn?: number;
  }[];
  flows: { from: string; to: string; label?: string }[];
}

// The plan of missing activities (src/plan/build.ts makes it): what `pmlint fix` applies.

/** A new step of the plan: inserted after a step (its flows pass through the new step). */
export interface PlanInsert {
  kind: 'insert';
  title: string;
  /** The step it follows; null: before the first step. */
  after: string | null;
  /** The step `after` flows to on the way that needs it: the new step goes on that flow only. Absent: on all of them. */
  branch?: string;
  step: SuggestedStep & { id: string };
  /** Other steps whose flow to `branch` now goes through the new step too (a join before `branch`). */
  from?: string[];
  /** The new step goes on `after`'s timeout flow; `after` gets a timeout of this duration if it has none (see Suggestion). */
  onTimeout?: string;
  /** Fields filled with the plan's best reading, which the map does not settle (`fix` marks them `# pmlint: check this`). */
  unsure?: string[];
  /** The rules whose findings it answers. */
  ruleIds: string[];
}

/** Fields to add to a step the map already has: a notification that reaches only some of the people, or shares only some items. */
export interface PlanExtend {
  kind: 'extend';
  title: string;
  /** The existing step. */
  step: string;
  add: { to?: string[]; shares?: string[]; reads?: string[]; writes?: string[] };
  /** Fields set on the step: a new type (a join made a plain merge, a merge made a join), `opt-out`, `max-repeats`. */
  set?: SetFields;
  ruleIds: string[];
}

/** A system the plan's steps need that the map lacks (the booked person's live calendar). */
export interface PlanSystem {
  kind: 'system';
  title: string;
  id: string;
  system: SuggestedSystem;
  ruleIds: string[];
}

export type PlanItem = PlanSystem | PlanInsert | PlanExtend;

export interface FileResult {
  /** The path as shown to the user: relative to the working directory, with forward slashes. */
  file: string;
  findings: Finding[];
  /** Findings silenced by `# pmlint-disable` directives: counted, never lost. */
  suppressed?: Finding[];
  rims: RimsScore;
  fatal: Fatal | null;
  /** The process itself, for diagrams and reports; absent when the file could not be read. Not in the JSON output. */
  outline?: ProcessOutline;
  /** The findings' suggestions as one plan: merged, and extending the map's own notifications where it can. */
  plan?: PlanItem[];
}

/** A baselined finding that no longer occurs: the baseline can be pruned. */
export interface Prunable {
  /** The file, relative to the working directory. */
  file: string;
  ruleId: string;
  stepId: string;
  count: number;
}

export interface BaselineReport {
  /** The baseline file, relative to the working directory. */
  file: string;
  /** Findings written to it, when the run updated it. */
  written?: number;
  prunable: Prunable[];
}

export interface LintResult {
  files: FileResult[];
  errorCount: number;
  warningCount: number;
  suppressedCount: number;
  /** Findings hidden because the `--baseline` file holds them. */
  baselinedCount?: number;
  /** Warnings left out of `files` by `quiet` (`--quiet`): `--max-warnings` counts them. */
  quietedCount?: number;
  /** What the baseline did: the file it wrote, and the findings it holds that no longer occur. */
  baseline?: BaselineReport;
  /** True when pmlint could not do its whole job (a fatal or a rule that threw). */
  incomplete: boolean;
}

export function summarize(files: FileResult[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let incomplete = false;
  let suppressedCount = 0;
  for (const file of files) {
    if (file.fatal) incomplete = true;
    suppressedCount += file.suppressed?.length ?? 0;
    for (const f of file.findings) {
      if (f.severity === 'error') errorCount++;
      else warningCount++;
      if (f.internal) incomplete = true;
    }
  }
  return { files, errorCount, warningCount, suppressedCount, incomplete };
}
