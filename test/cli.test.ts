import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_MAP, ERROR_MAP, WARNING_MAP, pmlint, project, ROOT } from './helpers/cli.js';

interface JsonOutput {
  version: number;
  files: {
    file: string;
    findings: Record<string, unknown>[];
    rims: Record<string, number | null>;
    fatal: { message: string; line: number; column: number } | null;
  }[];
  summary: { files: number; errors: number; warnings: number; suppressed: number; baselined: number };
}

function json(stdout: string): JsonOutput {
  return JSON.parse(stdout) as JsonOutput;
}

describe('pmlint check: exit codes', () => {
  it('exits 0 on a clean map and says so', () => {
    const dir = project({ 'clean.yaml': CLEAN_MAP });
    const run = pmlint(['check', 'clean.yaml'], { cwd: dir });
    expect(run).toEqual({
      code: 0,
      stdout: ['✔ no problems in 1 file', '', 'RIMS + H scorecard (share of checks that pass; H: the human touch)', '  clean.yaml  R 100  I 100  M 100  S   —  H 100', ''].join('\n'),
      stderr: '',
    });
  });

  it('exits 1 on an error and prints it in the stylish format', () => {
    const dir = project({ 'broken.yaml': ERROR_MAP });
    const run = pmlint(['check', 'broken.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'broken.yaml',
        '  8:11  error    no path from a start reaches `call-back`: connect it with a `next` from an earlier step, or remove it  no-unreachable',
        '',
        '✖ 1 problem (1 error, 0 warnings) in 1 file',
        '',
        'RIMS + H scorecard (share of checks that pass; H: the human touch)',
        '  broken.yaml  R 100  I 100  M 100  S   —  H 100',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on warnings alone, and 1 when they exceed --max-warnings', () => {
    const dir = project({ 'warn.yaml': WARNING_MAP });
    expect(pmlint(['check', 'warn.yaml'], { cwd: dir }).code).toBe(0);
    expect(pmlint(['check', 'warn.yaml', '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
    const over = pmlint(['check', 'warn.yaml', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('pmlint: 1 warnings, more than --max-warnings 0 allows\n');
  });

  it('exits 2 for a file it cannot parse, and still reports the good file beside it', () => {
    const dir = project({ 'maps/a-good.yaml': ERROR_MAP, 'maps/b-broken.yaml': 'pmlint: 1\nprocess: [unclosed\n' });
    const run = pmlint(['check', 'maps', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    const out = json(run.stdout);
    expect(out.files.map((f) => [f.file, f.findings.map((x) => x['ruleId']), f.fatal?.line ?? null])).toEqual([
      ['maps/a-good.yaml', ['no-unreachable'], null],
      ['maps/b-broken.yaml', [], 3],
    ]);
  });

  it('exits 2 for a path that does not exist, naming it', () => {
    const dir = project({ 'clean.yaml': CLEAN_MAP });
    const run = pmlint(['check', 'clean.yaml', 'nope.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('nope.yaml\n  1:1  error    no such file or folder  fatal');
  });

  it('exits 2 on bad flags', () => {
    expect(pmlint(['check', '--bogus']).code).toBe(2);
    expect(pmlint(['check', '--max-warnings', 'many']).code).toBe(2);
    const format = pmlint(['check', '--format', 'jsno', 'examples']);
    expect(format).toMatchObject({ code: 2, stdout: '' });
    expect(format.stderr).toBe("pmlint: unknown format 'jsno'; did you mean 'json'?\n");
    expect(pmlint(['check', '--rule', 'no-unreachable=loud', 'examples']).code).toBe(2);
    expect(pmlint(['check', '--rule', 'no-unreachble=off', 'examples']).stderr).toBe("pmlint: --rule: unknown rule 'no-unreachble'; did you mean 'no-unreachable'?\n");
  });

  it('prints its version and help', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(pmlint(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = pmlint(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings <n>');
  });
});

describe('pmlint check: output', () => {
  it('gives the JSON shape of cli.md', () => {
    const dir = project({ 'broken.yaml': ERROR_MAP });
    const out = json(pmlint(['check', 'broken.yaml', '-f', 'json'], { cwd: dir }).stdout);
    expect(out).toEqual({
      version: 1,
      files: [
        {
          file: 'broken.yaml',
          findings: [
            {
              ruleId: 'no-unreachable',
              severity: 'error',
              category: 'structure',
              rims: null,
              message: 'no path from a start reaches `call-back`: connect it with a `next` from an earlier step, or remove it',
              line: 8,
              column: 11,
              endLine: 8,
              endColumn: 20,
              stepId: 'call-back',
              path: null,
              suggestion: null,
            },
          ],
          rims: { R: 100, I: 100, M: 100, S: null, H: 100 },
          fatal: null,
          plan: [],
        },
      ],
      summary: { files: 1, errors: 1, warnings: 0, suppressed: 0, baselined: 0 },
    });
  });

  it('drops warnings with --quiet', () => {
    const dir = project({ 'warn.yaml': WARNING_MAP, 'broken.yaml': ERROR_MAP });
    const out = json(pmlint(['check', '.', '--quiet', '-f', 'json'], { cwd: dir }).stdout);
    expect(out.summary).toEqual({ files: 2, errors: 1, warnings: 0, suppressed: 0, baselined: 0 });
  });

  it('writes the output to a file with -o and prints nothing', () => {
    const dir = project({ 'broken.yaml': ERROR_MAP });
    const run = pmlint(['check', 'broken.yaml', '-f', 'json', '-o', 'out/report.json'], { cwd: dir });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(json(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).summary.errors).toBe(1);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR and --no-color off, no TTY off', () => {
    const dir = project({ 'broken.yaml': ERROR_MAP });
    const esc = '\u001b[';
    expect(pmlint(['check', 'broken.yaml'], { cwd: dir }).stdout).not.toContain(esc);
    expect(pmlint(['check', 'broken.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toContain(`${esc}31merror`);
    expect(pmlint(['check', 'broken.yaml'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(pmlint(['check', 'broken.yaml', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
  });

  it('sets a severity with --rule', () => {
    const dir = project({ 'warn.yaml': WARNING_MAP });
    expect(pmlint(['check', 'warn.yaml', '--rule', 'end-required=error'], { cwd: dir }).code).toBe(1);
    expect(pmlint(['check', 'warn.yaml', '--rule', 'end-required=off', '-f', 'json'], { cwd: dir }).stdout).toContain('"warnings": 0');
  });
});

describe('pmlint check: finding the maps', () => {
  const tree = {
    'maps/lease.yaml': ERROR_MAP,
    'maps/sub/callback.yml': CLEAN_MAP,
    'maps/notes.yaml': 'title: not a process map\n',
    'maps/node_modules/pkg/map.yaml': ERROR_MAP,
    '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
    'drafts/wip.yaml': ERROR_MAP,
  };

  it('picks maps by their top-level pmlint: line, skipping other YAML and node_modules', () => {
    const dir = project(tree);
    const out = json(pmlint(['check', '-f', 'json'], { cwd: dir }).stdout);
    expect(out.files.map((f) => f.file)).toEqual(['drafts/wip.yaml', 'maps/lease.yaml', 'maps/sub/callback.yml']);
  });

  it('expands globs', () => {
    const dir = project(tree);
    const out = json(pmlint(['check', 'maps/**/*.yml', '-f', 'json'], { cwd: dir }).stdout);
    expect(out.files.map((f) => f.file)).toEqual(['maps/sub/callback.yml']);
  });

  it('lints a file named explicitly even when it does not look like a map', () => {
    const dir = project(tree);
    const run = pmlint(['check', 'maps/notes.yaml', '-f', 'json'], { cwd: dir });
    expect(json(run.stdout).files[0]!.findings.map((f) => f['ruleId'])).toContain('valid-schema');
  });

  it('shares much work with worker threads with the same results, in the same order', () => {
    const files: Record<string, string> = { 'pmlint.config.yaml': 'rules:\n  end-required: error\n' };
    // Three maps carry 0.8 MB of comments each, so the work is over PARALLEL_MIN_WORK (test/parallel.test.ts).
    const padding = `# ${'notes from the workshop '.repeat(32)}\n`.repeat(1000);
    for (let i = 0; i < 40; i++) files[`maps/m${String(i).padStart(2, '0')}.yaml`] = [CLEAN_MAP, ERROR_MAP, WARNING_MAP][i % 3]! + (i % 13 === 1 ? padding : '');
    files['maps/m40.yaml'] = 'pmlint: 1\nprocess: [unclosed\n';
    const dir = project(files);
    const run = pmlint(['check', 'maps', '-f', 'json', '--rule', 'no-unreachable=warn'], { cwd: dir });
    expect(run.code).toBe(2);
    const out = json(run.stdout);
    expect(out.files.map((f) => f.file)).toEqual(Object.keys(files).filter((f) => f.startsWith('maps/')));
    expect(out.files.map((f) => f.findings.map((x) => `${x['ruleId']}:${x['severity']}`).join() || (f.fatal ? 'fatal' : ''))).toEqual([
      ...Array.from({ length: 40 }, (_, i) => ['', 'no-unreachable:warning', 'end-required:error'][i % 3]),
      'fatal',
    ]);
  });

  it('exits 2 when a folder holds no maps', () => {
    const dir = project({ 'notes/readme.yaml': 'a: 1\n' });
    const run = pmlint(['check', 'notes'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('no process maps in this folder');
  });
});

describe('configuration', () => {
  it('is found from the working directory upwards', () => {
    const dir = project({
      'pmlint.config.yaml': 'rules:\n  no-unreachable: warn\n',
      'team/maps/lease.yaml': ERROR_MAP,
    });
    const run = pmlint(['check', 'lease.yaml', '-f', 'json'], { cwd: join(dir, 'team', 'maps') });
    expect(run.code).toBe(0);
    expect(json(run.stdout).files[0]!.findings.map((f) => [f['ruleId'], f['severity']])).toEqual([['no-unreachable', 'warning']]);
  });

  it('reads .pmlintrc.json, and --config names a file', () => {
    const dir = project({ '.pmlintrc.json': '{ "rules": { "no-unreachable": "off" } }\n', 'strict.yaml': 'extends: [pmlint:all]\n', 'lease.yaml': WARNING_MAP });
    expect(pmlint(['check', 'lease.yaml', '-f', 'json'], { cwd: dir }).stdout).toContain('"warnings": 1');
    const strict = pmlint(['check', 'lease.yaml', '--config', 'strict.yaml', '-f', 'json'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(json(strict.stdout).summary).toEqual({ files: 1, errors: 1, warnings: 0, suppressed: 0, baselined: 0 });
  });

  it('honours ignore globs and overrides', () => {
    const dir = project({
      'pmlint.config.yaml': ['extends: pmlint:recommended', 'ignore: [drafts/**]', 'overrides:', '  - files: [legacy/**]', '    rules: { no-unreachable: off }', ''].join('\n'),
      'drafts/wip.yaml': ERROR_MAP,
      'legacy/old.yaml': ERROR_MAP,
      'current/new.yaml': ERROR_MAP,
    });
    const out = json(pmlint(['check', '-f', 'json'], { cwd: dir }).stdout);
    expect(out.files.map((f) => [f.file, f.findings.length])).toEqual([
      ['current/new.yaml', 1],
      ['legacy/old.yaml', 0],
    ]);
    // named explicitly, an ignored file is still linted
    expect(json(pmlint(['check', 'drafts/wip.yaml', '-f', 'json'], { cwd: dir }).stdout).summary.errors).toBe(1);
  });

  it('builds on pmlint:recommended unless extends says otherwise', () => {
    const dir = project({ 'pmlint.config.yaml': 'rules:\n  no-unreachable: warn\n', 'only/pmlint.config.yaml': 'extends: []\nrules:\n  no-unreachable: warn\n', 'lease.yaml': WARNING_MAP });
    expect(json(pmlint(['check', 'lease.yaml', '-f', 'json'], { cwd: dir }).stdout).files[0]!.findings.map((f) => f['ruleId'])).toEqual(['end-required']);
    const only = pmlint(['check', '../lease.yaml', '-f', 'json'], { cwd: join(dir, 'only') });
    expect(json(only.stdout).files[0]!.findings).toEqual([]);
  });

  it('extends another config file by path', () => {
    const dir = project({
      'shared/base.yaml': 'rules:\n  no-unreachable: off\n',
      'pmlint.config.yaml': 'extends: [pmlint:recommended, ./shared/base.yaml]\n',
      'lease.yaml': ERROR_MAP,
    });
    expect(pmlint(['check', 'lease.yaml'], { cwd: dir }).code).toBe(0);
  });

  it.each([
    ['rules:\n  no-unreachable: loud\n', 'pmlint.config.yaml:2:19: `no-unreachable` must be a severity (off, warn, error, or 0, 1, 2), [severity, options], or a rule definition; got the text `loud`'],
    ['rules:\n  no-unreachble: error\n', 'pmlint.config.yaml:2:3: unknown rule `no-unreachble`; did you mean `no-unreachable`? (`pmlint rules` lists them)'],
    ['extends: [pmlint:recomended]\n', 'pmlint.config.yaml:1:11: unknown preset `pmlint:recomended`; did you mean `pmlint:recommended`?'],
    ['extends: ./missing.yaml\n', 'pmlint.config.yaml:1:10: `extends` names ./missing.yaml, which does not exist (paths are relative to this config file)'],
    ['rule:\n  no-unreachable: off\n', 'pmlint.config.yaml:1:1: unknown field `rule`; did you mean `rules`?'],
    ['rules: [\n', 'pmlint.config.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['rules:\n  no-unreachable: [error, { strict: true }]\n', 'pmlint.config.yaml:2:27: `no-unreachable` takes no options'],
    ['extends: []\nrules:\n  no-unreachable: [error]\nignore: 3\n', 'pmlint.config.yaml:4:9: `ignore` must be a text or a list; got the number 3'],
  ])('a bad config is exit 2 naming file, line and column: %j', (config, message) => {
    const dir = project({ 'pmlint.config.yaml': config, 'lease.yaml': CLEAN_MAP });
    const run = pmlint(['check', 'lease.yaml'], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`pmlint: config error: ${message}\n`);
  });

  it('a config that extends itself is an error, not a hang', () => {
    const dir = project({ 'pmlint.config.yaml': 'extends: [./other.yaml]\n', 'other.yaml': 'extends: [./pmlint.config.yaml]\n', 'lease.yaml': CLEAN_MAP });
    const run = pmlint(['check', 'lease.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('pmlint: config error: other.yaml:1:11: `extends` loops back to pmlint.config.yaml\n');
  });
});

describe('README', () => {
  it('shows the real output of the command it quotes', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /\$ npx pmlint (check [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const run = pmlint(block![1]!.split(' '));
    expect(run.stdout).toBe(block![2]);
  });

  it('shows the real diff of the fix it quotes, which writes nothing', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /\$ npx pmlint (fix [^\n]+ --fix-dry-run)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const before = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');
    const run = pmlint(block![1]!.split(' '));
    expect(run.stdout).toBe(block![2]);
    expect(readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8')).toBe(before);
  });
});

describe('running the package', () => {
  it('works through npx from the project folder, as the README says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const demo = /^npm ci && npx (pmlint check \S+)$/m.exec(readme)![1]!.split(' ');
    expect(demo).toEqual(['pmlint', 'check', 'examples/dealership-lease-renewal.yaml']);
    const run = spawnSync('npx', ['--no-install', ...demo], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(pmlint(demo.slice(1)).stdout);
    expect(run.stdout).toMatch(/^examples\/dealership-lease-renewal.yaml\n[\s\S]*✖ \d+ problems \(\d+ errors, \d+ warnings?\) in 1 file\n/);
  });
});
