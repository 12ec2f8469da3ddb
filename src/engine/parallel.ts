import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../findings.js';
import { formatOf } from '../parse/formats.js';
import type { RunOptions } from './options.js';

/**
 * The work, in YAML bytes, below which workers do not pay. A worker needs ~0.1 s to start and then
 * warms its own JIT while competing with this thread for the cores: measured on two cores
 * (`npm run bench`), 100 maps (0.8 MB) were linted faster in this thread alone, 200 (1.6 MB) as fast
 * either way, 1,000 (7.9 MB) 1.3x as fast with a worker.
 */
export const PARALLEL_MIN_WORK = 2 * 1024 * 1024;
/** Workers beside the main thread, at most. */
const MAX_WORKERS = 3;

/** What a worker needs to rebuild the same config and share the files: everything here is plain data. */
export interface WorkerSetup {
  cwd: string;
  configFile: string | undefined;
  ruleSettings: [string, { severity: string; options?: Record<string, unknown> }][];
  inlineConfig: boolean;
  /** The files in the order they are handed out (most work first). */
  files: string[];
  /** One Int32: the index in `files` of the next file to take, shared by every thread. */
  next: SharedArrayBuffer;
}

/** What a worker posts when no file is left: each result with its index in `files`. */
export interface WorkerDone {
  results: [number, FileResult][];
}

export interface WorkPlan {
  /** Indices of the files, most work first, so that no thread is left with a big file at the end. */
  order: number[];
  /** Worker threads to start beside the main thread (0: lint in this thread alone). */
  workers: number;
}

/**
 * How to share files between this thread and workers, given each file's work (`workOf`). Workers
 * are started only when the work is worth their start-up, and never more than there are other cores.
 */
export function planWork(work: readonly number[], cores: number): WorkPlan {
  const order = work.map((_, i) => i).sort((a, b) => work[b]! - work[a]! || a - b);
  const total = work.reduce((sum, w) => sum + w, 0);
  const worth = work.length >= 2 && total >= PARALLEL_MIN_WORK;
  return { order, workers: worth ? Math.max(0, Math.min(cores - 1, MAX_WORKERS, work.length - 1)) : 0 };
}

/** A file's expected work in YAML bytes: its size, weighted by its format (a BPMN byte is about an eighth). */
export function workOf(file: string): number {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return 0; // unreadable: lintFile reports it
  }
  return size * formatOf(file).weight;
}

/** How to share, for tests: the worker's module and the cores to plan for. */
export interface ShareTuning {
  /** The worker's module (default: lint-worker.js beside this one, which only the build has). */
  workerScript?: URL;
  /** Cores to plan for (default: what the machine offers). */
  cores?: number;
}

/**
 * Lints files in this thread and, when it pays, in worker threads beside it. Every thread takes the
 * next file from one shared counter, so none waits for another. A file a worker took but did not
 * finish (the worker failed to start or crashed) is linted here afterwards: no file is ever lost.
 * Results keep the files' order.
 */
export async function lintShared(
  files: readonly string[],
  lintHere: (file: string) => FileResult,
  options: RunOptions,
  tuning: ShareTuning = {},
): Promise<FileResult[]> {
  const script = tuning.workerScript ?? new URL('./lint-worker.js', import.meta.url);
  const plan = planWork(files.map(workOf), tuning.cores ?? availableParallelism());
  const workers = plan.workers > 0 && existsSync(fileURLToPath(script)) ? plan.workers : 0;
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length);
  const ordered = plan.order.map((i) => files[i]!);
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);

  const setup: WorkerSetup = {
    cwd: options.cwd,
    configFile: options.config.file,
    ruleSettings: [...(options.ruleSettings ?? new Map())],
    inlineConfig: options.inlineConfig !== false,
    files: ordered,
    next,
  };
  const finished = Array.from(
    { length: workers },
    () =>
      new Promise<void>((done) => {
        const worker = new Worker(script, { workerData: setup });
        worker.on('message', (message: WorkerDone) => {
          for (const [k, result] of message.results) results[plan.order[k]!] = result;
        });
        worker.on('error', () => undefined); // its files are linted below
        worker.on('exit', () => done());
      }),
  );
  for (let k = Atomics.add(counter, 0, 1); k < ordered.length; k = Atomics.add(counter, 0, 1)) {
    results[plan.order[k]!] = lintHere(ordered[k]!);
  }
  await Promise.all(finished);
  // Array.from, not map: map would skip the holes a crashed worker leaves.
  return Array.from(results, (result, i) => result ?? lintHere(files[i]!));
}
