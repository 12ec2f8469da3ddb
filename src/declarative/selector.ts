import type { ProcessModel, Step } from '../model/types.js';

/** A selector over steps, as written in the configuration (see docs/custom-rules.md). */
export type Selector = Record<string, unknown>;

type Scalar = string | number | boolean;
const OPERATORS = new Set(['exists', 'includes', 'not', 'any-of']);
const REFERENCES: Record<string, 'actors' | 'systems' | 'offers' | 'stages'> = {
  actor: 'actors',
  to: 'actors',
  with: 'actors',
  reads: 'systems',
  writes: 'systems',
  offers: 'offers',
  stage: 'stages',
};

/** A step field as a list of values (a missing field is an empty list). */
export function fieldValues(step: Step, field: string): Scalar[] {
  const value = (step as unknown as Record<string, unknown>)[field];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as Scalar[]) : [value as Scalar];
}

/** `$field` is a field of the step the rule matched; anything else is itself. */
export function resolveRef(value: unknown, subject: Step | undefined): unknown {
  if (typeof value === 'string' && value.startsWith('$') && subject) {
    const values = fieldValues(subject, value.slice(1));
    return values.length === 1 && !Array.isArray((subject as unknown as Record<string, unknown>)[value.slice(1)]) ? values[0] : values;
  }
  if (Array.isArray(value)) return value.flatMap((v) => {
    const r = resolveRef(v, subject);
    return Array.isArray(r) ? r : [r];
  });
  return value;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function element(model: ProcessModel, kind: 'actors' | 'systems' | 'offers' | 'stages', id: string): Record<string, unknown> | undefined {
  const found = kind === 'stages' ? model.stages.find((s) => s.id === id) : model[kind].get(id);
  if (!found) return undefined;
  // The format's field names (reports-to, approved-by) over the model's camelCase ones.
  const out: Record<string, unknown> = { ...found };
  if ('reportsTo' in found) out['reports-to'] = found.reportsTo;
  if ('approvedBy' in found) out['approved-by'] = found.approvedBy;
  return out;
}

/** True when every property matches the element (an object from the map: actor, system, stage…). */
export function matchesProperties(target: Record<string, unknown> | undefined, properties: Record<string, unknown>): boolean {
  if (!target) return false;
  return Object.entries(properties).every(([key, want]) => target[key] === want || (want === false && target[key] === undefined));
}

function matchValue(model: ProcessModel, step: Step, field: string, matcher: unknown, subject: Step | undefined): boolean {
  const values = fieldValues(step, field);
  if (matcher === null || typeof matcher !== 'object' || Array.isArray(matcher)) {
    const want = asList(resolveRef(matcher, subject));
    return want.length > 0 && want.every((w) => values.includes(w as Scalar));
  }
  const object = matcher as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.every((k) => OPERATORS.has(k))) {
    return keys.every((op) => {
      const arg = object[op];
      if (op === 'exists') return (values.length > 0) === arg;
      if (op === 'includes') return asList(resolveRef(arg, subject)).every((w) => values.includes(w as Scalar));
      if (op === 'not') return !matchValue(model, step, field, arg, subject);
      return (arg as unknown[]).some((m) => matchValue(model, step, field, m, subject));
    });
  }
  const kind = REFERENCES[field];
  if (!kind) return false;
  const properties = Object.fromEntries(keys.map((k) => [k, resolveRef(object[k], subject)]));
  return values.some((id) => matchesProperties(element(model, kind, String(id)), properties));
}

/** True when `step` matches the selector; `$field` values come from `subject`, the step the rule is about. */
export function matchesStep(model: ProcessModel, step: Step, selector: Selector, subject?: Step): boolean {
  return Object.entries(selector).every(([key, matcher]) => {
    switch (key) {
      case 'not':
        return !matchesStep(model, step, matcher as Selector, subject);
      case 'any-of':
        return (matcher as Selector[]).some((s) => matchesStep(model, step, s, subject));
      case 'customer-contact':
        return step.customerContact === matcher;
      case 'human-interaction':
        return step.humanInteraction === matcher;
      case 'human-notification':
        return step.notifies.size > 0 === matcher;
      default:
        return matchValue(model, step, key, matcher, subject);
    }
  });
}
