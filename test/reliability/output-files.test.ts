import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, CLEAN_MAP, ERROR_MAP, pmlint, project } from '../helpers/cli.js';

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

/** Runs pmlint as the unprivileged user `nobody` (setpriv), in a folder it may write. */
function asNobody(args: string[], cwd: string) {
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noTemporaries = (dir: string): string[] => readdirSync(dir).filter((name) => name.includes('pmlint-tmp') || name.endsWith('.tmp'));

describe('-o writes through what the target is, and replaces only regular files', () => {
  it.skipIf(!isRoot)('a character device stays a device (mknod in a temporary folder, as root)', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
    expect(pmlint(['check', 'm.yaml', '-o', 'null'], { cwd: dir }).code).toBe(1);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(noTemporaries(dir)).toEqual([]);
  });

  it('a symbolic link is followed: the link stays, the file it names gets the report', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'reports/real.txt': 'old\n' });
    symlinkSync('reports/real.txt', join(dir, 'latest.txt'));
    expect(pmlint(['check', 'm.yaml', '-o', 'latest.txt'], { cwd: dir }).code).toBe(1);
    expect(lstatSync(join(dir, 'latest.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports/real.txt'), 'utf8')).toContain('m.yaml');
    expect(noTemporaries(join(dir, 'reports'))).toEqual([]);
  });

  it('-o /dev/stdout writes to the pipe behind it and leaves the link alone', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    // Through a real pipe: spawnSync's own stdout is a socket, which /dev/stdout cannot open (ENXIO).
    const command = `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check m.yaml -o /dev/stdout | cat`;
    const run = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([1, '']);
    expect(run.stdout).toMatch(/^m\.yaml\n/);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('a dangling symbolic link: the write creates the file it names', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    symlinkSync('made.txt', join(dir, 'link.txt'));
    expect(pmlint(['check', 'm.yaml', '-o', 'link.txt'], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, 'made.txt'), 'utf8')).toContain('m.yaml');
  });

  it('a FIFO is written through (a reader gets the report) and is still a FIFO', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    const reader = spawnSync('sh', ['-c', `cat pipe & ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check m.yaml -o pipe; wait`], { cwd: dir, encoding: 'utf8' });
    expect(reader.stdout).toContain('m.yaml');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('a hard link is kept: both names show the new report', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'a.txt': 'old\n' });
    linkSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    pmlint(['check', 'm.yaml', '-o', 'a.txt'], { cwd: dir });
    expect(statSync(join(dir, 'a.txt')).ino).toBe(statSync(join(dir, 'b.txt')).ino);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toContain('m.yaml');
  });

  it('a regular file is replaced whole and keeps its mode; no temporary file is left', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'out.txt': 'old\n' });
    chmodSync(join(dir, 'out.txt'), 0o640);
    expect(pmlint(['check', 'm.yaml', '-o', 'out.txt'], { cwd: dir }).code).toBe(1);
    expect(statSync(join(dir, 'out.txt')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toContain('m.yaml');
    expect(noTemporaries(dir)).toEqual([]);
  });

  it.skipIf(!isRoot || !hasSetpriv)('a read-only file is refused for a user who may not write it (EACCES, exit 2), as a plain write would', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, 'ro.txt': 'keep\n' });
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'ro.txt'), 0o444);
    const run = asNobody(['check', 'm.yaml', '-o', 'ro.txt'], dir);
    expect([run.code, run.stderr]).toEqual([2, 'pmlint: cannot write ro.txt: EACCES (permission denied)\n']);
    expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe('keep\n');
    expect(statSync(join(dir, 'ro.txt')).mode & 0o777).toBe(0o444);
    expect(noTemporaries(dir)).toEqual([]);
  });

  it('temporary files a killed run left for this target are cleaned up by the next write; others are left', () => {
    const dir = project({ 'm.yaml': ERROR_MAP, '.out.txt.999999999.pmlint-tmp': 'stale', '.other.txt.999999999.pmlint-tmp': 'not ours' });
    pmlint(['check', 'm.yaml', '-o', 'out.txt'], { cwd: dir });
    expect(readdirSync(dir).sort()).toEqual(['.other.txt.999999999.pmlint-tmp', 'm.yaml', 'out.txt']);
  });
});

describe('a write that fails is the user\'s environment: one line naming the file and the reason, exit 2', () => {
  it('a folder as -o (EISDIR); the other outputs are still written', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    mkdirSync(join(dir, 'folder'));
    const run = pmlint(['check', 'm.yaml', '-f', 'json=folder', '-f', 'sarif=out.sarif'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([2, 'pmlint: cannot write folder: EISDIR (it is a folder)\n']);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
  });

  it('a path through a file (ENOTDIR)', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    const run = pmlint(['check', 'm.yaml', '-o', 'm.yaml/out.txt'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([2, 'pmlint: cannot write m.yaml/out.txt: ENOTDIR (a part of the path is not a folder)\n']);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(ERROR_MAP);
  });

  it('a full device (ENOSPC, /dev/full) as -o and as standard output', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    expect(existsSync('/dev/full')).toBe(true);
    const run = pmlint(['check', 'm.yaml', '-o', '/dev/full'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([2, 'pmlint: cannot write /dev/full: ENOSPC (no space left on the device)\n']);
    const stdout = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check m.yaml > /dev/full`], { cwd: dir, encoding: 'utf8' });
    expect([stdout.status, stdout.stderr]).toEqual([2, 'pmlint: cannot write to standard output: ENOSPC\n']);
  });

  it('an unwritable GITHUB_STEP_SUMMARY: the annotations are printed, the summary failure said in one line', () => {
    const dir = project({ 'm.yaml': ERROR_MAP });
    mkdirSync(join(dir, 'summary'));
    const run = pmlint(['check', 'm.yaml', '-f', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary') } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=m.yaml/);
    expect(run.stderr).toBe(`pmlint: cannot write ${join(dir, 'summary')}: EISDIR (it is a folder)\n`);
  });

  it('piping into head (EPIPE) ends quietly, and the exit code still tells the result', () => {
    const maps = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}.yaml`, ERROR_MAP]));
    const dir = project(maps);
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check . --format json | head -c 1`], { cwd: dir, encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([1, '{', '']);
  });

  it('a clean run into a file writes it and exits 0', () => {
    const dir = project({ 'm.yaml': CLEAN_MAP });
    expect(pmlint(['check', 'm.yaml', '-o', 'new/deep/out.txt'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'new/deep/out.txt'), 'utf8')).toContain('RIMS');
  });
});
