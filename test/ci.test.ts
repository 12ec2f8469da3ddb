import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { CLEAN_MAP, ERROR_MAP, pmlint, project, ROOT, WARNING_MAP } from './helpers/cli.js';

const BROKEN = 'pmlint: 1\nprocess: [unclosed\n';
const SARIF_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const sarifAjv = new AjvDraft04.default({ allErrors: true, strict: false });
addFormats.default(sarifAjv);
const validateSarif = sarifAjv.compile(SARIF_SCHEMA);

/** Two maps with findings, a clean one and one that cannot be parsed. */
function fourMaps(): string {
  return project({ 'maps/a-errors.yaml': ERROR_MAP, 'maps/b-warnings.yaml': WARNING_MAP, 'maps/c-clean.yaml': CLEAN_MAP, 'maps/d-broken.yaml': BROKEN });
}

interface SarifRule {
  id: string;
  helpUri: string;
  defaultConfiguration: { level: string };
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      properties: { suggestion?: { title: string } };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    }[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
}

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 against the official schema, with rules, results and the fatal as a notification', () => {
    const dir = fourMaps();
    const run = pmlint(['check', 'maps', '-f', 'sarif'], { cwd: dir });
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const [sarifRun] = log.runs;
    const driver = sarifRun!.tool.driver;
    expect(driver.name).toBe('pmlint');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules.map((r) => r.id)).toContain('no-unreachable');
    const where = (r: SarifLog['runs'][0]['results'][0]) => r.locations[0]!.physicalLocation;
    expect(sarifRun!.results.map((r) => [r.ruleId, r.level, where(r).artifactLocation.uri, where(r).region])).toEqual([
      ['no-unreachable', 'error', 'maps/a-errors.yaml', { startLine: 8, startColumn: 11, endLine: 8, endColumn: 20 }],
      ['end-required', 'warning', 'maps/b-warnings.yaml', { startLine: 2, startColumn: 1, endLine: 2, endColumn: 8 }],
    ]);
    for (const r of sarifRun!.results) expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(driver.rules.find((r) => r.id === 'end-required')!.defaultConfiguration.level).toBe('warning');
    expect(sarifRun!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/.*\/$/);
    const [invocation] = sarifRun!.invocations;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications.map((n) => [n.level, n.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([['error', 'maps/d-broken.yaml']]);
  });

  it('carries suggestions, and stays valid on a clean map', () => {
    const withSuggestion = pmlint(['check', 'examples/dealership-lease-renewal.yaml', '-f', 'sarif']);
    const log = JSON.parse(withSuggestion.stdout) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]!.results.filter((r) => r.properties.suggestion).length).toBeGreaterThan(5);
    const clean = JSON.parse(pmlint(['check', 'examples/service-booking.yaml', '-f', 'sarif']).stdout) as SarifLog;
    expect(validateSarif(clean)).toBe(true);
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('percent-encodes file names in URIs', () => {
    const dir = project({ 'kartor/säljprocess med mellanslag.yaml': ERROR_MAP });
    const log = JSON.parse(pmlint(['check', 'kartor', '-f', 'sarif'], { cwd: dir }).stdout) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('kartor/s%C3%A4ljprocess%20med%20mellanslag.yaml');
  });
});

