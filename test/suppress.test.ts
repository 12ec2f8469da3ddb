import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { loadConfig } from '../src/config/load.js';
import { directiveComments } from '../src/parse/comments.js';
import { lintSource } from '../src/engine/lint.js';
import { ERROR_MAP, pmlint, project } from './helpers/cli.js';
import { recommended } from './helpers/lint.js';

// Every built-in rule is known, though only the recommended ones are on.
const CONFIG = await loadConfig({ cwd: tmpdir(), search: false });
const lint = (text: string, inlineConfig = true) => lintSource(text, 'x.yaml', recommended(), { inlineConfig, config: CONFIG });
const marks = (text: string, inlineConfig = true): string[] => lint(text, inlineConfig).findings.map((f) => `${f.line}:${f.ruleId}`);

// Line 8 holds call-back, which nothing reaches (no-unreachable, error).
const at = (line: number, comment: string): string => {
  const lines = ERROR_MAP.split('\n');
  lines.splice(line - 1, 0, comment);
  return lines.join('\n');
};

describe('inline directives', () => {
  it('finds directive comments with yaml\'s lexer, not inside strings', () => {
    expect(directiveComments('a: "# pmlint-disable x"  # pmlint-disable y\n# pmlint-enable\nb: plain # pmlint-disable-next-line\n')).toEqual([
      { line: 1, column: 26, text: '# pmlint-disable y' },
      { line: 2, column: 1, text: '# pmlint-enable' },
      { line: 3, column: 10, text: '# pmlint-disable-next-line' },
    ]);
    expect(directiveComments('a: 1 # an ordinary comment\n')).toEqual([]);
  });

  it('reports the finding without a directive', () => {
    expect(marks(ERROR_MAP)).toEqual(['8:no-unreachable']);
  });

  it('pmlint-disable-next-line with a rule id and a reason', () => {
    const result = lint(at(8, '  # pmlint-disable-next-line no-unreachable -- kept for the audit trail'));
    expect(result.findings).toEqual([]);
    expect(result.suppressed!.map((f) => `${f.line}:${f.ruleId}`)).toEqual(['9:no-unreachable']);
  });

  it('pmlint-disable-next-line with several rule ids, and bare for every rule', () => {
    expect(marks(at(8, '  # pmlint-disable-next-line contact-logged, no-unreachable'))).toEqual(['8:unused-disable']);
    expect(marks(at(8, '  # pmlint-disable-next-line'))).toEqual([]);
  });

  it('pmlint-disable … pmlint-enable covers a block', () => {
    expect(marks(at(8, '  # pmlint-disable no-unreachable'))).toEqual([]);
    const closed = at(8, '  # pmlint-disable no-unreachable').replace('  - { id: done', '  # pmlint-enable no-unreachable\n  - { id: done');
    expect(marks(closed)).toEqual([]);
    const before = at(7, '  # pmlint-disable no-unreachable').replace('  - { id: asked', '  # pmlint-enable no-unreachable\n  - { id: asked');
    expect(marks(before)).toEqual(['7:unused-disable', '10:no-unreachable']);
    expect(marks(at(1, '# pmlint-disable'))).toEqual([]);
  });

  it('reports a directive that silences nothing, and one naming an unknown rule', () => {
    const unused = lint(at(7, '  # pmlint-disable-next-line no-unreachable'));
    expect(unused.findings.map((f) => [f.line, f.column, f.ruleId, f.severity, f.message])).toEqual([
      [7, 3, 'unused-disable', 'warning', '`pmlint-disable-next-line no-unreachable` silences nothing: there is no `no-unreachable` finding on the next line; remove it'],
      [9, 11, 'no-unreachable', 'error', 'no path from a start reaches `call-back`: connect it with a `next` from an earlier step, or remove it'],
    ]);
    const unknown = lint(at(8, '  # pmlint-disable-next-line no-unreachable, no-such-rule'));
    expect(unknown.findings.map((f) => f.message)).toEqual(['`pmlint-disable-next-line no-unreachable, no-such-rule` names `no-such-rule`, which is not a rule']);
  });

  it('is ignored with --no-inline-config', () => {
    expect(marks(at(8, '  # pmlint-disable-next-line no-unreachable'), false)).toEqual(['9:no-unreachable']);
  });

  it('does not count a suppressed finding against the RIMS score', () => {
    const map = ERROR_MAP.replace(', owner: agent', '');
    expect(lint(map).rims.R).toBe(50);
    expect(lint(map.replace('process: {', '# pmlint-disable-next-line process-owner\nprocess: {')).rims.R).toBe(100);
  });

  it('counts suppressed findings in the JSON summary, and --no-inline-config on the command line', () => {
    const dir = project({ 'x.yaml': at(8, '  # pmlint-disable-next-line no-unreachable') });
    const run = pmlint(['check', 'x.yaml', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: object }).summary).toEqual({ files: 1, errors: 0, warnings: 0, suppressed: 1, baselined: 0 });
    expect(pmlint(['check', 'x.yaml', '--no-inline-config'], { cwd: dir }).code).toBe(1);
  });
});
