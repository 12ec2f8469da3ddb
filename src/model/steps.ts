import type { StepType } from './types.js';

/** Step types that need an `actor` (format.md): all but events and gateways. */
export const NEEDS_ACTOR: ReadonlySet<StepType> = new Set(['task', 'send', 'receive', 'schedule', 'meeting']);