describe('--format github', () => {
  it('escapes messages and properties as GitHub documents', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one annotation per finding, and the fatal without a line', () => {
    const dir = fourMaps();
    const run = pmlint(['check', 'maps', '-f', 'github'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')).toEqual([
      '::error file=maps/a-errors.yaml,line=8,col=11,endLine=8,endColumn=20,title=no-unreachable::no path from a start reaches `call-back`: connect it with a `next` from an earlier step, or remove it',
      '::warning file=maps/b-warnings.yaml,line=2,col=1,endLine=2,endColumn=8,title=end-required::the process `callback` has no `end` step: add one for each way an instance can finish',
      '::error file=maps/d-broken.yaml,title=pmlint%3A cannot read this file::YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (line 3, column 1)',
      '',
    ]);
  });

  it('escapes file names with commas and colons', () => {
    const dir = project({ 'a,b:c.yaml': ERROR_MAP });
    expect(pmlint(['check', 'a,b:c.yaml', '-f', 'github'], { cwd: dir }).stdout).toMatch(/^::error file=a%2Cb%3Ac\.yaml,line=8,/);
  });

  it('appends the Markdown gap report to GITHUB_STEP_SUMMARY', () => {
    const dir = fourMaps();
    writeFileSync(join(dir, 'summary.md'), '## earlier step\n');
    pmlint(['check', 'maps', '-f', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## earlier step\n# Process-map gap report\n/);
    expect(summary).toContain('## Callback (`maps/a-errors.yaml`)');
  });
});

describe('--format junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

  it('is well-formed JUnit XML: a suite per file, a failing case per finding, a passing case for a clean file, an error for a broken one', () => {
    const dir = fourMaps();
    const xml = pmlint(['check', 'maps', '-f', 'junit'], { cwd: dir }).stdout;
    expect(XMLValidator.validate(xml)).toBe(true);
    type Case = { name: string; failure?: { type: string }; error?: { message: string } };
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; errors: string; testsuite: { name: string; testcase: Case[] }[] } };
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '2', errors: '1' });
    expect(doc.testsuites.testsuite.map((s) => [s.name, s.testcase.map((c) => `${c.name}${c.failure ? ` (${c.failure.type})` : ''}${c.error ? ' (error)' : ''}`)])).toEqual([
      ['maps/a-errors.yaml', ['no-unreachable @ 8:11 (error)']],
      ['maps/b-warnings.yaml', ['end-required @ 2:1 (warning)']],
      ['maps/c-clean.yaml', ['pmlint']],
      ['maps/d-broken.yaml', ['pmlint: read the map (error)']],
    ]);
  });

  it('escapes what XML needs escaped', () => {
    const dir = project({ 'x.yaml': ERROR_MAP.replace('call-back, type: send', 'call-back, name: "Call <back> & \\"confirm\\"", type: send').replace('next: done', 'next: doen') });
    const xml = pmlint(['check', 'x.yaml', '-f', 'junit'], { cwd: dir }).stdout;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('did you mean `done`?');
  });
});

