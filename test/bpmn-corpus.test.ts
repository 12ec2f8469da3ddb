import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSource } from '../src/api.js';
import { loadConfig } from '../src/config/load.js';
import { lintSource } from '../src/engine/lint.js';
import { ROOT } from './helpers/cli.js';
import { recommended } from './helpers/lint.js';

/** Every real model in ../shared/corpus/ (its folders bpmn and bpmn-bench): read, and read the same once converted. */
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const FILES = existsSync(CORPUS)
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(CORPUS, d.name)).filter((f) => /\.bpmn2?$/.test(f)).map((f) => join(d.name, f)))
      .sort()
  : [];
const RULES = recommended();

describe.runIf(FILES.length > 0)('BPMN corpus: every model loads, and convert then check agrees with check', () => {
  it.each(FILES)('%s', async (file) => {
    const bytes = readFileSync(join(CORPUS, file));
    const direct = lintSource(bytes, file, RULES);
    expect(direct.fatal).toBeNull();
    expect(direct.findings.filter((f) => f.internal)).toEqual([]);
    const converted = await convertSource(bytes, file, { config: await loadConfig({ cwd: tmpdir(), search: false, plugins: false }) });
    if (!converted.ok) throw new Error(converted.message);
    const again = lintSource(converted.yaml, `${file}.yaml`, RULES);
    expect(again.fatal).toBeNull();
    const keys = (findings: typeof direct.findings) => findings.map((f) => `${f.ruleId}/${f.messageId}@${f.stepId ?? '-'}`).sort();
    expect(keys(again.findings)).toEqual(keys(direct.findings));
  });
});

if (FILES.length === 0) {
  describe('BPMN corpus', () => {
    it.skip('skipped: ../shared/corpus/ is not beside this checkout (CI lays it there)', () => {});
  });
}
