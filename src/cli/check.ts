import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintFiles } from '../api.js';
import { fixFiles, type FixResult } from '../fix.js';
import type { ResolvedConfig } from '../config/types.js';
import { BaselineError } from '../engine/baseline.js';
import type { LintResult } from '../findings.js';
import { formatters } from '../formatters/index.js';
import { didYouMean } from '../util/did-you-mean.js';
import { useColor } from './color.js';
import { describeThrown } from '../util/describe.js';
import { errorCode } from '../util/system-error.js';
import { configFor, UsageError, version, WriteError, writeOutputFile, type CliIO } from './io.js';
import { parseSeverity, severityWord, type SeverityWord } from '../severity.js';

export interface CheckOptions {
  config?: string;
  format: string[];
  output?: string;
  quiet?: boolean;
  maxWarnings?: number;
  rule: string[];
  color?: boolean;
  inlineConfig?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  /** Apply the plan of missing activities to the YAML maps first (`pmlint fix`, `check --fix`). */
  fix?: boolean;
  /** Print the plan's change as a unified diff, write nothing. */
  fixDryRun?: boolean;
}


/** Every warning of the run, shown or left out by `--quiet`. */
function warnings(result: LintResult): number {
  return result.warningCount + (result.quietedCount ?? 0);
}

/** Exit code from cli.md: 2 when pmlint could not do its job, 1 for errors or too many warnings, else 0. */
export function exitCode(result: LintResult, maxWarnings: number | undefined): number {
  if (result.incomplete) return 2;
  if (result.errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warnings(result) > maxWarnings) return 1;
  return 0;
}

function ruleSettings(flags: string[], known: Iterable<string>): Record<string, SeverityWord> {
  const settings: Record<string, SeverityWord> = {};
  const ids = [...known];
  for (const flag of flags) {
    const match = /^([^=]+)=(.+)$/.exec(flag);
    const parsed = match ? parseSeverity(match[2]!.trim()) : undefined;
    const severity = parsed === undefined ? undefined : severityWord(parsed);
    if (!match || !severity) throw new UsageError(`--rule takes id=severity (off, warn or error); got '${flag}'`);
    const id = match[1]!.trim();
    if (!ids.includes(id)) {
      const hint = didYouMean(id, ids);
      throw new UsageError(`--rule: unknown rule '${id}'${hint ? `; did you mean '${hint}'?` : ''}`);
    }
    settings[id] = severity;
  }
  return settings;
}

interface Output {
  format: string;
  file: string | undefined;
}

/** `--format NAME` goes to standard output (or `-o`); `--format NAME=FILE` to that file. */
function outputs(formats: readonly string[], output: string | undefined): Output[] {
  const list = (formats.length > 0 ? formats : ['stylish']).map((spec) => {
    const eq = spec.indexOf('=');
    const format = eq === -1 ? spec : spec.slice(0, eq);
    const file = eq === -1 ? undefined : spec.slice(eq + 1);
    if (!Object.hasOwn(formatters, format)) {
      const hint = didYouMean(format, Object.keys(formatters));
      throw new UsageError(`unknown format '${format}'${hint ? `; did you mean '${hint}'?` : `; formats: ${Object.keys(formatters).join(', ')}`}`);
    }
    if (file === '') throw new UsageError(`--format ${spec}: say which file, as NAME=FILE`);
    return { format, file };
  });
  const toStdout = list.filter((o) => o.file === undefined);
  if (toStdout.length > 1) throw new UsageError(`only one format can go to standard output; write the others to files with NAME=FILE`);
  return list.map((o) => (o.file === undefined && output !== undefined ? { ...o, file: output } : o));
}

/** What the baseline did, for the person at the terminal: the file written, and the findings it holds that no longer occur. */
function tellBaseline(result: LintResult, io: CliIO): void {
  const { baseline } = result;
  if (!baseline) return;
  if (baseline.written !== undefined) {
    const n = baseline.written;
    io.stderr.write(`pmlint: wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${baseline.file}\n`);
  }
  if (baseline.prunable.length === 0) return;
  const total = baseline.prunable.reduce((n, p) => n + p.count, 0);
  io.stderr.write(
    `pmlint: ${total} baselined finding${total === 1 ? '' : 's'} no longer occur${total === 1 ? 's' : ''}; run with --update-baseline to prune:\n` +
      baseline.prunable.map((p) => `  ${p.file}: ${p.ruleId} at ${p.stepId}${p.count > 1 ? ` (×${p.count})` : ''}\n`).join(''),
  );
}

