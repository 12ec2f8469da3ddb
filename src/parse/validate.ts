import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { packageRoot } from '../paths.js';
import { describeAjvErrors } from '../util/ajv-errors.js';
import type { SchemaIssue } from './types.js';

let validator: ValidateFunction | undefined;

/** The process-map JSON Schema, compiled once on first use. */
function mapValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'process-map.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strictTypes: false });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Validates parsed map data against the format's schema and words each breach for people. */
export function validateMap(data: unknown): SchemaIssue[] {
  const validate = mapValidator();
  if (validate(data)) return [];
  if (data === null || data === undefined) {
    return [{ message: 'the file is empty: a process map needs `pmlint`, `process`, `actors` and `steps`', path: [], target: 'value' }];
  }
  return describeAjvErrors(validate.errors ?? [], data);
}

