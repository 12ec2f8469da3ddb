// A worker thread of lintShared: rebuilds the config, then takes files from the shared counter
// until none is left, and posts its results once.
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import type { RuleSettings } from '../config/types.js';
import { lintFile } from './lint.js';
import type { WorkerDone, WorkerSetup } from './parallel.js';

const setup = workerData as WorkerSetup;
const config = await loadConfig({ cwd: setup.cwd, configFile: setup.configFile, search: false });
const ruleSettings = new Map(setup.ruleSettings) as RuleSettings;
const counter = new Int32Array(setup.next);

const done: WorkerDone = { results: [] };
for (let k = Atomics.add(counter, 0, 1); k < setup.files.length; k = Atomics.add(counter, 0, 1)) {
  done.results.push([k, lintFile(setup.files[k]!, { cwd: setup.cwd, config, ruleSettings, inlineConfig: setup.inlineConfig })]);
}
parentPort!.postMessage(done);
