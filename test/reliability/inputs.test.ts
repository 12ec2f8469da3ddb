import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint.js';
import { allRules } from '../helpers/lint.js';
import { BIN, CLEAN_MAP, ERROR_MAP, pmlint, project } from '../helpers/cli.js';

const ALL = allRules();
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

interface Json {
  files: {
    file: string;
    fatal: { message: string; line: number; column: number } | null;
    findings: { ruleId: string; stepId: string | null; line: number }[];
  }[];
  summary: { errors: number };
}
const json = (stdout: string): Json => JSON.parse(stdout) as Json;
const fatals = (run: { stdout: string }) => json(run.stdout).files.map((f) => [f.file, f.fatal?.message ?? null]);

/** Runs pmlint with a time limit, so a hang fails the test instead of stalling the suite. */
function bounded(args: string[], cwd: string, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

describe('a path pmlint cannot stat is a fatal of that path; every other file is still linted', () => {
  it.each([
    ['a path through a file (ENOTDIR)', 'good.yaml/x.yaml', 'cannot read it: ENOTDIR (a part of the path is not a folder)'],
    ['a symbolic link that loops (ELOOP)', 'loop.yaml', 'cannot read it: ELOOP (too many symbolic links, or a link that loops)'],
    ['a name of 5,000 characters (ENAMETOOLONG)', 'x'.repeat(5000) + '.yaml', 'cannot read it: ENAMETOOLONG (the name is too long)'],
  ])('%s', (_what, path, message) => {
    const dir = project({ 'good.yaml': ERROR_MAP });
    symlinkSync('loop.yaml', join(dir, 'loop.yaml'));
    const run = pmlint(['check', path, 'good.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(fatals(run)).toEqual([
      [path, message],
      ['good.yaml', null],
    ]);
    expect(json(run.stdout).summary.errors).toBe(1);
  });

  it.skipIf(!isRoot || !hasSetpriv)('a folder without permission, named and globbed (EACCES)', () => {
    const dir = project({ 'good.yaml': ERROR_MAP, 'locked/m.yaml': ERROR_MAP });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0o000);
    const as = (args: string[]) => spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8' });
    const named = as(['check', 'locked/m.yaml', 'good.yaml', '--format', 'json']);
    expect(named.status).toBe(2);
    expect(fatals(named)).toEqual([
      ['locked/m.yaml', 'cannot read it: EACCES (permission denied)'],
      ['good.yaml', null],
    ]);
    const globbed = as(['check', 'locked/**/*.yaml', 'good.yaml', '--format', 'json']);
    expect(globbed.status).toBe(2);
    expect(fatals(globbed)).toEqual([
      ['locked/**/*.yaml', 'cannot read it: EACCES (permission denied)'],
      ['good.yaml', null],
    ]);
  });
});

