/** A step's fields in the order docs/format.md lists them; others (`x-` fields) after them. */
const STEP_FIELD_ORDER = [
  'id', 'name', 'type', 'actor', 'automated', 'channel', 'to', 'with', 'reads', 'writes', 'offers', 'shares', 'stage', 'trigger',
  'purpose', 'opt-out', 'from', 'timeout', 'max-repeats', 'next',
];

/** The step with its fields in the format's order, for writing a step a person will read. */
export function inFieldOrder<T>(step: Record<string, T>): Record<string, T> {
  const rank = (k: string): number => (STEP_FIELD_ORDER.includes(k) ? STEP_FIELD_ORDER.indexOf(k) : STEP_FIELD_ORDER.length);
  return Object.fromEntries(Object.entries(step).sort(([a], [b]) => rank(a) - rank(b)));
}
