import type { ValidateFunction } from 'ajv';
import { validate as generated } from '../generated/process-map-validator.js';
import { describeAjvErrors } from './describe-errors.js';
import type { SchemaIssue } from './issue.js';

/** The process-map schema, compiled ahead of time by scripts/generate.ts. */
const mapValidator = generated as unknown as ValidateFunction;

/** Validates parsed map data against the format's schema and words each breach for people. */
export function validateMap(data: unknown): SchemaIssue[] {
  if (mapValidator(data)) return [];
  if (data === null || data === undefined) {
    return [{ message: 'the file is empty: a process map needs `pmlint`, `process`, `actors` and `steps`', path: [], target: 'value' }];
  }
  return describeAjvErrors(mapValidator.errors ?? [], data);
}

