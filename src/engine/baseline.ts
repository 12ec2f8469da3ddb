import { dirname, relative, resolve, sep } from 'node:path';
import { summarize, type FileResult, type Finding, type LintResult, type Prunable } from '../findings.js';
import { readRegularFile, ReadError } from '../input/read-file.js';
import { describeThrown } from '../util/describe.js';
import { writeOutputFile } from '../util/write-file.js';
import type { BaselineOptions } from './options.js';

/**
 * Known findings, so a pipeline fails only on what a change makes worse. Keyed by file (relative to the
 * baseline file), rule id and step id, not by line: an edit elsewhere in the map does not break the match.
 * A count per key makes a second identical finding new.
 */
export interface Baseline {
  version: 1;
  findings: Record<string, Record<string, Record<string, number>>>;
}

/** A baseline that cannot be used: the run cannot do what was asked (exit code 2). */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    /** Why, for people: `ENOENT (no such file or folder)`, `not a pmlint baseline: …`. */
    readonly reason: string,
  ) {
    super(`cannot use the baseline ${file}: ${reason}`);
  }
}

/** A baseline lists findings by file, rule and step: even a large monorepo's is a few megabytes. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

const MAP_LEVEL = '(map)';

function fileKey(file: string, cwd: string, baselineFile: string): string {
  return relative(dirname(baselineFile), resolve(cwd, file)).split(sep).join('/');
}

function stepKey(f: Finding): string {
  return f.stepId ?? MAP_LEVEL;
}

/** A record without a prototype: a key such as `constructor` or `__proto__` is a key like any other. */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function sorted<T>(from: Record<string, T>, map: (value: T) => unknown = (v) => v): Record<string, unknown> {
  const out = record<unknown>();
  for (const key of Object.keys(from).sort()) out[key] = map(from[key]!);
  return out;
}

/** A copy of parsed JSON data with every object prototype-less (JSON.parse keeps `__proto__` as an own key). */
function bare(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out = record<unknown>();
  for (const key of Object.keys(value)) out[key] = bare((value as Record<string, unknown>)[key]);
  return out;
}

/** The baseline of the current findings, as sorted, stable JSON that reviews well in a diff. */
export function createBaseline(files: readonly FileResult[], cwd: string, baselineFile: string): string {
  const findings: Baseline['findings'] = record();
  for (const file of files) {
    for (const f of file.findings) {
      if (f.internal) continue;
      const byRule = (findings[fileKey(file.file, cwd, baselineFile)] ??= record());
      const byStep = (byRule[f.ruleId] ??= record());
      byStep[stepKey(f)] = (byStep[stepKey(f)] ?? 0) + 1;
    }
  }
  const stable = { version: 1, findings: sorted(findings, (byRule) => sorted(byRule, (byStep) => sorted(byStep))) };
  return JSON.stringify(stable, null, 2) + '\n';
}

/** Reads a baseline file's text; throws an Error with a message for people when it is not one. */
export function parseBaseline(text: string): Baseline {
  const data = bare(JSON.parse(text)) as Partial<Baseline>;
  const ok =
    data?.version === 1 &&
    typeof data.findings === 'object' &&
    data.findings !== null &&
    Object.values(data.findings).every(
      (byRule) =>
        typeof byRule === 'object' &&
        byRule !== null &&
        Object.values(byRule).every((byStep) => typeof byStep === 'object' && byStep !== null && Object.values(byStep).every((n) => Number.isInteger(n) && n > 0)),
    );
  if (!ok) throw new Error('not a pmlint baseline: expected { "version": 1, "findings": { file: { rule: { step: count } } } }');
  return data as Baseline;
}

/** Drops the findings the baseline holds (by count), and lists what it holds that no longer occurs. */
export function applyBaseline(
  files: readonly FileResult[],
  baseline: Baseline,
  cwd: string,
  baselineFile: string,
): { files: FileResult[]; baselined: number; prunable: Prunable[] } {
  // Prunable files are relative to the baseline file here.
  const left = bare(baseline.findings) as Baseline['findings'];
  let baselined = 0;
  const out = files.map((file) => {
    const byRule = left[fileKey(file.file, cwd, baselineFile)];
    if (!byRule) return file;
    const findings = file.findings.filter((f) => {
      const byStep = byRule[f.ruleId];
      const count = byStep?.[stepKey(f)] ?? 0;
      if (f.internal || count === 0) return true;
      byStep![stepKey(f)] = count - 1;
      baselined++;
      return false;
    });
    return { ...file, findings };
  });
  const prunable: Prunable[] = [];
  for (const [file, byRule] of Object.entries(left)) {
    for (const [ruleId, byStep] of Object.entries(byRule)) {
      for (const [stepId, count] of Object.entries(byStep)) if (count > 0) prunable.push({ file, ruleId, stepId, count });
    }
  }
  return { files: out, baselined, prunable };
}

/**
 * Applies the baseline of `options` to a run's result: with `update`, the file is first rewritten from
 * the result's findings. Throws BaselineError for a baseline that cannot be read, WriteError for one
 * that cannot be written.
 */
export function useBaseline(result: LintResult, options: BaselineOptions, cwd: string): LintResult {
  const file = resolve(cwd, options.file);
  const shown = relative(cwd, file) || file;
  let written: number | undefined;
  if (options.update) {
    writeOutputFile(file, createBaseline(result.files, cwd, file), shown);
    written = result.files.reduce((n, f) => n + f.findings.filter((x) => !x.internal).length, 0);
  }
  let baseline: Baseline;
  try {
    baseline = parseBaseline(new TextDecoder().decode(readRegularFile(file, MAX_BASELINE_BYTES)));
  } catch (error) {
    throw new BaselineError(shown, error instanceof ReadError ? error.reason : describeThrown(error));
  }
  const applied = applyBaseline(result.files, baseline, cwd, file);
  const prunable = applied.prunable.map((p) => ({ ...p, file: relative(cwd, resolve(dirname(file), p.file)) || p.file }));
  return { ...summarize(applied.files), baselinedCount: applied.baselined, baseline: { file: shown, ...(written !== undefined ? { written } : {}), prunable } };
}
