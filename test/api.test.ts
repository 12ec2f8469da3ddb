import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/config/options.js';
import * as pmlint from '../src/index.js';
import { CLEAN_MAP, ERROR_MAP, pmlint as run, project, ROOT } from './helpers/cli.js';

describe('the programmatic API', () => {
  it('exports lintFiles, lintText, loadConfig, formatters and the rule helpers', () => {
    for (const name of ['lintFiles', 'lintText', 'loadConfig', 'defineRule', 'definePlugin', 'summarize']) expect(typeof (pmlint as Record<string, unknown>)[name]).toBe('function');
    expect(Object.keys(pmlint.formatters).sort()).toEqual(['github', 'json', 'junit', 'markdown', 'sarif', 'stylish']);
  });

  it('lintFiles returns what the CLI prints', async () => {
    const result = await pmlint.lintFiles(['examples/dealership-lease-renewal.yaml'], { cwd: ROOT });
    const cli = run(['check', 'examples/dealership-lease-renewal.yaml', '-f', 'json']);
    const rules = new Map(pmlint.builtinRules.map((r) => [r.meta.id, r.meta]));
    expect(pmlint.formatters['json']!(result, { color: false, rules })).toBe(cli.stdout);
    expect(result.errorCount).toBe(12);
  });

  it('lintText lints a string with a config, overrides and severities', async () => {
    const dir = project({ 'pmlint.config.yaml': 'overrides:\n  - files: [legacy/**]\n    rules: { no-unreachable: off }\n' });
    const config = await pmlint.loadConfig({ cwd: dir });
    const current = await pmlint.lintText(ERROR_MAP, { cwd: dir, config, filePath: 'maps/x.yaml' });
    expect(current.file).toBe('maps/x.yaml');
    expect(current.findings.map((f) => f.ruleId)).toEqual(['no-unreachable']);
    expect((await pmlint.lintText(ERROR_MAP, { cwd: dir, config, filePath: 'legacy/x.yaml' })).findings).toEqual([]);
    expect((await pmlint.lintText(ERROR_MAP, { cwd: dir, config, rules: { 'no-unreachable': 'warn' } })).findings[0]!.severity).toBe('warning');
    expect((await pmlint.lintText('pmlint: 1\nprocess: [\n', { cwd: dir })).fatal?.line).toBe(3);
  });

  it('lintFiles keeps only errors with `quiet`, and counts the warnings it leaves out', async () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    const rules = { 'no-unreachable': 'warn', 'process-owner': 'error' } as const;
    const full = await pmlint.lintFiles(['m.yaml'], { cwd: dir, rules });
    const quiet = await pmlint.lintFiles(['m.yaml'], { cwd: dir, rules, quiet: true });
    expect(full.files[0]!.findings.map((f) => f.severity)).toContain('warning');
    expect(quiet.files[0]!.findings.map((f) => [f.ruleId, f.severity])).toEqual(full.files[0]!.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.severity]));
    expect([quiet.errorCount, quiet.warningCount, quiet.quietedCount]).toEqual([full.errorCount, 0, full.warningCount]);
  });

  it('lintFiles writes and applies a baseline, says what it wrote and what can be pruned, and rejects one it cannot read', async () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'bad.json': '{"version": 2}' });
    const written = await pmlint.lintFiles(['m.yaml'], { cwd: dir, baseline: { file: 'base.json', update: true } });
    expect(written.baseline).toEqual({ file: 'base.json', written: 1, prunable: [] });
    expect([written.errorCount, written.baselinedCount]).toEqual([0, 1]);
    const fixed = await pmlint.lintFiles(['m.yaml'], { cwd: dir, baseline: { file: 'base.json' }, rules: { 'no-unreachable': 'off' } });
    expect(fixed.baseline).toEqual({ file: 'base.json', prunable: [{ file: 'm.yaml', ruleId: 'no-unreachable', stepId: 'call-back', count: 1 }] });
    await expect(pmlint.lintFiles(['m.yaml'], { cwd: dir, baseline: { file: 'bad.json' } })).rejects.toThrow(pmlint.BaselineError);
    await expect(pmlint.lintFiles(['m.yaml'], { cwd: dir, baseline: { file: 'nowhere.json' } })).rejects.toMatchObject({ file: 'nowhere.json', reason: 'ENOENT (no such file or folder)' });
  });

  it('convertFile converts a BPMN model and says why it cannot convert a YAML map', async () => {
    const converted = await pmlint.convertFile('test/fixtures/bpmn/lease-renewal.bpmn', { cwd: ROOT });
    expect(converted.ok && converted.yaml.includes('\n# Converted from test/fixtures/bpmn/lease-renewal.bpmn by pmlint convert.')).toBe(true);
    expect(await pmlint.convertFile('examples/dealership-lease-renewal.yaml', { cwd: ROOT })).toEqual({ ok: false, message: 'already a pmlint map; convert reads BPMN models (.bpmn, .bpmn2, .bpmn20.xml)' });
  });

  it('loadConfig throws a ConfigError naming file, line and column', async () => {
    const dir = project({ 'pmlint.config.yaml': 'rules:\n  no-such-rule: error\n' });
    await expect(pmlint.loadConfig({ cwd: dir })).rejects.toThrow(pmlint.ConfigError);
    await expect(pmlint.loadConfig({ cwd: dir })).rejects.toMatchObject({ file: 'pmlint.config.yaml', line: 2, column: 3 });
  });

  it('runs a plugin written in TypeScript, typed by the package\'s own exports, like a built-in rule', async () => {
    const { default: typed } = await import('./fixtures/typed-plugin.js');
    const rule = typed.rules['short-process']!;
    const defaults = resolveOptions(rule, undefined);
    expect(defaults).toEqual({ ok: true, options: { 'max-steps': 50 } });
    const result = pmlint.lintSource(CLEAN_MAP, 'x.yaml', [{ rule, severity: 'warning', options: { 'max-steps': 2 } }]);
    expect(result.findings.map((f) => [f.line, f.ruleId, f.severity, f.message])).toEqual([[2, 'short-process', 'warning', 'the process has 3 steps, more than 2']]);
    expect(result.rims.S).toBe(0);
  });
});

