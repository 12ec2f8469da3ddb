import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lintPaths } from '../src/engine/lint.js';
import { CLEAN_MAP, configError, pmlint, project, ROOT } from './helpers/cli.js';

const ACME = join(ROOT, 'examples', 'plugins', 'acme', 'index.js');
const OFFER_MAP = CLEAN_MAP.replace('systems:', 'offers: { discount: { name: Ten percent } }\nsystems:').replace('reads: crm, writes: [crm, nps] }', 'reads: crm, writes: [crm, nps], offers: discount }');

async function lint(files: Record<string, string>, paths = ['.']) {
  const dir = project(files);
  const config = await loadConfig({ cwd: dir });
  return lintPaths(paths, { cwd: dir, config, parallel: false });
}


describe('plugins', () => {
  it('loads a plugin by path, names its rules <plugin>/<rule>, and runs them like built-in rules', async () => {
    const result = await lint({ 'pmlint.config.yaml': `plugins: [${ACME}]\nrules:\n  acme/manager-approves-offers: error\n`, 'm.yaml': OFFER_MAP });
    expect(result.files[0]!.findings.map((f) => [f.line, f.ruleId, f.severity, f.message])).toEqual([
      [9, 'acme/manager-approves-offers', 'error', 'the offer `discount` is made in `call-back` but nobody approved it: set `approved-by` to a manager'],
    ]);
  });

  it('extends a plugin preset, and validates plugin rule options against the rule\'s schema', async () => {
    const files = { 'pmlint.config.yaml': `plugins: [${ACME}]\nextends: [pmlint:recommended, plugin:acme/recommended]\n`, 'm.yaml': OFFER_MAP };
    expect((await lint(files)).files[0]!.findings.map((f) => f.ruleId)).toEqual(['acme/manager-approves-offers']);
    const bad = `plugins: [${ACME}]\nrules:\n  acme/short-automation: [warn, { max-steps: 0 }]\n`;
    expect(await configError({ 'pmlint.config.yaml': bad })).toBe('pmlint.config.yaml:3:46: options of `acme/short-automation`: `max-steps` must be at least 1; got the number 0');
  });

  it('resolves a package name from the config file\'s folder', async () => {
    const plugin = 'export default { name: "firm", rules: { "always": { meta: { id: "always", messages: { m: "found {{step}}" } }, check({ model, report }) { report({ messageId: "m", data: { step: model.steps[0].id }, step: model.steps[0] }); } } } };\n';
    const result = await lint({
      'node_modules/pmlint-plugin-firm/package.json': '{ "name": "pmlint-plugin-firm", "type": "module", "exports": { ".": { "import": "./index.js" } } }',
      'node_modules/pmlint-plugin-firm/index.js': plugin,
      'node_modules/@acme/pmlint-plugin/package.json': '{ "name": "@acme/pmlint-plugin", "type": "module", "main": "main.js" }',
      'node_modules/@acme/pmlint-plugin/main.js': plugin.replace('"firm"', '"acme-scoped"'),
      'pmlint.config.yaml': 'plugins: [pmlint-plugin-firm, "@acme/pmlint-plugin"]\nrules:\n  firm/always: warn\n  acme-scoped/always: error\n',
      'm.yaml': CLEAN_MAP,
    }, ['m.yaml']);
    expect(result.files[0]!.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['acme-scoped/always', 'error', 'found asked'],
      ['firm/always', 'warning', 'found asked'],
    ]);
  });

  it.each([
    ['plugins: [./missing.js]\n', /^pmlint.config.yaml:1:11: plugin `.\/missing.js`: cannot load it: Cannot find module/],
    ['plugins: [./broken.js]\n', /^pmlint.config.yaml:1:11: plugin `.\/broken.js`: cannot load it: /],
    ['plugins: [./nameless.js]\n', /^pmlint.config.yaml:1:11: plugin `.\/nameless.js`: it must export a `name`/],
    ['plugins: [./bad-rule.js]\n', /^pmlint.config.yaml:1:11: plugin `.\/bad-rule.js`: its rule `oops` is not a rule: it needs `meta` and a `check\(context\)` function$/],
    ['plugins: [pmlint-plugin-nowhere]\n', /^pmlint.config.yaml:1:11: plugin `pmlint-plugin-nowhere`: cannot find the package `pmlint-plugin-nowhere`/],
    ['extends: [plugin:acme/recommended]\n', /^pmlint.config.yaml:1:11: unknown preset `plugin:acme\/recommended`: load its plugin first, under `plugins`$/],
  ])('a plugin that cannot be used is a config error naming it: %j', async (config, message) => {
    const error = await configError({
      'pmlint.config.yaml': config,
      'broken.js': 'export default {{{',
      'nameless.js': 'export default { rules: {} };',
      'bad-rule.js': 'export default { name: "bad", rules: { oops: { meta: {} } } };',
    });
    expect(error).toMatch(message);
  });

  it('reports a plugin rule that throws as an internal error; the other rules still run; exit 2', () => {
    const dir = project({
      'thrower.js': 'export default { name: "boom", rules: { "always": { meta: { messages: {} }, check() { throw new Error("kaboom"); } } } };',
      'pmlint.config.yaml': 'plugins: [./thrower.js]\nrules:\n  boom/always: error\n  end-required: error\n',
      'm.yaml': CLEAN_MAP.replace('  - { id: done, type: end }\n', ''),
    });
    const run = pmlint(['check', 'm.yaml', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files[0]!.findings;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['boom/always', 'end-required']);
    expect(findings.find((f) => f.ruleId === 'boom/always')!.message).toBe('internal error: rule `boom/always` failed on m.yaml: kaboom');
  });

  it('gives a plugin rule the flow as a graphlib Graph, for graphlib\'s algorithms', () => {
    const dir = project({
      'loops.js': `import { alg } from '${pathToFileURL(join(ROOT, 'node_modules', '@dagrejs', 'graphlib', 'dist', 'graphlib.esm.js')).href}';
export default { name: 'graphs', rules: { loops: { meta: { messages: { m: 'loop through {{steps}}' } }, check({ model, report }) {
  for (const cycle of alg.findCycles(model.graph.graph)) report({ messageId: 'm', data: { steps: [...cycle].sort().join(', ') } });
} } } };`,
      'pmlint.config.yaml': 'plugins: [./loops.js]\nextends: []\nrules:\n  graphs/loops: error\n',
      'm.yaml': CLEAN_MAP.replace('reads: crm, writes: [crm, nps] }', 'reads: crm, writes: [crm, nps], next: [asked, done] }'),
    });
    const run = pmlint(['check', 'm.yaml', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([['graphs/loops', 'loop through asked, call-back']]);
  });
});
