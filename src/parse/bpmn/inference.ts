import type { NodePath } from '../../positions.js';

/**
 * What pmlint concluded about a BPMN element that the model does not say in so many words:
 * - `actor-type`: a pool's, lane's or process's actor type, from its name;
 * - `actor-added`: an actor the model lacks and pmlint adds (the customer messages go to);
 * - `performer`: a task's actor, from its performer or assignee;
 * - `system-type`: a data store's system type, from its name;
 * - `step-type`: a step's type, from the element, its label or its connector;
 * - `recipient`: who a message is sent to;
 * - `not-contact`: a message that goes to the company's own people;
 * - `pass-through`: an element that is no step of its own (a flattened sub-process, a merge);
 * - `event-start`: the start event of an event sub-process, which begins on its own;
 * - `implicit-start`: a start step for a process without a start event (BPMN starts every element no flow enters);
 * - `implicit-end`: an end step where a path stops without an end event (an implicit end);
 * - `work-item`: a hand-over added where a user task follows an automated contact with the customer.
 */
export type InferenceKind = 'actor-type' | 'actor-added' | 'performer' | 'system-type' | 'step-type' | 'recipient' | 'not-contact' | 'pass-through' | 'event-start' | 'implicit-start' | 'implicit-end' | 'work-item';

export interface Inference {
  /** The node of the converted map the inference is about. */
  path: NodePath;
  kind: InferenceKind;
  /** What was concluded: a type (`send`, `customer`, `calendar`), a recipient, a performer's name. */
  conclusion: string;
  /** What in the model it was concluded from, for people. */
  because: string;
  /**
   * Whether a finding that rests on it says so. The readings pmlint falls back on when the model
   * says nothing (a person, a pass-through step) carry no evidence.
   */
  evidence: boolean;
}

/** The inference in one line, as `convert` comments it and findings cite it. */
export function describeInference({ kind, conclusion, because }: Inference): string {
  switch (kind) {
    case 'system-type':
      return `${conclusion} inferred from ${because}`;
    case 'performer':
      return because === '' ? conclusion : `${conclusion}: ${because}`;
    default:
      return `${conclusion}: ${because}`;
  }
}
