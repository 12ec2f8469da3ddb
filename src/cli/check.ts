import { appendFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { lintFiles } from '../api.js';
import { applyBaseline, createBaseline, parseBaseline, type Baseline } from '../engine/baseline.js';
import { summarize, type LintResult } from '../findings.js';
import { formatters } from '../formatters/index.js';
import { didYouMean } from '../util/did-you-mean.js';
import { useColor } from './color.js';
import { describeThrown } from '../util/describe.js';
import { errorCode } from '../util/system-error.js';
import { readRegularFile, ReadError } from '../input/read-file.js';
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
}


/** Exit code from cli.md: 2 when pmlint could not do its job, 1 for errors or too many warnings, else 0. */
export function exitCode(result: LintResult, maxWarnings: number | undefined): number {
  if (result.incomplete) return 2;
  if (result.errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && result.warningCount > maxWarnings) return 1;
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

/** A baseline lists findings by file, rule and step: even a large monorepo's is a few megabytes. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** `--update-baseline` records the current findings; `--baseline` then hides them and lists what can be pruned. */
function withBaseline(result: LintResult, options: CheckOptions, io: CliIO): LintResult {
  const file = resolve(io.cwd, options.baseline ?? 'pmlint-baseline.json');
  if (options.updateBaseline) {
    writeOutputFile(file, createBaseline(result.files, io.cwd, file), relative(io.cwd, file) || file);
    const count = result.files.reduce((n, f) => n + f.findings.filter((x) => !x.internal).length, 0);
    io.stderr.write(`pmlint: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${relative(io.cwd, file) || file}\n`);
  }
  let baseline: Baseline;
  try {
    baseline = parseBaseline(new TextDecoder().decode(readRegularFile(file, MAX_BASELINE_BYTES)));
  } catch (error) {
    const reason = error instanceof ReadError ? error.reason : describeThrown(error);
    throw new UsageError(`--baseline ${options.baseline}: cannot use it: ${reason}`);
  }
  const applied = applyBaseline(result.files, baseline, io.cwd, file);
  if (applied.prunable.length > 0) {
    const total = applied.prunable.reduce((n, p) => n + p.count, 0);
    io.stderr.write(
      `pmlint: ${total} baselined finding${total === 1 ? '' : 's'} no longer occur${total === 1 ? 's' : ''}; run with --update-baseline to prune:\n` +
        applied.prunable
          .map((p) => `  ${relative(io.cwd, resolve(dirname(file), p.file)) || p.file}: ${p.ruleId} at ${p.stepId}${p.count > 1 ? ` (×${p.count})` : ''}\n`)
          .join(''),
    );
  }
  return { ...summarize(applied.files), baselinedCount: applied.baselined };
}

/** `pmlint check` (and `pmlint report`): lint, write each output, and return the exit code. */
export async function check(paths: string[], options: CheckOptions, io: CliIO): Promise<number> {
  const targets = outputs(options.format, options.output);
  const config = await configFor(io, options.config);
  const cliRules = ruleSettings(options.rule, config.registry.keys());
  const linted = await lintFiles(paths, { cwd: io.cwd, config, rules: cliRules, inlineConfig: options.inlineConfig !== false });
  const full = options.baseline !== undefined || options.updateBaseline ? withBaseline(linted, options, io) : linted;
  const shown = options.quiet
    ? summarize(full.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })))
    : full;
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
  for (const target of targets) {
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
  const code = exitCode(full, options.maxWarnings);
  if (code === 1 && full.errorCount === 0) {
    io.stderr.write(`pmlint: ${full.warningCount} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
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
