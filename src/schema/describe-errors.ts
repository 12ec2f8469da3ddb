import type { ErrorObject } from 'ajv';
import type { NodePath } from '../positions.js';
import { patternDefs } from '../generated/process-map-validator.js';
import type { SchemaIssue } from './issue.js';
import { code, kindOfValue, listOf } from '../util/describe.js';
import { didYouMean } from '../util/did-you-mean.js';


const SHAPE_KEYWORDS = new Set(['type', 'const', 'enum', 'anyOf']);

/**
 * Turns ajv's errors into one message per breach, written for people and tied to a path in the data.
 * A failed `anyOf` is one message built from the schema's description, unless the value is an object
 * or a list that failed inside the branch of its own shape: then those precise errors are reported
 * (an unknown field in a rule body, not "must be a severity or a rule"). Unknown fields come first,
 * so a misspelt required field reads as the typo it is.
 */
export function describeAjvErrors(errors: readonly ErrorObject[], data: unknown, root = 'the map'): SchemaIssue[] {
  const inside = (error: ErrorObject, p: string): boolean => error.instancePath === p || error.instancePath.startsWith(`${p}/`);
  const precise = (p: string): boolean => errors.some((e) => inside(e, p) && !SHAPE_KEYWORDS.has(e.keyword));
  const structured = (p: string): boolean => {
    const value = instanceAt(data, toPath(p, data));
    return typeof value === 'object' && value !== null && precise(p);
  };
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = errors.filter((error) => {
    if (error.keyword === 'anyOf') return !structured(error.instancePath);
    const owner = anyOfs.filter((p) => inside(error, p));
    if (owner.length === 0) return true;
    return owner.every((p) => structured(p)) && !SHAPE_KEYWORDS.has(error.keyword);
  });
  const rank = (e: ErrorObject): number => (e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 2 : 1);
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of [...kept].sort((a, b) => rank(a) - rank(b))) {
    const issue = describeError(error, data, root);
    if (!issue) continue;
    const key = JSON.stringify([issue.path, issue.target, issue.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toPath(instancePath: string, data: unknown): NodePath {
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = (node as Record<string, unknown> | undefined)?.[segment];
    }
  }
  return path;
}

function instanceAt(data: unknown, path: NodePath): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

function fieldName(path: NodePath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'this';
}

function describeError(error: ErrorObject, data: unknown, root: string): SchemaIssue | undefined {
  const path = toPath(error.instancePath, data);
  const field = path.length === 0 ? root : code(fieldName(path));
  const value: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        message: `${path.length === 0 ? root : describeOwner(path)} is missing the required field ${code(params['missingProperty'])}`,
        path,
        target: 'value',
      };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const owner = value as Record<string, unknown> | null;
      if (owner !== null && typeof owner === 'object' && owner[name] === null) {
        // `{ name: Sales, Service calendar }`: YAML ends a value at a comma, so the rest became a field with no value.
        const before = Object.keys(owner)[Object.keys(owner).indexOf(name) - 1];
        const previous = before === undefined ? undefined : owner[before];
        const quoted = typeof previous === 'string' ? `: write ${code(`${before}: "${previous}, ${name}"`)} if the comma belongs to the value` : '';
        return {
          message: `YAML read ${code(name)} as a field with no value (in \`{ … }\` a comma ends a value)${quoted}; otherwise it is an unknown field`,
          path: [...path, name],
          target: 'key',
        };
      }
      const guess = didYouMean(name, known);
      const hint = guess ? `; did you mean ${code(guess)}?` : `; known fields: ${listOf(known.map((k) => code(k)))} (and your own \`x-\` fields)`;
      return { message: `unknown field ${code(name)}${hint}`, path: [...path, name], target: 'key' };
    }
    case 'enum':
      return {
        message: `${field} must be one of ${listOf((params['allowedValues'] as unknown[]).map(String))}; got ${typeof value === 'string' ? code(value) : kindOfValue(value)}`,
        path,
        target: 'value',
      };
    case 'const':
      return { message: `${field} must be ${code(params['allowedValue'])}; got ${kindOfValue(value)}`, path, target: 'value' };
    case 'type':
      return { message: `${field} must be ${describeTypes(params['type'])}; got ${kindOfValue(value)}`, path, target: 'value' };
    case 'pattern':
      // Under propertyNames ajv reports the key's pattern at the owning object; the propertyNames error says it better.
      if (typeof value !== 'string' || typeof instanceAt(data, path) !== 'string') return undefined;
      return { message: describePattern(field, value, String(params['pattern'])), path, target: 'value' };
    case 'propertyNames':
      return {
        message: `${code(params['propertyName'])} is not a valid id: ids are lowercase letters and digits in words joined by hyphens, like \`send-offer\``,
        path: [...path, String(params['propertyName'])],
        target: 'key',
      };
    case 'minItems':
      return { message: `${field} must list at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`, path, target: 'value' };
    case 'minProperties':
      return { message: `${field} must define at least ${String(params['limit'])} entr${params['limit'] === 1 ? 'y' : 'ies'}`, path, target: 'value' };
    case 'minimum':
      return { message: `${field} must be at least ${String(params['limit'])}; got ${kindOfValue(value)}`, path, target: 'value' };
    case 'maximum':
      return { message: `${field} must be at most ${String(params['limit'])}; got ${kindOfValue(value)}`, path, target: 'value' };
    case 'anyOf': {
      const expected = (error.parentSchema as { description?: string } | undefined)?.description ?? 'one of the allowed forms';
      return { message: `${field} must be ${expected}; got ${kindOfValue(value)}`, path, target: 'value' };
    }
    case 'maxItems':
    case 'items':
      return { message: `${field} has too many items`, path, target: 'value' };
    default:
      return { message: `${field} ${error.message ?? 'is invalid'}`, path, target: 'value' };
  }
}

function describeOwner(path: NodePath): string {
  const [section, key] = path;
  const singular: Record<string, string> = { steps: 'step', stages: 'stage', actors: 'actor', systems: 'system', offers: 'offer', metrics: 'metric' };
  if (path.length === 1) return code(section);
  if (typeof section === 'string' && singular[section] && path.length === 2) {
    return typeof key === 'number' ? `${singular[section]} #${key + 1}` : `${singular[section]} ${code(key)}`;
  }
  return `this ${fieldName(path)} entry`;
}

function describeTypes(type: unknown): string {
  const names: Record<string, string> = { string: 'a text', array: 'a list', object: 'a mapping', number: 'a number', boolean: 'true or false', integer: 'a whole number' };
  const types = Array.isArray(type) ? type : [type];
  return listOf(types.map((t) => names[String(t)] ?? String(t)));
}

/** What a value of each patterned definition of the map schema looks like, by the definition's name. */
const PATTERN_WORDING: Record<string, (field: string, value: string) => string> = {
  id: (_field, value) => `${code(value)} is not a valid id: ids are lowercase letters and digits in words joined by hyphens, like \`send-offer\``,
  rate: (field, value) => `${field} must be a rate like \`30/week\` (a number, a slash, and day, week, month, quarter or year); got ${code(value)}`,
};

function describePattern(field: string, value: string, pattern: string): string {
  const def = Object.hasOwn(patternDefs, pattern) ? patternDefs[pattern] : undefined;
  const wording = def !== undefined && Object.hasOwn(PATTERN_WORDING, def) ? PATTERN_WORDING[def] : undefined;
  return wording ? wording(field, value) : `${field} does not match the expected form; got ${code(value)}`;
}
