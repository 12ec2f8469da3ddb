import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_MAP, pmlint, project, ROOT } from '../helpers/cli.js';

const BPMN = readFileSync(join(ROOT, 'test', 'fixtures', 'bpmn', 'lease-renewal.bpmn'), 'utf8');

/** A plugin that leaves a mark when it is loaded: the proof that its code ran. */
const MARKER = `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./loaded.txt', import.meta.url), 'ran');
export default { name: 'spy', rules: { seen: { meta: { messages: { m: 'spy' } }, check() {} } } };
`;

describe('a config is code you trust: its plugins run only for commands that run rules', () => {
  const files = { 'spy.js': MARKER, 'pmlint.config.yaml': 'plugins: [./spy.js]\nrules:\n  spy/seen: error\nbpmn:\n  customer: [patron]\n', 'm.yaml': CLEAN_MAP, 'order.bpmn': BPMN };

  it('convert reads the config\'s BPMN words without loading its plugins', () => {
    const dir = project(files);
    const run = pmlint(['convert', 'order.bpmn'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(existsSync(join(dir, 'loaded.txt'))).toBe(false);
  });

  it('check loads them (it runs their rules)', () => {
    const dir = project(files);
    expect(pmlint(['check', 'm.yaml'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'loaded.txt'))).toBe(true);
  });
});
