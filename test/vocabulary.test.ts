import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTOR_TYPES, PHASES, STEP_TYPES, SYSTEM_TYPES } from '../src/model/types.js';
import { ROOT } from './helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'process-map.schema.json'), 'utf8')) as {
  $defs: Record<string, { properties: Record<string, { enum?: string[] }> }>;
};
const enumOf = (def: string, property: string): string[] | undefined => schema.$defs[def]?.properties[property]?.enum;

describe('the vocabularies are written once, as the schema has them', () => {
  it.each([
    ['step types', STEP_TYPES, 'step', 'type'],
    ['actor types', ACTOR_TYPES, 'actor', 'type'],
    ['system types', SYSTEM_TYPES, 'system', 'type'],
    ['journey phases', PHASES, 'stage', 'phase'],
  ] as const)('%s', (_what, words, def, property) => {
    expect([...words]).toEqual(enumOf(def, property));
  });
});