describe('several outputs in one run, as a pipeline runs it', () => {
  it('writes a readable log to stdout and each NAME=FILE format to its file', () => {
    const dir = fourMaps();
    const run = pmlint(['check', 'maps', '--format', 'stylish', '--format', 'sarif=out/pmlint.sarif', '--format', 'junit=out/junit.xml'], { cwd: dir, env: { CI: 'true' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('maps/a-errors.yaml\n  8:11  error');
    expect(validateSarif(JSON.parse(readFileSync(join(dir, 'out', 'pmlint.sarif'), 'utf8')))).toBe(true);
    expect(XMLValidator.validate(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8'))).toBe(true);
  });

  it.each(['stylish', 'json', 'markdown', 'sarif', 'github', 'junit'])('CI=true, no TTY: %s to a file with -o, exit code from the findings', (format) => {
    const dir = project({ 'maps/a.yaml': ERROR_MAP, 'maps/b.yaml': WARNING_MAP });
    const run = pmlint(['check', 'maps', '-f', format, '-o', `report.${format}`], { cwd: dir, env: { CI: 'true' } });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const text = readFileSync(join(dir, `report.${format}`), 'utf8');
    expect(text).toContain(format === 'junit' || format === 'sarif' || format === 'json' || format === 'github' ? 'no-unreachable' : 'call-back');
    expect(text).not.toContain('\u001b[');
  });

  it('refuses two formats for standard output', () => {
    const run = pmlint(['check', 'examples', '-f', 'stylish', '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('pmlint: only one format can go to standard output; write the others to files with NAME=FILE\n');
  });
});

describe('--baseline', () => {
  const TWO_ERRORS = ERROR_MAP.replace('  - { id: done, type: end }', '  - { id: call-again, type: send, actor: agent, to: customer, reads: crm, writes: [crm, nps] }\n  - { id: done, type: end }');

  it('writes a sorted, stable baseline and then reports nothing', () => {
    const dir = project({ 'maps/b.yaml': ERROR_MAP, 'maps/a.yaml': TWO_ERRORS });
    const update = pmlint(['check', 'maps', '--update-baseline'], { cwd: dir });
    expect(update.code).toBe(0);
    expect(update.stderr).toBe('pmlint: wrote 3 findings to the baseline pmlint-baseline.json\n');
    expect(JSON.parse(readFileSync(join(dir, 'pmlint-baseline.json'), 'utf8'))).toEqual({
      version: 1,
      findings: {
        'maps/a.yaml': { 'no-unreachable': { 'call-again': 1, 'call-back': 1 } },
        'maps/b.yaml': { 'no-unreachable': { 'call-back': 1 } },
      },
    });
    const again = pmlint(['check', 'maps', '--baseline', 'pmlint-baseline.json', '-f', 'json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { summary: object }).summary).toEqual({ files: 2, errors: 0, warnings: 0, suppressed: 0, baselined: 3 });
  });

  it('keeps a finding that moved lines baselined, fails on a new one, and lists a fixed one as prunable', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    pmlint(['check', 'm.yaml', '--update-baseline', '--baseline', 'ci/baseline.json'], { cwd: dir });
    writeFileSync(join(dir, 'm.yaml'), ERROR_MAP.replace('steps:\n', '# a comment that moves every step down\n\nsteps:\n'));
    expect(pmlint(['check', 'm.yaml', '--baseline', 'ci/baseline.json'], { cwd: dir }).code).toBe(0);

    writeFileSync(join(dir, 'm.yaml'), TWO_ERRORS);
    const worse = pmlint(['check', 'm.yaml', '--baseline', 'ci/baseline.json', '-f', 'json'], { cwd: dir });
    expect(worse.code).toBe(1);
    expect((JSON.parse(worse.stdout) as { files: { findings: { stepId: string }[] }[] }).files[0]!.findings.map((f) => f.stepId)).toEqual(['call-again']);

    writeFileSync(join(dir, 'm.yaml'), CLEAN_MAP);
    const fixed = pmlint(['check', 'm.yaml', '--baseline', 'ci/baseline.json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toBe('pmlint: 1 baselined finding no longer occurs; run with --update-baseline to prune:\n  m.yaml: no-unreachable at call-back\n');
  });

  it('counts: a second finding with the same file, rule and step is new', () => {
    const noTarget = CLEAN_MAP.replace('target: 95%, ', '');
    const dir = project({ 'm.yaml': noTarget });
    pmlint(['check', 'm.yaml', '--update-baseline'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'pmlint-baseline.json'), 'utf8'))).toEqual({ version: 1, findings: { 'm.yaml': { 'metric-target': { '(map)': 1 } } } });
    writeFileSync(join(dir, 'm.yaml'), noTarget.replace(', review: weekly', ''));
    const run = pmlint(['check', 'm.yaml', '--baseline', 'pmlint-baseline.json', '-f', 'json'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['metric-target']);
  });

  it('exits 2 on a baseline it cannot read', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'bad.json': '{"version": 2}' });
    expect(pmlint(['check', 'm.yaml', '--baseline', 'missing.json'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'pmlint: --baseline missing.json: cannot use it: ENOENT (no such file or folder)\n' });
    expect(pmlint(['check', 'm.yaml', '--baseline', 'bad.json'], { cwd: dir }).stderr).toMatch(/^pmlint: --baseline bad.json: cannot use it: not a pmlint baseline/);
  });
});

describe('the plan in CI outputs', () => {
  const story = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');

  it('github: each annotation names the plan item that answers it', () => {
    const dir = project({ 'lease.yaml': story });
    const lines = pmlint(['check', 'lease.yaml', '-f', 'github'], { cwd: dir }).stdout.split('\n');
    const handOver = lines.find((l) => l.includes('title=handoff-before-meeting'))!;
    expect(handOver).toContain(
      '%0AMissing activity: Notify `salesperson` and `sales-manager` after `send-booking-confirmation`, sharing `appointment`, `customer-history` and `loyalty-lease`',
    );
  });

  it('sarif: the message names the plan item, and its properties carry it with the way through the map', () => {
    const dir = project({ 'lease.yaml': story });
    const log = JSON.parse(pmlint(['check', 'lease.yaml', '-f', 'sarif'], { cwd: dir }).stdout) as {
      runs: { results: { ruleId: string; message: { text: string }; properties: { plan?: { kind: string; step: { id: string } }; path?: string[] } }[] }[];
    };
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'schedule-writes-calendar')!;
    expect(result.message.text).toMatch(/\. Missing activity: Write the booking from `book-appointment` into `salesperson-calendar`$/);
    expect(result.properties.plan).toMatchObject({ kind: 'extend', step: 'book-appointment' });
    const handOver = log.runs[0]!.results.find((r) => r.ruleId === 'handoff-before-meeting')!;
    expect(handOver.properties.path).toEqual(['send-lease-ending-email', 'customer-responds', 'show-free-slots', 'book-appointment', 'send-booking-confirmation', 'lease-meeting']);
  });
});
