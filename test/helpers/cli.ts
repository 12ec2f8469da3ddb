import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'pmlint.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin/pmlint.js as a user would, without a terminal and without colour settings. */
export function pmlint(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding the given files (path → text). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pmlint-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const CLEAN_MAP = `pmlint: 1
process: { id: callback, name: Callback, owner: agent }
actors: { customer: { type: customer }, agent: { type: human } }
systems: { crm: { type: crm }, nps: { type: survey } }
metrics: { calls: { measures: call-back, target: 95%, owner: agent, review: weekly } }
steps:
  - { id: asked, type: start }
  - { id: call-back, type: send, actor: agent, to: customer, channel: phone, reads: crm, writes: [crm, nps] }
  - { id: done, type: end }
`;

/** Only a warning: no end step (end-required is `warn` in recommended). */
export const WARNING_MAP = `pmlint: 1
process: { id: callback, name: Callback, owner: agent }
actors: { customer: { type: customer }, agent: { type: human } }
systems: { crm: { type: crm }, nps: { type: survey } }
metrics: { calls: { measures: call-back, target: 95%, owner: agent, review: weekly } }
steps:
  - { id: asked, type: start }
  - { id: call-back, type: send, actor: agent, to: customer, channel: phone, reads: crm, writes: [crm, nps] }
`;

/** One error: a step nothing reaches. */
export const ERROR_MAP = `pmlint: 1
process: { id: callback, name: Callback, owner: agent }
actors: { customer: { type: customer }, agent: { type: human } }
systems: { crm: { type: crm }, nps: { type: survey } }
metrics: { calls: { measures: call-back, target: 95%, owner: agent, review: weekly } }
steps:
  - { id: asked, type: start, next: done }
  - { id: call-back, type: send, actor: agent, to: customer, channel: phone, reads: crm, writes: [crm, nps] }
  - { id: done, type: end }
`;

/** The `file:line:col: message` of the ConfigError that loading a config in a folder of these files raises. */
export async function configError(files: Record<string, string>): Promise<string> {
  const { loadConfig } = await import('../../src/config/load.js');
  const { ConfigError } = await import('../../src/config/types.js');
  try {
    await loadConfig({ cwd: project(files) });
  } catch (error) {
    if (error instanceof ConfigError) return error.describe();
    throw error;
  }
  throw new Error('no config error');
}
