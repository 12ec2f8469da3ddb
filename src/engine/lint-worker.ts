// A worker thread of lintInWorkers: rebuilds the config, then lints each batch of files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import type { RuleSettings } from '../config/types.js';
import { lintFile } from './lint.js';
import type { WorkerSetup } from './parallel.js';

const setup = workerData as WorkerSetup;
const config = await loadConfig({ cwd: setup.cwd, configFile: setup.configFile, search: false });
const ruleSettings = new Map(setup.ruleSettings) as RuleSettings;

parentPort!.on('message', (batch: { start: number; files: string[] }) => {
  parentPort!.postMessage({ start: batch.start, results: batch.files.map((file) => lintFile(file, setup.cwd, config, ruleSettings, setup.inlineConfig)) });
});
