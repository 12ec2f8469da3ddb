import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/api.js';
import { lintSource } from '../../src/engine/lint.js';
import { MAX_YAML_DEPTH } from '../../src/parse/yaml-document.js';
import { allRules } from '../helpers/lint.js';
import { CLEAN_MAP, configError, pmlint, project } from '../helpers/cli.js';

const ALL = allRules();

/** `levels` collections in all: the top mapping, then a block sequence per `- `. */
const blockSeq = (levels: number): string => `pmlint: 1\nx:\n  ${'- '.repeat(levels - 1)}x\ny: 1\n`;
/** The top mapping, then a mapping per key, each one space further in. */
const blockMap = (levels: number): string =>
  ['pmlint: 1', ...Array.from({ length: levels - 1 }, (_, i) => `${' '.repeat(i)}k${i}:`), `${' '.repeat(levels - 1)}k: v`, 'z: 1'].join('\n') + '\n';
const flow = (levels: number): string => `pmlint: 1\nx: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;

const TOO_DEEP = `nesting deeper than ${MAX_YAML_DEPTH} levels: a process map needs a few`;

describe('deep YAML nesting is refused where it starts, before the parser recurses', () => {
  it.each([
    ['a block sequence', blockSeq, 3, 2 * MAX_YAML_DEPTH + 1],
    ['a block mapping', blockMap, MAX_YAML_DEPTH + 2, MAX_YAML_DEPTH + 1],
    ['a flow sequence', flow, 2, MAX_YAML_DEPTH + 3],
  ])('%s: the limit read, one more refused at the collection that opens it', (_kind, make, line, column) => {
    expect(lintSource(make(MAX_YAML_DEPTH), 'deep.yaml', ALL).fatal).toBeNull();
    expect(lintSource(make(MAX_YAML_DEPTH + 1), 'deep.yaml', ALL).fatal).toEqual({ message: TOO_DEEP, line, column });
  });

  it.each([3000, 10_000])('%i levels of `- - - x` then a key further out: a fatal, not a stack overflow', (levels) => {
    const result = lintSource(blockSeq(levels), 'deep.yaml', ALL);
    expect(result.fatal).toEqual({ message: TOO_DEEP, line: 3, column: 2 * MAX_YAML_DEPTH + 1 });
  });

  it('a 2,000-level block mapping: the same fatal', () => {
    expect(lintSource(blockMap(2000), 'deep.yaml', ALL).fatal).toEqual({ message: TOO_DEEP, line: MAX_YAML_DEPTH + 2, column: MAX_YAML_DEPTH + 1 });
  });

  it('lintText resolves with the fatal instead of rejecting', async () => {
    const result = await lintText(blockSeq(3000), { filePath: 'deep.yaml' });
    expect(result.fatal?.message).toBe(TOO_DEEP);
  });

  it('a deep config file is a config error at the line where the nesting goes too deep', async () => {
    const text = `rules:\n  end-required: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    expect(await configError({ 'pmlint.config.yaml': text })).toBe(`pmlint.config.yaml:2:${16 + MAX_YAML_DEPTH - 1}: ${TOO_DEEP}`);
  });

  it('the CLI reports the deep map (exit 2) and still lints and reports the other file; graph says why it cannot draw it', () => {
    const dir = project({ 'deep.yaml': blockSeq(3000), 'ok.yaml': CLEAN_MAP });
    const run = pmlint(['check', 'deep.yaml', 'ok.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const files = (JSON.parse(run.stdout) as { files: { file: string; fatal: unknown; findings: unknown[] }[] }).files;
    expect(files.map((f) => [f.file, f.fatal])).toEqual([
      ['deep.yaml', { message: TOO_DEEP, line: 3, column: 2 * MAX_YAML_DEPTH + 1 }],
      ['ok.yaml', null],
    ]);
    const drawn = pmlint(['graph', 'deep.yaml'], { cwd: dir });
    expect([drawn.code, drawn.stderr]).toEqual([2, `pmlint: deep.yaml:3:${2 * MAX_YAML_DEPTH + 1}: ${TOO_DEEP}\n`]);
  });
});