describe('only regular files are read, and never more than a cap', () => {
  it('a FIFO in a scanned folder, and a link to it, are passed over without opening them', () => {
    const dir = project({ 'maps/good.yaml': ERROR_MAP });
    expect(spawnSync('mkfifo', [join(dir, 'maps', 'pipe.yaml')]).status).toBe(0);
    symlinkSync('pipe.yaml', join(dir, 'maps', 'link.yaml'));
    const run = bounded(['check', 'maps', 'maps/*.yaml', '--format', 'json'], dir);
    expect([run.code, run.signal]).toEqual([1, null]);
    expect(fatals(run)).toEqual([['maps/good.yaml', null]]);
  });

  it('a FIFO or a device named on the command line is a fatal of that path, not a hang', () => {
    const dir = project({ 'good.yaml': ERROR_MAP });
    expect(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status).toBe(0);
    const run = bounded(['check', 'pipe.yaml', '/dev/zero', 'good.yaml', '--format', 'json'], dir);
    expect([run.code, run.signal]).toEqual([2, null]);
    expect(fatals(run)).toEqual([
      ['pipe.yaml', 'cannot read it: a FIFO, not a regular file'],
      ['/dev/zero', 'cannot read it: a device, not a regular file'],
      ['good.yaml', null],
    ]);
  });

  it.each([
    ['a FIFO', 'pipe', 'a FIFO'],
    ['/dev/zero', '/dev/zero', 'a device'],
  ])('%s as --config or --baseline: refused at once (exit 2)', (_what, path, kind) => {
    const dir = project({ 'good.yaml': ERROR_MAP });
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    const config = bounded(['check', 'good.yaml', '--config', path], dir);
    expect([config.code, config.signal, config.stderr]).toEqual([2, null, `pmlint: config error: ${path}:1:1: cannot read it: ${kind}, not a regular file\n`]);
    const baseline = bounded(['check', 'good.yaml', '--baseline', path], dir);
    expect([baseline.code, baseline.signal, baseline.stderr]).toEqual([2, null, `pmlint: --baseline ${path}: cannot use it: ${kind}, not a regular file\n`]);
  });

  it('a map over `max-file-mb` is a fatal naming its size; the others keep their results', () => {
    const big = ERROR_MAP + `# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const dir = project({ 'big.yaml': big, 'good.yaml': ERROR_MAP, 'pmlint.config.yaml': 'max-file-mb: 1\n' });
    const run = pmlint(['check', 'big.yaml', 'good.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(fatals(run)).toEqual([
      ['big.yaml', 'the file is 2.0 MB, over the limit of 1.0 MB (`max-file-mb` in the config)'],
      ['good.yaml', null],
    ]);
  });

  it('the default limit is 12 MB for a YAML map, four times that for BPMN', async () => {
    const { maxBytesFor } = await import('../../src/engine/lint.js');
    expect([maxBytesFor('a.yaml'), maxBytesFor('a.bpmn'), maxBytesFor('a.yaml', 0.5)]).toEqual([12 * 2 ** 20, 48 * 2 ** 20, 2 ** 19]);
  });
});

describe('a step, rule or format named like an Object.prototype property is a name like any other', () => {
  const mapWith = (id: string) => ERROR_MAP.replace(/call-back/g, id);

  it('the baseline records and hides findings on a step named `constructor`; a new one shows', () => {
    const twoUnreached = mapWith('constructor').replace('  - { id: done, type: end }\n', '  - { id: done, type: end }\n  - { id: spare, type: task, actor: agent }\n');
    const dir = project({ 'm.yaml': mapWith('constructor') });
    const update = pmlint(['check', 'm.yaml', '--update-baseline', '--format', 'json'], { cwd: dir });
    expect([update.code, update.stderr]).toEqual([0, 'pmlint: wrote 1 finding to the baseline pmlint-baseline.json\n']);
    const again = pmlint(['check', 'm.yaml', '--baseline', 'pmlint-baseline.json', '--format', 'json'], { cwd: dir });
    expect([again.code, again.stderr]).toEqual([0, '']);
    writeFileSync(join(dir, 'm.yaml'), twoUnreached);
    const grown = pmlint(['check', 'm.yaml', '--baseline', 'pmlint-baseline.json', '--format', 'json'], { cwd: dir });
    expect(grown.code).toBe(1);
    expect(json(grown.stdout).files[0]!.findings.map((f) => f.stepId)).toContain('spare');
  });

  it('a baseline whose keys are `__proto__` and `constructor` is read as data', () => {
    const dir = project({
      'm.yaml': mapWith('constructor'),
      'b.json': '{ "version": 1, "findings": { "__proto__": { "no-unreachable": { "x": 1 } }, "m.yaml": { "constructor": { "constructor": 1 } } } }',
    });
    const run = pmlint(['check', 'm.yaml', '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json(run.stdout).files[0]!.findings.map((f) => [f.ruleId, f.stepId])).toContainEqual(['no-unreachable', 'constructor']);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('--format %s is an unknown format (exit 2)', (name) => {
    const run = pmlint(['check', '--format', name], { cwd: project({ 'm.yaml': CLEAN_MAP }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^pmlint: unknown format '${name}'`));
  });

  it.each(['toString', 'constructor', '__proto__'])('--rule end-required=%s is refused (exit 2)', (word) => {
    const run = pmlint(['check', '--rule', `end-required=${word}`], { cwd: project({ 'm.yaml': CLEAN_MAP }) });
    expect([run.code, run.stderr]).toEqual([2, `pmlint: --rule takes id=severity (off, warn or error); got 'end-required=${word}'\n`]);
  });

  it.each(['constructor', '__proto__', 'toString'])('--rule %s=error is an unknown rule', (id) => {
    const run = pmlint(['check', '--rule', `${id}=error`], { cwd: project({ 'm.yaml': CLEAN_MAP }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^pmlint: --rule: unknown rule '${id}'`));
  });

  it('a config naming `constructor` as a rule is a config error, not a crash', () => {
    const run = pmlint(['check'], { cwd: project({ 'm.yaml': CLEAN_MAP, 'pmlint.config.yaml': 'rules:\n  constructor: error\n' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^pmlint: config error: pmlint.config.yaml:2:3: unknown rule `constructor`/);
  });

  it('every output format prints a map whose step, actor and system are named `constructor`', () => {
    const text = ERROR_MAP.replace(/call-back/g, 'constructor').replace(/agent/g, 'constructor-agent');
    const dir = project({ 'm.yaml': text });
    for (const format of ['stylish', 'json', 'markdown', 'sarif', 'github', 'junit']) {
      const run = pmlint(['check', 'm.yaml', '--format', format], { cwd: dir });
      expect([format, run.code, run.stderr]).toEqual([format, 1, '']);
      expect(run.stdout).toContain('constructor');
    }
  });
});

describe('encodings YAML allows are read; broken ones are refused at the right byte', () => {
  const utf16 = (text: string, little: boolean): Uint8Array => {
    const body = Buffer.from(text, 'utf16le');
    if (!little) body.swap16();
    return new Uint8Array(Buffer.concat([Buffer.from(little ? [0xff, 0xfe] : [0xfe, 0xff]), body]));
  };
  const utf32 = (text: string, little: boolean): Uint8Array => {
    const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
    const out = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => (little ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
    return new Uint8Array(out);
  };
  const expected = lintSource(ERROR_MAP, 'm.yaml', ALL).findings.map((f) => [f.ruleId, f.line, f.column]);

  it.each([
    ['UTF-16LE', utf16(ERROR_MAP, true)],
    ['UTF-16BE', utf16(ERROR_MAP, false)],
    ['UTF-32LE', utf32(ERROR_MAP, true)],
    ['UTF-32BE', utf32(ERROR_MAP, false)],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(ERROR_MAP)])],
  ])('%s: the same findings at the same places as UTF-8', (_name, bytes) => {
    const result = lintSource(bytes, 'm.yaml', ALL);
    expect(result.fatal).toBeNull();
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual(expected);
  });

  it('a UTF-16 map is found in a folder scan and linted when named', () => {
    const dir = project({});
    mkdirSync(join(dir, 'maps'));
    writeFileSync(join(dir, 'maps', 'wide.yaml'), utf16(ERROR_MAP, true));
    const run = pmlint(['check', 'maps', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json(run.stdout).files.map((f) => [f.file, f.fatal, f.findings.length])).toEqual([['maps/wide.yaml', null, expected.length]]);
  });

  it.each([
    ['an overlong slash (C0 AF)', [0xc0, 0xaf], 'not valid UTF-8: byte 0xc0 at byte offset 23'],
    ['an overlong three-byte form (E0 80 AF)', [0xe0, 0x80, 0xaf], 'not valid UTF-8: byte 0xe0 at byte offset 23'],
    ['a surrogate (ED A0 80)', [0xed, 0xa0, 0x80], 'not valid UTF-8: byte 0xed at byte offset 23'],
    ['past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 'not valid UTF-8: byte 0xf4 at byte offset 23'],
    ['a cut-off character (E2 82)', [0xe2, 0x82], 'not valid UTF-8: byte 0xe2 at byte offset 23'],
  ])('%s is refused at its first byte', (_what, bad, message) => {
    const bytes = new Uint8Array([...Buffer.from('pmlint: 1\nname: "café '), ...bad, ...Buffer.from('"\n')]);
    // Line 2, after `name: "café ` (12 characters, 13 bytes).
    expect(lintSource(bytes, 'm.yaml', ALL).fatal).toEqual({ message, line: 2, column: 13 });
  });

  it('an unpaired surrogate in UTF-16 is refused at its byte, with its line and column', () => {
    const bytes = utf16('pmlint: 1\nname: "x\uD800y"\n', true);
    // Offset: BOM (2) + 18 characters before it × 2.
    expect(lintSource(bytes, 'm.yaml', ALL).fatal).toEqual({ message: 'not valid UTF-16LE: an unpaired surrogate 0xd800 at byte offset 38', line: 2, column: 9 });
  });

  it('a file with CR-only line endings is read line by line', () => {
    const result = lintSource(ERROR_MAP.replace(/\n/g, '\r'), 'm.yaml', ALL);
    expect(result.fatal).toBeNull();
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual(expected);
  });

  it('`share: .nan` is a schema breach at the value, worded as YAML writes it', () => {
    const text = ERROR_MAP.replace('next: done }', 'next: [{ to: done, share: .nan }] }');
    const schema = lintSource(text, 'm.yaml', ALL).findings.filter((f) => f.ruleId === 'valid-schema');
    expect(schema.map((f) => [f.line, f.column, f.message])).toEqual([[7, 57, '`share` must be a number; got `.nan`, which is no number a map can use']]);
  });
});
