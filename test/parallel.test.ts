import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../src/config/types.js';
import { lintShared, PARALLEL_MIN_WORK, planWork, workOf } from '../src/engine/parallel.js';
import type { FileResult } from '../src/findings.js';
import { project } from './helpers/cli.js';

const MB = 1024 * 1024;

describe('sharing files between threads', () => {
  it('hands out the files with the most work first, ties in their order', () => {
    expect(planWork([10, 300, 20, 300, 5], 2).order).toEqual([1, 3, 2, 0, 4]);
  });

  it('starts no worker below the work that pays for one', () => {
    expect(planWork([PARALLEL_MIN_WORK / 2 - 1, PARALLEL_MIN_WORK / 2], 8).workers).toBe(0);
    expect(planWork(Array.from({ length: 1000 }, () => 2000), 8).workers).toBe(0);
  });

  it('starts a worker per other core, at most three, once the work pays', () => {
    const work = [MB, MB, MB, MB, MB];
    expect(planWork(work, 1).workers).toBe(0);
    expect(planWork(work, 2).workers).toBe(1);
    expect(planWork(work, 4).workers).toBe(3);
    expect(planWork(work, 64).workers).toBe(3);
  });

  it('never starts more workers than there are files beside the one this thread takes', () => {
    expect(planWork([3 * MB], 8).workers).toBe(0);
    expect(planWork([2 * MB, MB], 8).workers).toBe(1);
  });

  it('weighs a BPMN byte as an eighth of a YAML byte, and an unreadable file as nothing', () => {
    const dir = project({ 'a.yaml': 'x'.repeat(800), 'b.bpmn': 'x'.repeat(800) });
    expect(workOf(join(dir, 'a.yaml'))).toBe(800);
    expect(workOf(join(dir, 'b.bpmn'))).toBe(100);
    expect(workOf(join(dir, 'missing.yaml'))).toBe(0);
  });
});

describe('no file is lost when a worker fails', () => {
  // Four sparse files of 1 MiB: work enough for workers, nothing to read.
  const dir = project({});
  const files = ['a', 'b', 'c', 'd'].map((name) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, '');
    truncateSync(file, MB);
    return file;
  });
  const config = { file: undefined } as unknown as ResolvedConfig;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const names = (results: FileResult[]) => results.map((r) => r.file);

  /**
   * Shares the files with workers running `body` (which has `counter`, `workerData` and `took()`, to
   * call once it has taken a file). With `waitForTake`, this thread's first file waits (5 s at most)
   * until a worker has taken one, so the test does not depend on how fast workers start.
   */
  const share = (body: string, waitForTake: boolean): Promise<FileResult[]> => {
    const id = Math.random().toString(36).slice(2);
    const marker = join(dir, `took-${id}`);
    const script = join(dir, `worker-${id}.mjs`);
    writeFileSync(
      script,
      [
        "import { parentPort, workerData } from 'node:worker_threads';",
        "import { writeFileSync } from 'node:fs';",
        "import { basename } from 'node:path';",
        'const counter = new Int32Array(workerData.next);',
        `const took = () => writeFileSync(${JSON.stringify(marker)}, '');`,
        body,
      ].join('\n'),
    );
    const here = (file: string): FileResult => {
      for (let waited = 0; waitForTake && file === files[0] && !existsSync(marker) && waited < 5000; waited += 10) Atomics.wait(nap, 0, 0, 10);
      return { file: `here:${basename(file)}`, findings: [], rims: { R: null, I: null, M: null, S: null, H: null }, fatal: null };
    };
    return lintShared(files, here, { cwd: dir, config, inlineConfig: true }, { workerScript: pathToFileURL(script), cores: 4 });
  };

  it('shares the files with workers that work, keeping their order', async () => {
    const results = await share(
      `const results = [];
for (let k = Atomics.add(counter, 0, 1); k < workerData.files.length; k = Atomics.add(counter, 0, 1)) {
  results.push([k, { file: 'worker:' + basename(workerData.files[k]), findings: [], rims: {}, fatal: null }]);
  took();
}
parentPort.postMessage({ results });`,
      true,
    );
    expect(names(results).map((f) => f.split(':')[1])).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    expect(names(results).filter((f) => f.startsWith('worker:')).length).toBeGreaterThan(0);
  });

  it('lints here what workers that fail to start never took', async () => {
    const results = await share(`throw new Error('cannot start');`, false);
    expect(names(results)).toEqual(['here:a.yaml', 'here:b.yaml', 'here:c.yaml', 'here:d.yaml']);
  });

  it('lints here the files workers took and crashed on', async () => {
    const results = await share(`Atomics.add(counter, 0, 1); took(); throw new Error('crashed');`, true);
    expect(names(results)).toEqual(['here:a.yaml', 'here:b.yaml', 'here:c.yaml', 'here:d.yaml']);
  });
});
