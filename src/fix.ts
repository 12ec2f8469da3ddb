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

/** The findings that say a map breaks its format: a fix must never add one. */
const BREACHES = new Set(['valid-schema', 'no-unknown-reference']);
const breaches = (result: FileResult): number => result.findings.filter((f) => BREACHES.has(f.ruleId)).length;

/**
 * Rounds of plan, apply, check: a step the plan adds can let a later rule ask for one more (a survey
 * is itself an automated contact, which a person must hear of). At most ten, as ESLint's passes.
 */
export const FIX_ROUNDS = 10;

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
    const read = readText(path, config.maxFileMb);
    if ('reason' in read) {
      files.push({ file: result.file, applied: [], skipped: plan.map((item) => ({ item, reason: read.reason })), diff: '', written: false });
      continue;
    }
    const { text: before, bytes } = read;
    let text = before;
    let current: FileResult = result;
    const applied: PlanItem[] = [];
    let skipped: FixedFile['skipped'] = [];
    for (let round = 0; round < FIX_ROUNDS && (current.plan ?? []).length > 0; round++) {
      const outcome = applyPlan(text, current.plan ?? []);
      skipped = outcome.skipped;
      if (outcome.applied.length === 0) break;
      const next = await lintText(outcome.text, { ...lintOptions, filePath: result.file });
      // A round that would make the map unreadable, or add a breach of the format, is not kept.
      if (next.fatal || breaches(next) > breaches(current)) {
        const why = next.fatal?.message ?? next.findings.find((f) => BREACHES.has(f.ruleId) && !current.findings.some((c) => c.message === f.message))?.message ?? 'a breach of the format';
        skipped = [...skipped, ...outcome.applied.map((item) => ({ item, reason: `the edit would break the map (${why}); add it by hand` }))];
        break;
      }
      applied.push(...outcome.applied);
      text = outcome.text;
      current = next;
    }
    const diff = text === before ? '' : createTwoFilesPatch(`a/${result.file}`, `b/${result.file}`, before, text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    let written = false;
    if (!dryRun && text !== before) {
      writeOutputFile(path, encodeLike(bytes, text), result.file);
      written = true;
    }
    replaced.set(result.file, current);
    files.push({ file: result.file, applied, skipped, diff, written });
  }
  if (replaced.size === 0) return { result: first, files };
  return { result: summarize(first.files.map((f) => replaced.get(f.file) ?? f)), files };
}

function readText(path: string, maxFileMb: number | undefined): { text: string; bytes: Uint8Array } | { reason: string } {
  try {
    const bytes = readRegularFile(path, maxBytesFor(path, maxFileMb), MAX_FILE_MB_HINT);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe)) {
      return { reason: 'the map is written in UTF-32: save it as UTF-8 (or UTF-16) for fix to write it' };
    }
    const decoded = decodeText(bytes);
    return decoded.ok ? { text: decoded.text, bytes } : { reason: decoded.fatal.message };
  } catch (error) {
    return { reason: error instanceof ReadError ? error.message : describeThrown(error) };
  }
}

/** The fixed text in the encoding the map was read in: UTF-8 (with its byte-order mark if it had one) or UTF-16 with its mark. */
function encodeLike(original: Uint8Array, text: string): string | Uint8Array {
  const [a, b, c] = [original[0], original[1], original[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return `\uFEFF${text}`;
  if (a === 0xff && b === 0xfe) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (a === 0xfe && b === 0xff) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return text;
}