/** What `fix` did, file by file, for the person at the terminal; on a dry run the diff goes to standard output. */
function tellFixes(fixed: FixResult, dryRun: boolean, io: CliIO): void {
  for (const file of fixed.files) {
    if (dryRun) io.stdout.write(file.diff);
    const count = (kind: string): number => file.applied.filter((i) => i.kind === kind).length;
    const [inserted, extended, systems] = [count('insert'), count('extend'), count('system')];
    if (file.applied.length > 0) {
      const what = [
        inserted > 0 ? `added ${inserted} step${inserted === 1 ? '' : 's'}` : '',
        extended > 0 ? `extended ${extended} step${extended === 1 ? '' : 's'}` : '',
        systems > 0 ? `added ${systems} system${systems === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      io.stderr.write(`pmlint: ${dryRun ? 'would fix' : 'fixed'} ${file.file}: ${what}\n`);
    }
    for (const { item, reason } of file.skipped) io.stderr.write(`pmlint: ${file.file}: not applied: ${item.title}: ${reason}\n`);
  }
  if (dryRun) {
    const { errorCount, warningCount } = fixed.result;
    io.stderr.write(`pmlint: after the fix, ${errorCount} error${errorCount === 1 ? '' : 's'} and ${warningCount} warning${warningCount === 1 ? '' : 's'} would remain\n`);
  }
}

/** Lints as the flags say; a baseline that cannot be used is a usage error. */
async function lint(paths: string[], options: CheckOptions, config: ResolvedConfig, io: CliIO): Promise<LintResult> {
  const rules = ruleSettings(options.rule, config.registry.keys());
  const baseline = { file: options.baseline ?? 'pmlint-baseline.json', update: options.updateBaseline === true };
  const useBaseline = options.baseline !== undefined || baseline.update;
  try {
    const inlineConfig = options.inlineConfig !== false;
    const lintOptions = { cwd: io.cwd, config, rules, inlineConfig, quiet: options.quiet === true, ...(useBaseline ? { baseline } : {}) };
    if (!options.fix && !options.fixDryRun) return await lintFiles(paths, lintOptions);
    const fixed = await fixFiles(paths, { ...lintOptions, dryRun: options.fixDryRun === true });
    tellFixes(fixed, options.fixDryRun === true, io);
    return fixed.result;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`--baseline ${options.baseline}: cannot use it: ${error.reason}`);
    throw error;
  }
}

/** `pmlint check` (and `pmlint report`): lint, write each output, and return the exit code. */
export async function check(paths: string[], options: CheckOptions, io: CliIO): Promise<number> {
  const targets = outputs(options.format, options.output);
  const config = await configFor(io, options.config);
  const shown = await lint(paths, options, config, io);
  tellBaseline(shown, io);
  const rules = new Map([...config.registry].map(([id, rule]) => [id, rule.meta]));
  const base = { rules, cwd: io.cwd, version: version() };
  // A target that cannot be written does not keep the others from being written; it makes the exit 2.
  const failures: WriteError[] = [];
  const attempt = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      failures.push(error);
    }
  };
  for (const target of options.fixDryRun ? [] : targets) {
    const color = target.file === undefined && useColor(options.color, io.env, io.stdout.isTTY);
    const text = formatters[target.format]!(shown, { ...base, color });
    if (target.file !== undefined) attempt(() => writeOutputFile(resolve(io.cwd, target.file!), text, target.file));
    else io.stdout.write(text);
  }
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile && targets.some((t) => t.format === 'github')) {
    // GitHub shows only ten annotations of each kind per step: the job summary carries the whole report.
    attempt(() => appendSummary(summaryFile, formatters['markdown']!(shown, { ...base, color: false })));
  }
  for (const failure of failures) io.stderr.write(`pmlint: ${failure.message}\n`);
  if (failures.length > 0) return 2;
  const code = exitCode(shown, options.maxWarnings);
  if (code === 1 && shown.errorCount === 0) {
    io.stderr.write(`pmlint: ${warnings(shown)} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
  }
  return code;
}


function appendSummary(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (error) {
    throw new WriteError(file, errorCode(error) ?? describeThrown(error));
  }
}
