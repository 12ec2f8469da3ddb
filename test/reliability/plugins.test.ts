import { describe, expect, it } from 'vitest';
import { findingCap } from '../../src/engine/run-rules.js';
import { CLEAN_MAP, pmlint, project } from '../helpers/cli.js';

interface Json {
  files: { file: string; fatal: unknown; findings: { ruleId: string; message: string }[] }[];
}

/** A plugin `bad` with one rule `it`, whose check body is given; `end-required` runs beside it. */
function runPlugin(check: string, extra = ''): { code: number | null; stderr: string; findings: Json['files'][0]['findings']; markdown: string } {
  const dir = project({
    'bad.js': `${extra}\nexport default { name: "bad", rules: { it: { meta: { messages: { m: "found {{x}}" } }, ${check} } } };\n`,
    'pmlint.config.yaml': 'plugins: [./bad.js]\nrules:\n  bad/it: error\n  end-required: error\n',
    'm.yaml': CLEAN_MAP.replace('  - { id: done, type: end }\n', ''),
  });
  const run = pmlint(['check', 'm.yaml', '-f', 'json', '-f', 'markdown=report.md'], { cwd: dir });
  const findings = (JSON.parse(run.stdout) as Json).files[0]!.findings;
  return { code: run.code, stderr: run.stderr, findings, markdown: pmlint(['report', 'm.yaml'], { cwd: dir }).stdout };
}

const failure = (reason: string) => `internal error: rule \`bad/it\` failed on m.yaml: ${reason}`;

describe('every way a plugin rule can fail is that rule\'s failure on that file; the other rules\' findings stay', () => {
  it.each([
    ['throws a string', 'check() { throw "nope"; }', 'nope'],
    ['throws an object without a prototype', 'check() { throw Object.create(null); }', '{}'],
    ['throws undefined', 'check() { throw undefined; }', 'undefined'],
    ['throws an object whose toString throws', 'check() { throw { toString() { throw new Error("x"); }, toJSON() { throw new Error("y"); } }; }', 'a value that cannot be shown'],
    ['is async and rejects', 'async check() { throw new Error("later"); }', 'its check returned a promise; a rule checks a map synchronously and reports before it returns'],
    ['is async and resolves', 'async check({ report }) { report({ messageId: "m", data: { x: 1 } }); }', 'its check returned a promise; a rule checks a map synchronously and reports before it returns'],
    ['reports nothing that is a report', 'check({ report }) { report(null); }', 'it reported something that is not a report object'],
    ['reports without a messageId', 'check({ report }) { report({}); }', "unknown messageId 'undefined'"],
    ['reports a messageId that is Object.prototype\'s', 'check({ report }) { report({ messageId: "constructor" }); }', "unknown messageId 'constructor'"],
    ['reports a negative line as `at`', 'check({ report }) { report({ messageId: "m", at: [-1] }); }', 'it reported `at` that is not a path of keys and indexes'],
    ['reports a step that is not a step', 'check({ report }) { report({ messageId: "m", step: { id: 5 } }); }', 'it reported `step` that is not a step of the model'],
    ['reports a malformed suggestion', 'check({ report }) { report({ messageId: "m", suggestion: { title: 1, step: null } }); }', 'it reported a malformed suggestion: it needs a `title`, `after` (a step id or null) and a `step` with a `type`'],
    ['reports a suggestion whose `to` is an object', 'check({ report }) { report({ messageId: "m", suggestion: { title: "t", after: null, step: { type: "send", to: { a: 1 } } } }); }', 'it reported a malformed suggestion: it needs a `title`, `after` (a step id or null) and a `step` with a `type`'],
    ['reports `data` holding an object', 'check({ report }) { report({ messageId: "m", data: { x: { a: 1 } } }); }', 'it reported `data` whose values are not text, numbers or lists of ids'],
    ['reports `data` holding a list of numbers', 'check({ report }) { report({ messageId: "m", data: { x: [1, 2] } }); }', 'it reported `data` whose values are not text, numbers or lists of ids'],
    ['reports a million findings', 'check({ report }) { for (let i = 0; i < 1e6; i++) report({ messageId: "m", data: { x: i } }); }', `it reported more than ${findingCap(2)} findings on a map of 2 steps`],
  ])('a rule that %s', (_what, check, reason) => {
    const run = runPlugin(check);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => f.ruleId)).toEqual(['bad/it', 'end-required']);
    expect(run.findings[0]!.message).toBe(failure(reason));
    expect(run.markdown).toContain(failure(reason));
  });

  it('a report made after check returned (from a timer) is dropped, never thrown into the process', () => {
    const run = runPlugin('check({ report }) { setTimeout(() => report(null), 0); report({ messageId: "m", data: { x: "it" } }); }');
    expect(run.code).toBe(1);
    expect(run.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['bad/it', 'found it'],
      ['end-required', run.findings[1]!.message],
    ]);
  });

  it('a list of ids in `data` is shown as ids joined by "and"', () => {
    const run = runPlugin('check({ report }) { report({ messageId: "m", data: { x: ["crm", "sales-calendar", "erp"] } }); }');
    expect(run.findings[0]!.message).toBe('found `crm`, `sales-calendar` and `erp`');
  });

  it('a well-formed suggestion from a plugin reaches the report', () => {
    const run = runPlugin('check({ report }) { report({ messageId: "m", data: { x: "a gap" }, suggestion: { title: "Call the customer", after: "call-back", step: { type: "send", actor: "agent", to: ["customer"] } } }); }');
    expect(run.code).toBe(1);
    expect(run.markdown).toContain('Call the customer');
  });

  it('a meta of the wrong shape is read as far as it is well-formed', () => {
    const dir = project({
      'bad.js': 'export default { name: "bad", rules: { it: { meta: { messages: { m: "found" }, rims: "Z", category: 7, description: null }, check({ report }) { report({ messageId: "m" }); }, checks() { return NaN; } } } };\n',
      'pmlint.config.yaml': 'plugins: [./bad.js]\nextends: []\nrules:\n  bad/it: error\n',
      'm.yaml': CLEAN_MAP,
    });
    const run = pmlint(['check', 'm.yaml', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const finding = (JSON.parse(run.stdout) as { files: { findings: { category: string; rims: unknown; message: string }[] }[] }).files[0]!.findings[0]!;
    expect([finding.category, finding.rims, finding.message]).toEqual(['custom', null, 'found']);
  });
});
