import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { packageRoot } from '../paths.js';

/** Where the CLI reads and writes: the process's streams, folder and environment, or a test's. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A command line pmlint cannot act on: exit code 2 with the message. */
export class UsageError extends Error {}

export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

/** For repeatable options: each use adds to the list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export { WriteError, writeOutputFile } from '../util/write-file.js';

/** The config named by `--config`, or the one found from the working directory. */
export function configFor(io: CliIO, configFile: string | undefined): Promise<ResolvedConfig> {
  return loadConfig({ cwd: io.cwd, ...(configFile ? { configFile } : {}) });
}
