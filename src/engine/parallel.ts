import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig, RuleSettings } from '../config/types.js';
import type { FileResult } from '../findings.js';

/** Below this many files a worker's start-up (~0.15 s) costs more than it saves. */
export const PARALLEL_MIN_FILES = 32;
const BATCH = 16;

/** What a worker needs to rebuild the same config: everything here is plain data. */
export interface WorkerSetup {
  cwd: string;
  configFile: string | undefined;
  ruleSettings: [string, { severity: string; options?: Record<string, unknown> }][];
  inlineConfig: boolean;
}

/**
 * Lints files in worker threads, handing out small batches to whichever worker is free.
 * Returns undefined when it is not worth it or not possible (one core, few files, running
 * from TypeScript sources, or a config whose rules are not all built in), so the caller lints in this thread.
 */
export async function lintInWorkers(
  files: readonly string[],
  cwd: string,
  config: ResolvedConfig,
  ruleSettings: RuleSettings | undefined,
  inlineConfig: boolean,
): Promise<FileResult[] | undefined> {
  const script = new URL('./lint-worker.js', import.meta.url);
  const threads = Math.min(availableParallelism(), 4, Math.ceil(files.length / BATCH));
  if (files.length < PARALLEL_MIN_FILES || threads < 2 || !existsSync(fileURLToPath(script))) return undefined;

  const setup: WorkerSetup = { cwd, configFile: config.file, ruleSettings: [...(ruleSettings ?? new Map())], inlineConfig };
  const results: FileResult[] = new Array<FileResult>(files.length);
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolvePool, reject) => {
      const worker = new Worker(script, { workerData: setup });
      const feed = (): void => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolvePool());
          return;
        }
        const start = next;
        next = Math.min(files.length, next + BATCH);
        worker.postMessage({ start, files: files.slice(start, next) });
      };
      worker.on('message', (message: { start: number; results: FileResult[] }) => {
        message.results.forEach((r, i) => (results[message.start + i] = r));
        feed();
      });
      worker.on('error', reject);
      worker.once('online', feed);
    });
  await Promise.all(Array.from({ length: threads }, run));
  return results;
}