describe('pmlint rules and pmlint init', () => {
  it('pmlint rules lists every rule with its severity in the current config, plugins and declared rules too', () => {
    const dir = project({
      'pmlint.config.yaml': `plugins: [${join(ROOT, 'examples', 'plugins', 'acme', 'index.js')}]\nrules:\n  end-required: error\n  acme/short-automation: warn\n  firm/has-end:\n    for: process\n    require: { has: { step: { type: end } } }\n`,
    });
    const json = JSON.parse(run(['rules', '-f', 'json'], { cwd: dir }).stdout) as { rules: { id: string; severity: string; category: string; rims: string | null }[] };
    const byId = new Map(json.rules.map((r) => [r.id, r]));
    expect(byId.get('end-required')).toMatchObject({ severity: 'error', category: 'structure', rims: null });
    expect(byId.get('capacity-exceeded')).toMatchObject({ severity: 'warn', rims: 'S' });
    expect(byId.get('acme/short-automation')).toMatchObject({ severity: 'warn', category: 'custom' });
    expect(byId.get('acme/manager-approves-offers')).toMatchObject({ severity: 'off' });
    expect(byId.get('firm/has-end')).toMatchObject({ severity: 'error', category: 'custom' });
    expect(run(['rules', '-f', 'markdown'], { cwd: dir }).stdout).toContain('| [`firm/has-end`](https://unpkg.com/pmlint/docs/custom-rules.md) | custom | — | error |');
    expect(run(['rules'], { cwd: dir }).stdout).toMatch(/^absence-coverage +scheduling +- +warn +A person who meets customers/m);
  });

  it('pmlint init writes a config and a clean map, and refuses to overwrite without --force', () => {
    const dir = project({});
    expect(run(['init'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'wrote pmlint.config.yaml\nwrote process-map.yaml\nnext: npx pmlint check process-map.yaml\n' });
    expect(run(['check', 'process-map.yaml', '-f', 'json'], { cwd: dir })).toMatchObject({ code: 0 });
    expect(run(['init'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'pmlint: pmlint.config.yaml and process-map.yaml already exist; nothing written (--force overwrites)\n' });
    expect(run(['init', '--force'], { cwd: dir }).code).toBe(0);
    const partial = project({ 'process-map.yaml': CLEAN_MAP });
    expect(run(['init'], { cwd: partial }).stderr).toBe('pmlint: process-map.yaml already exists; nothing written (--force overwrites)\n');
  });
});
