import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describeAjvErrors } from '../util/ajv-errors.js';
import type { SchemaIssue } from '../parse/types.js';
import type { Rule } from '../rule.js';

const ajv = new Ajv2020({ allErrors: true, verbose: true, useDefaults: true, strictTypes: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(rule: Rule<any>): ValidateFunction {
  let validate = compiled.get(rule);
  if (!validate) {
    validate = ajv.compile(rule.meta.schema ?? { type: 'object', additionalProperties: false });
    compiled.set(rule, validate);
  }
  return validate;
}

/**
 * Validates a rule's options against its schema and fills in the schema's defaults.
 * Returns the completed options, or the breaches worded for people.
 */
export function resolveOptions(
  rule: Rule<any>,
  options: Record<string, unknown> | undefined,
): { ok: true; options: Record<string, unknown> } | { ok: false; issues: SchemaIssue[] } {
  const value = structuredClone(options ?? {});
  const validate = validatorFor(rule);
  if (validate(value)) return { ok: true, options: value };
  return { ok: false, issues: describeAjvErrors(validate.errors ?? [], value) };
}
