import type { FlowGraph } from './graph.js';

export type { NodePath, Range, SourceLocator } from '../positions.js';
import type { NodePath, SourceLocator } from '../positions.js';

/** The vocabularies of the map format, each written once; the types and the sets derive from them (a test checks them against the schema's enums). */
export const ACTOR_TYPES = ['human', 'system', 'customer', 'partner'] as const;
export const SYSTEM_TYPES = ['calendar', 'crm', 'email', 'marketing-automation', 'accounting', 'analytics', 'erp', 'web', 'consent', 'survey', 'other'] as const;
export const STEP_TYPES = ['start', 'end', 'task', 'send', 'receive', 'schedule', 'meeting', 'decision', 'parallel', 'wait'] as const;
export const PHASES = ['awareness', 'consideration', 'purchase', 'onboarding', 'service', 'repurchase', 'lapse', 'winback'] as const;
export const PURPOSES = ['marketing', 'service', 'transactional', 'survey'] as const;

export type ActorType = (typeof ACTOR_TYPES)[number];
export type SystemType = (typeof SYSTEM_TYPES)[number];
export type StepType = (typeof STEP_TYPES)[number];
export type Phase = (typeof PHASES)[number];
export type Purpose = (typeof PURPOSES)[number];

/** A rate converted to instances per week (month = 52/12 weeks, quarter = 13, year = 52). */
export interface Rate {
  text: string;
  perWeek: number;
}

interface Located {
  /** Where the element is defined in the document. */
  path: NodePath;
}

export interface ProcessInfo extends Located {
  id: string;
  name: string;
  kind: 'process' | 'journey';
  owner?: string;
  description?: string;
  volume?: Rate;
}

export interface Actor extends Located {
  id: string;
  name: string;
  type: ActorType | undefined;
  reportsTo?: string;
  backup?: string;
  capacity?: Rate;
}

export interface System extends Located {
  id: string;
  name: string;
  type: SystemType | undefined;
  live: boolean;
  owner?: string;
}

export interface Offer extends Located {
  id: string;
  name: string;
  approvedBy?: string;
}

export interface Stage extends Located {
  id: string;
  name: string;
  phase?: Phase;
}

export interface Metric extends Located {
  id: string;
  name: string;
  measures?: string;
  target?: string;
  owner?: string;
  review?: string;
  source?: string;
}

export interface Flow extends Located {
  from: string;
  to: string;
  when?: string;
  share?: number;
  default: boolean;
  /** True when the flow comes from list order rather than an explicit `next`. */
  implicit: boolean;
  /** Whether the branch is good or bad news for the customer. */
  outcome?: 'positive' | 'negative';
  /** True for the flow of a `timeout` (format.md: taken when nothing arrives in time), not of `next`. */
  timeout?: boolean;
}

export interface Step extends Located {
  id: string;
  name: string;
  /** The type as written; undefined when missing or not a string. */
  type: StepType | undefined;
  actor?: string;
  automated: boolean;
  channel?: string;
  to: string[];
  with: string[];
  reads: string[];
  writes: string[];
  offers: string[];
  shares: string[];
  stage?: string;
  trigger?: string;
  description?: string;
  /** For a `send` to a customer: why it goes out (`marketing` by default when it has offers, else `service`). */
  purpose?: Purpose;
  /** For a `send`: it carries a way to object to further messages. */
  optOut: boolean;
  /** For `receive` and `wait`: whose message or action resumes the flow. */
  from: string[];
  /** For `receive` and `wait`: how long to wait before the timeout flow (`next` holds that flow too, marked `timeout`). */
  timeoutAfter?: string;
  /** For a step on a loop: the most times one instance performs it. */
  maxRepeats?: number;
  /** The flows out: `next`, then the `timeout` flow. */
  next: Flow[];
  /** Position in the `steps` list. */
  index: number;
  /** True when the step is a customer contact (format.md, derived notions). */
  customerContact: boolean;
  /** True for a human interaction: a meeting, or a non-automated send or task by a human actor that is a customer contact. */
  humanInteraction: boolean;
  /** The human actors this step notifies: a send with them in `to`. */
  notifies: ReadonlySet<string>;
}

/** A reference from one element to an id, kept for reference checks. */
export interface Reference {
  /** The kind of id expected. */
  kind: ReferenceKind;
  id: string;
  /** The field that holds it, as the format names it. */
  field: string;
  path: NodePath;
  /** The step that holds the reference, when a step does. */
  stepId?: string;
}

/** What a reference field expects: one kind of element, or (shareable, measurable) one of several. */
export type ReferenceKind = 'actor' | 'system' | 'offer' | 'stage' | 'step' | 'shareable' | 'measurable';

export type DefinitionKind = 'process' | 'actor' | 'system' | 'offer' | 'stage' | 'metric' | 'step';

/** An id defined more than once (ids share one namespace across the file). */
export interface DuplicateId {
  id: string;
  path: NodePath;
  first: NodePath;
}

export interface ProcessModel {
  file: string;
  process: ProcessInfo;
  actors: ReadonlyMap<string, Actor>;
  systems: ReadonlyMap<string, System>;
  offers: ReadonlyMap<string, Offer>;
  stages: readonly Stage[];
  metrics: ReadonlyMap<string, Metric>;
  /** Steps with a usable id, in list order; a duplicate keeps its first definition. */
  steps: readonly Step[];
  step(id: string): Step | undefined;
  /** The kind of element an id names, if any. */
  kindOf(id: string): DefinitionKind | undefined;
  references: readonly Reference[];
  duplicates: readonly DuplicateId[];
  graph: FlowGraph;
  source: SourceLocator;
}
