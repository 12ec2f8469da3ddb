import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/formatters/printable.js';
import { ERROR_MAP, pmlint, project } from '../helpers/cli.js';

/** ERROR_MAP with an ESC sequence, a bell, a NUL-like control and a bidi override in its text. */
const HOSTILE = ERROR_MAP.replace('process: { id: callback, name: Callback', 'process: { id: callback, name: "Call\\e[31mback\\a\\x01\\u202Eevil"').replace(
  '{ id: call-back, type: send,',
  '{ id: call-back, name: "Ring\\e]0;pwned\\x07 them\\nnow", type: send,',
);
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/;

describe('control characters from a map never reach the output raw', () => {
  it('printable() escapes controls and bidi overrides, and turns line breaks and tabs into spaces', () => {
    expect(printable('a\u001b[31mb\u0007c\u202Ed\te\nf\r\ng')).toBe('a\\x1B[31mb\\x07c\\u202Ed e f  g');
    expect(printable('säljare – ok')).toBe('säljare – ok');
  });

  it.each(['stylish', 'markdown', 'github', 'junit', 'json', 'sarif'])('--format %s holds no raw control character', (format) => {
    const dir = project({ 'm.yaml': HOSTILE });
    const run = pmlint(['check', 'm.yaml', '--format', format], { cwd: dir, env: { FORCE_COLOR: '0' } });
    expect(run.code).toBe(1);
    expect(RAW.test(run.stdout)).toBe(false);
  });

  it('JUnit stays well-formed XML', () => {
    const run = pmlint(['check', 'm.yaml', '--format', 'junit'], { cwd: project({ 'm.yaml': HOSTILE }) });
    expect(XMLValidator.validate(run.stdout)).toBe(true);
  });

  it('the diagrams show the escaped name, readable', () => {
    const dir = project({ 'm.yaml': HOSTILE });
    for (const format of ['mermaid', 'dot']) {
      const run = pmlint(['graph', 'm.yaml', '--format', format], { cwd: dir });
      expect(run.code).toBe(0);
      expect(RAW.test(run.stdout)).toBe(false);
    }
    expect(pmlint(['report', 'm.yaml'], { cwd: dir }).stdout).toContain('Call\\x1B[31mback\\x07\\x01\\u202Eevil');
  });
});
