import { resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { lintFiles, lintText, type LintOptions } from './api.js';
import { maxBytesFor, MAX_FILE_MB_HINT } from './engine/lint.js';
import { summarize, type FileResult, type LintResult, type PlanItem } from './findings.js';
import { decodeText } from './input/decode.js';
import { readRegularFile, ReadError } from './input/read-file.js';
import { formatOf } from './parse/formats.js';
import { applyPlan } from './plan/apply.js';
import { describeThrown } from './util/describe.js';
import { writeOutputFile } from './util/write-file.js';
import { loadConfig } from './config/load.js';

/** What `fix` did to one file. */
export interface FixedFile {
  file: string;
  /** The plan's items written into the map, in order. */
  applied: PlanItem[];
  /** Items that could not be written automatically, with the reason (a BPMN file: all of them). */
  skipped: { item: PlanItem; reason: string }[];
  /** The change as a unified diff; empty when nothing changed. */
  diff: string;
  /** Whether the file was rewritten (never on a dry run). */
  written: boolean;
}

export interface FixResult {
  /** The findings left once the plan is applied (on a dry run: as they would be). */
  result: LintResult;
  files: FixedFile[];
}

/** Rounds of plan, apply, check: a step the plan adds can let a later rule ask for one more. */
const ROUNDS = 3;

/**
 * Applies each map's plan of missing activities, as `pmlint fix` does: YAML maps are edited in place
 * (written atomically, every untouched line kept), BPMN models never. `dryRun` writes nothing.
 */
export async function fixFiles(patterns: readonly string[], options: LintOptions & { dryRun?: boolean } = {}): Promise<FixResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = options.config ?? (await loadConfig({ cwd, ...(options.configFile ? { configFile: options.configFile } : {}) }));
  const { dryRun, ...lintOptions } = { ...options, cwd, config };
  const first = await lintFiles(patterns, lintOptions);
  const files: FixedFile[] = [];
  const replaced = new Map<string, FileResult>();
  for (const result of first.files) {
    const plan = result.plan ?? [];
    if (result.fatal || plan.length === 0) continue;
    if (formatOf(result.file).name !== 'yaml') {
      files.push({ file: result.file, applied: [], skipped: plan.map((item) => ({ item, reason: 'a BPMN model is never rewritten: `pmlint convert` it to a YAML map first' })), diff: '', written: false });
      continue;
    }
    const path = resolve(cwd, result.file);
    const before = readText(path, config.maxFileMb);
    if (typeof before !== 'string') {
      files.push({ file: result.file, applied: [], skipped: plan.map((item) => ({ item, reason: before.reason })), diff: '', written: false });
      continue;
    }
    let text = before;
    let current: FileResult = result;
    const applied: PlanItem[] = [];
    let skipped: FixedFile['skipped'] = [];
    for (let round = 0; round < ROUNDS && (current.plan ?? []).length > 0; round++) {
      const outcome = applyPlan(text, current.plan ?? []);
      skipped = outcome.skipped;
      if (outcome.applied.length === 0) break;
      applied.push(...outcome.applied);
      text = outcome.text;
      current = await lintText(text, { ...lintOptions, filePath: result.file });
    }
    const diff = text === before ? '' : createTwoFilesPatch(`a/${result.file}`, `b/${result.file}`, before, text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    let written = false;
    if (!dryRun && text !== before) {
      writeOutputFile(path, text, result.file);
      written = true;
    }
    replaced.set(result.file, current);
    files.push({ file: result.file, applied, skipped, diff, written });
  }
  if (replaced.size === 0) return { result: first, files };
  return { result: summarize(first.files.map((f) => replaced.get(f.file) ?? f)), files };
}

function readText(path: string, maxFileMb: number | undefined): string | { reason: string } {
  try {
    const decoded = decodeText(readRegularFile(path, maxBytesFor(path, maxFileMb), MAX_FILE_MB_HINT));
    return decoded.ok ? decoded.text : { reason: decoded.fatal.message };
  } catch (error) {
    return { reason: error instanceof ReadError ? error.message : describeThrown(error) };
  }
}
