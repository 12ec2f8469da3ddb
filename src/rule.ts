import type { NodePath, ProcessModel, Step, StepType } from './model/types.js';
import type { SchemaIssue } from './schema/issue.js';
import type { Severity } from './findings.js';

export type RuleSeverity = 'error' | 'warn';
export type Category = 'structure' | 'handoff' | 'consent' | 'scheduling' | 'rims' | 'journey' | 'custom';
export type RimsDimension = 'R' | 'I' | 'M' | 'S';

/** A step to add, in the map format's own fields. */
export interface SuggestedStep {
  id?: string;
  name?: string;
  type: StepType;
  actor?: string;
  channel?: string;
  to?: string | string[];
  with?: string | string[];
  reads?: string | string[];
  writes?: string | string[];
  offers?: string | string[];
  shares?: string[];
  purpose?: 'marketing' | 'service' | 'transactional' | 'survey';
  from?: string | string[];
  timeout?: { after: string; next: string };
}

/** Fields a quick fix sets on a step the map has, in the format's own names. */
export interface SetFields {
  /** A new type: a join made a plain merge (`wait`), a merge made a `parallel` join. */
  type?: StepType;
  /** The message carries a way to object to more (`marketing-opt-out`). */
  'opt-out'?: boolean;
  /** A cap on how often one instance performs a step on a loop (`reminder-repeats-capped`). */
  'max-repeats'?: number;
}

/** A system to add to the map's `systems`, in the format's own fields. */
export interface SuggestedSystem {
  name: string;
  type: 'calendar' | 'crm' | 'consent' | 'survey' | 'other';
  live?: boolean;
  owner?: string;
}

/** Fields to add to a step the map already has (a booking that should also write the calendar), or its type to change (a quick fix). */
export interface SuggestedExtension {
  step: string;
  add: { to?: string[]; shares?: string[]; reads?: string[]; writes?: string[] };
  /** Fields to set on the step: a new type, `opt-out`, `max-repeats`. */
  set?: SetFields;
}

/** A missing activity: what to add and after which step. */
export interface Suggestion {
  title: string;
  after: string | null;
  /**
   * The step `after` flows to on the way that needs the new step: the new step goes on that flow
   * only (after a decision, on one branch). Absent: on every flow out of `after`.
   */
  branch?: string;
  step: SuggestedStep;
  /** Systems the step needs that the map lacks: added to `systems` with it. */
  systems?: Record<string, SuggestedSystem>;
  /** Instead of a new step: fields to add to a step the map has (`step` then says what it becomes). */
  extend?: SuggestedExtension;
  /**
   * Other steps whose flow to `branch` goes through the new step too (a `parallel` join put before
   * `branch`, where branches of a split met).
   */
  from?: string[];
  /**
   * A notification needed only when nothing else tells a person: the plan leaves it out when another
   * notification of the plan lies on the report's `path`, and at a place where another one already
   * tells people, does not add its own addressee (the plain hand-over to the process owner).
   */
  fallback?: boolean;
  /**
   * The new step goes on the timeout flow of `after` (a wait for the customer): in front of its
   * `timeout.next` when it has one (then `branch`), else `after` gets `timeout: { after: <this duration>,
   * next: <the new step> }` and the new step flows on to `branch`.
   */
  onTimeout?: string;
}

export interface RuleMeta {
  id: string;
  category: Category;
  rims: RimsDimension | null;
  /** Severity in the `recommended` preset. */
  severity: RuleSeverity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters to the customer or the business: the docs page's "Why". */
  rationale: string;
  /** Message templates keyed by messageId, with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options object; defaults are filled in before `check` runs. */
  schema?: Record<string, unknown>;
  /** The docs page, relative to the package or as a URL. */
  docs: string;
}

/**
 * A value for a message's placeholder. A list is a list of ids, shown as \`a\`, \`b\` and \`c\`;
 * on a converted model, what was inferred about each id (and the step) is added to the message.
 */
export type ReportValue = string | number | readonly string[];

export interface Report {
  messageId: string;
  data?: Record<string, ReportValue>;
  /** The step the finding is about; without `at`, the finding points at the step's id. */
  step?: Step;
  /** The id of the step the finding is about, when the rule has no Step at hand. */
  stepId?: string;
  /** A node of the map to point at instead (a field, a flow). */
  at?: NodePath;
  /** With `at`: point at the mapping key rather than its value. */
  target?: 'key' | 'value';
  /** The run that shows the finding, as step ids from the first step it involves to the step it is about (the way through the map that lacks the step). */
  path?: readonly string[];
  suggestion?: Suggestion;
}

export interface RuleContext<Options = Record<string, unknown>> {
  model: ProcessModel;
  options: Options;
  /** Breaches of the format found while reading the file (for `valid-schema`). */
  schemaIssues: readonly SchemaIssue[];
  report(report: Report): void;
}

/** What a rule may look at when counting its checks for the RIMS scorecard. */
export interface ScoreContext<Options = Record<string, unknown>> {
  model: ProcessModel;
  options: Options;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
  /**
   * For a rule with a RIMS dimension, or of the handoff, scheduling or consent category (the H figure):
   * how many things it checks in this map (see docs/rims.md).
   * Each finding is one check that fails; the scorecard is the share that pass.
   */
  checks?(context: ScoreContext<Options>): number;
}

/** Declares a rule; fills in the docs page from its id. The one import a rule needs. */
export function defineRule<Options = Record<string, unknown>>(
  rule: Omit<Rule<Options>, 'meta'> & { meta: Omit<RuleMeta, 'docs'> & { docs?: string } },
): Rule<Options> {
  return { ...rule, meta: { ...rule.meta, docs: rule.meta.docs ?? `docs/rules/${rule.meta.id}.md` } };
}

/** A rule switched on for a file, with its severity and its validated options. */
export interface ActiveRule {
  rule: Rule<any>;
  severity: Severity;
  options: Record<string, unknown>;
}
