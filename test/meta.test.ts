import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { builtinRules } from '../rules/index.js';
import { resolveOptions } from '../src/config/options.js';
import { renderRuleDoc, renderRulesIndex } from '../scripts/docs.js';
import { renderRegistry, ruleIds } from '../scripts/registry.js';
import { renderValidator, VALIDATORS } from '../scripts/validators.js';

const ROOT = join(import.meta.dirname, '..');
const HINT = 'out of date: run `npm run generate` and commit the result';

describe('generated files', () => {
  it(`rules/index.ts lists every rule file (${HINT})`, () => {
    const ids = ruleIds(join(ROOT, 'rules'));
    expect(readFileSync(join(ROOT, 'rules', 'index.ts'), 'utf8')).toBe(renderRegistry(ids));
    expect(builtinRules.map((r) => r.meta.id).sort()).toEqual(ids);
  });

  it.each(builtinRules.map((r) => [r.meta.id, r] as const))(`docs/rules/%s.md matches the rule's meta and examples (${HINT})`, (id, rule) => {
    const page = join(ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(renderRuleDoc(rule, join(ROOT, 'examples', 'rules')));
  });

  it.each(VALIDATORS.map((v) => [v.module, v.schema] as const))(`src/generated/%s is compiled from schemas/%s (${HINT})`, (module, schema) => {
    expect(readFileSync(join(ROOT, 'src', 'generated', module), 'utf8')).toBe(renderValidator(ROOT, schema));
  });

  it(`docs/rules/README.md lists every rule (${HINT})`, () => {
    expect(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8')).toBe(renderRulesIndex(builtinRules));
  });

  it('has no docs page for a rule that does not exist', () => {
    const pages = readdirSync(join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.map((f) => f.slice(0, -3)).sort()).toEqual(builtinRules.map((r) => r.meta.id).sort());
  });
});

describe.each(builtinRules.map((r) => [r.meta.id, r] as const))('rule %s', (id, rule) => {
  it('is defined in the file named for its id, which opens with why it matters', () => {
    const source = readFileSync(join(ROOT, 'rules', `${id}.ts`), 'utf8');
    expect(source.startsWith('// ')).toBe(true);
    expect(source).toContain(`id: '${id}'`);
  });

  it('has option defaults that its own option schema accepts (they are filled in without ajv)', () => {
    const defaults = resolveOptions(rule, undefined);
    expect(defaults.ok).toBe(true);
    if (!rule.meta.schema) return;
    const validate = new Ajv2020({ strict: false }).compile(rule.meta.schema);
    expect(validate(defaults.ok ? defaults.options : null), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has complete meta', () => {
    const { meta } = rule;
    expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(['structure', 'handoff', 'consent', 'scheduling', 'rims', 'journey']).toContain(meta.category);
    expect(['error', 'warn']).toContain(meta.severity);
    expect(meta.description.length).toBeGreaterThan(20);
    expect(meta.rationale.length).toBeGreaterThan(80);
    expect(meta.docs).toBe(`docs/rules/${id}.md`);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    if (meta.category === 'rims') expect(meta.rims).not.toBeNull();
  });
});

describe('the customer-edge rules, as rules.md defines them', () => {
  // id: category, RIMS dimension, default severity (rules.md).
  const CATALOGUE: Record<string, [string, string | null, string]> = {
    'no-response-path': ['handoff', null, 'warn'],
    'no-response-reaches-person': ['handoff', null, 'error'],
    'bad-news-by-person': ['handoff', null, 'warn'],
    'customer-hears-outcome': ['handoff', null, 'warn'],
    'appointment-reminder': ['scheduling', null, 'warn'],
    'marketing-opt-out': ['consent', null, 'error'],
    'marketing-consent-checked': ['consent', null, 'warn'],
    'reminder-repeats-capped': ['consent', null, 'warn'],
    'metric-source-written': ['rims', 'M', 'warn'],
    'feedback-collected': ['rims', 'I', 'warn'],
  };
  it.each(Object.entries(CATALOGUE))('%s has its category, dimension and severity', (id, [category, rims, severity]) => {
    const rule = builtinRules.find((r) => r.meta.id === id);
    expect(rule?.meta).toMatchObject({ category, rims, severity });
    // Every handoff, scheduling and consent rule counts its checks for the H figure; the RIMS ones for theirs.
    expect(typeof rule?.checks).toBe('function');
  });

  it('every rule of the handoff, scheduling and consent categories counts its checks for H', () => {
    const tyre = builtinRules.filter((r) => ['handoff', 'scheduling', 'consent'].includes(r.meta.category));
    expect(tyre.filter((r) => !r.checks).map((r) => r.meta.id)).toEqual([]);
  });
});

describe('the pmlint:consent-eu preset', () => {
  it('is recommended with every consent rule at error', async () => {
    const { presetRules } = await import('../src/config/presets.js');
    const eu = presetRules('pmlint:consent-eu', builtinRules)!;
    const recommended = presetRules('pmlint:recommended', builtinRules)!;
    for (const rule of builtinRules) {
      const expected = rule.meta.category === 'consent' ? 'error' : recommended.get(rule.meta.id)!.severity;
      expect([rule.meta.id, eu.get(rule.meta.id)!.severity]).toEqual([rule.meta.id, expected]);
    }
    expect(eu.get('marketing-consent-checked')!.severity).toBe('error');
    expect(recommended.get('marketing-consent-checked')!.severity).toBe('warning');
  });
});
