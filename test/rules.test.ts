import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { expectedMarks, fixtureOptions, unmatched } from './helpers/fixtures.js';
import { lintWith } from './helpers/lint.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples', 'rules');
const messagesUsed = new Map<string, Set<string>>();

describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const dir = join(EXAMPLES, id);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.bpmn')).sort() : [];
  // Fixtures must be valid maps, so valid-schema runs beside every rule; its own folder tests it alone.
  const ids = id === 'valid-schema' ? [id] : [id, 'valid-schema'];

  it('has good and bad examples, and a good one for each format it has a bad one in', () => {
    expect(files.some((f) => f.startsWith('good') && f.endsWith('.yaml'))).toBe(true);
    expect(files.some((f) => f.startsWith('bad') && f.endsWith('.yaml'))).toBe(true);
    if (files.some((f) => f.startsWith('bad') && f.endsWith('.bpmn'))) expect(files.some((f) => f.startsWith('good') && f.endsWith('.bpmn'))).toBe(true);
  });

  it.each(files)('%s yields exactly its # expect: markers', (file) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const result = lintWith(text, ids, { [id]: fixtureOptions(text) }, file);
    expect(result.fatal).toBeNull();
    const expected = file.startsWith('good') ? [] : expectedMarks(text);
    if (file.startsWith('bad')) expect(expected.length).toBeGreaterThan(0);
    expect(unmatched(expected, result.findings)).toEqual({ marks: [], findings: [] });
    // Every marker names its messageId, so a fixture says which of a rule's messages it shows.
    expect(expected.filter((m) => m.messageId === undefined)).toEqual([]);
    const used = messagesUsed.get(id) ?? new Set();
    for (const f of result.findings) if (f.ruleId === id) used.add(f.messageId);
    messagesUsed.set(id, used);
  });

  it('uses every one of its messages in its examples', () => {
    expect([...(messagesUsed.get(id) ?? [])].sort()).toEqual(Object.keys(rule.meta.messages).sort());
  });
});
