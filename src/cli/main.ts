import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/types.js';
import { summarize, type LintResult } from '../findings.js';
import { formatters, renderDot, renderMermaid } from '../formatters/index.js';
import { applyBaseline, createBaseline, parseBaseline, type Baseline } from '../engine/baseline.js';
import { lintFiles } from '../api.js';
import { packageRoot } from '../paths.js';
import { didYouMean } from '../util/did-you-mean.js';
import { useColor } from './color.js';
import { parseBpmnMap } from '../parse/bpmn.js';
import { extendLexicon } from '../parse/bpmn-lexicon.js';
import { renderYamlMap } from '../formatters/yaml-map.js';
import { STARTER_CONFIG, STARTER_MAP } from './init.js';
import { rulesJson, rulesMarkdown, rulesText } from '../formatters/rules-list.js';

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface CheckOptions {
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

const SEVERITY_WORDS: Record<string, 'off' | 'warn' | 'error'> = { off: 'off', warn: 'warn', error: 'error', 0: 'off', 1: 'warn', 2: 'error' };

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Exit code from cli.md: 2 when pmlint could not do its job, 1 for errors or too many warnings, else 0. */
export function exitCode(result: LintResult, maxWarnings: number | undefined): number {
  if (result.incomplete) return 2;
  if (result.errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && result.warningCount > maxWarnings) return 1;
  return 0;
}

/** Writes a file whole or not at all: to a temporary file beside it, then renamed over it. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

class UsageError extends Error {}

function ruleSettings(flags: string[], known: Iterable<string>): Record<string, 'off' | 'warn' | 'error'> {
  const settings: Record<string, 'off' | 'warn' | 'error'> = {};
  const ids = [...known];
  for (const flag of flags) {
    const match = /^([^=]+)=(.+)$/.exec(flag);
    const severity = match ? SEVERITY_WORDS[match[2]!.trim()] : undefined;
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
    if (!formatters[format]) {
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

/** `--update-baseline` records the current findings; `--baseline` then hides them and lists what can be pruned. */
function withBaseline(result: LintResult, options: CheckOptions, io: CliIO): LintResult {
  const file = resolve(io.cwd, options.baseline ?? 'pmlint-baseline.json');
  if (options.updateBaseline) {
    writeAtomically(file, createBaseline(result.files, io.cwd, file));
    const count = result.files.reduce((n, f) => n + f.findings.filter((x) => !x.internal).length, 0);
    io.stderr.write(`pmlint: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${relative(io.cwd, file) || file}\n`);
  }
  let baseline: Baseline;
  try {
    baseline = parseBaseline(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--baseline ${options.baseline}: cannot use it (${reason})`);
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

async function check(paths: string[], options: CheckOptions, io: CliIO): Promise<number> {
  const targets = outputs(options.format, options.output);
  const config = await loadConfig({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
  const cliRules = ruleSettings(options.rule, config.registry.keys());
  const linted = await lintFiles(paths, { cwd: io.cwd, config, rules: cliRules, inlineConfig: options.inlineConfig !== false });
  const full = options.baseline !== undefined || options.updateBaseline ? withBaseline(linted, options, io) : linted;
  const shown = options.quiet
    ? summarize(full.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })))
    : full;
  const rules = new Map([...config.registry].map(([id, rule]) => [id, rule.meta]));
  const base = { rules, cwd: io.cwd, version: version() };
  for (const target of targets) {
    const color = target.file === undefined && useColor(options.color, io.env, io.stdout.isTTY);
    const text = formatters[target.format]!(shown, { ...base, color });
    if (target.file !== undefined) writeAtomically(resolve(io.cwd, target.file), text);
    else io.stdout.write(text);
  }
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile && targets.some((t) => t.format === 'github')) {
    // GitHub shows only ten annotations of each kind per step: the job summary carries the whole report.
    appendFileSync(summaryFile, formatters['markdown']!(shown, { ...base, color: false }));
  }
  const code = exitCode(full, options.maxWarnings);
  if (code === 1 && full.errorCount === 0) {
    io.stderr.write(`pmlint: ${full.warningCount} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
  }
  return code;
}

async function graph(file: string, options: { format: 'mermaid' | 'dot'; config?: string; output?: string }, io: CliIO): Promise<number> {
  const config = await loadConfig({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
  const result = await lintFiles([file], { cwd: io.cwd, config });
  const [lint] = result.files;
  if (!lint || lint.fatal || !lint.outline) {
    const fatal = lint?.fatal;
    io.stderr.write(`pmlint: ${lint?.file ?? file}:${fatal?.line ?? 1}:${fatal?.column ?? 1}: ${fatal?.message ?? 'cannot draw this file'}\n`);
    return 2;
  }
  const text = (options.format === 'dot' ? renderDot : renderMermaid)(lint.outline, lint.findings);
  if (options.output) writeAtomically(resolve(io.cwd, options.output), text);
  else io.stdout.write(text);
  return 0;
}

/** Runs the command line; returns the exit code. The only code that prints or sets the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command('pmlint')
    .description('Lints customer-process maps: finds the missing human activities and RIMS gaps.')
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) })
    .showHelpAfterError('(pmlint --help lists the commands and options)');

  program
    .command('check')
    .description('lint process maps: files, folders and globs (default: .)')
    .argument('[paths...]', 'files, folders or globs')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-f, --format <name[=file]>', `output format: ${Object.keys(formatters).join(', ')}; repeat with NAME=FILE to write more formats in one run`, collect, [])
    .option('-o, --output <file>', 'write the output to a file')
    .option('--quiet', 'report errors only')
    .addOption(new Option('--max-warnings <n>', 'exit with 1 when there are more warnings than this').argParser(parseInteger))
    .option('--rule <id=severity>', 'set a rule\'s severity (repeatable)', collect, [])
    .option('--no-color', 'no colours, whatever the terminal')
    .option('--no-inline-config', 'ignore # pmlint-disable directives in the maps')
    .option('--baseline <file>', 'report only findings this baseline file does not hold')
    .option('--update-baseline', 'write the current findings to the baseline file (default pmlint-baseline.json)')
    .action(async (paths: string[], options: CheckOptions) => {
      code = await check(paths, options, io);
    });

  program
    .command('report')
    .description('the Markdown gap report (same as check --format markdown)')
    .argument('[paths...]', 'files, folders or globs')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-o, --output <file>', 'write the report to a file (replaced whole, never half-written)')
    .option('--quiet', 'report errors only')
    .addOption(new Option('--max-warnings <n>', 'exit with 1 when there are more warnings than this').argParser(parseInteger))
    .option('--rule <id=severity>', 'set a rule\'s severity (repeatable)', collect, [])
    .action(async (paths: string[], options: Omit<CheckOptions, 'format'>) => {
      code = await check(paths, { ...options, format: ['markdown'] }, io);
    });

  program
    .command('graph')
    .description('print the process as a diagram, steps with findings highlighted and missing activities dashed')
    .argument('<file>', 'a process map')
    .addOption(new Option('-f, --format <name>', 'diagram format').choices(['mermaid', 'dot']).default('mermaid'))
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-o, --output <file>', 'write the diagram to a file')
    .action(async (file: string, options: { format: 'mermaid' | 'dot'; config?: string; output?: string }) => {
      code = await graph(file, options, io);
    });

  program
    .command('convert')
    .description('write a BPMN 2.0 model as a pmlint YAML map, with a comment on everything inferred')
    .argument('<file>', 'a .bpmn, .bpmn2 or .bpmn20.xml file')
    .option('-o, --output <file>', 'write the map to a file')
    .action(async (file: string, options: { output?: string }) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(resolve(io.cwd, file));
      } catch (error) {
        io.stderr.write(`pmlint: ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
        code = 2;
        return;
      }
      const config = await loadConfig({ cwd: io.cwd });
      const parsed = parseBpmnMap(bytes, extendLexicon(config.bpmnWords));
      if (!parsed.ok) {
        io.stderr.write(`pmlint: ${file}:${parsed.fatal.line}:${parsed.fatal.column}: ${parsed.fatal.message}\n`);
        code = 2;
        return;
      }
      const text = renderYamlMap(parsed.map.data as Record<string, unknown>, parsed.inferences ?? [], file);
      if (options.output) writeAtomically(resolve(io.cwd, options.output), text);
      else io.stdout.write(text);
    });

  program
    .command('rules')
    .description('list every rule (built-in, plugin and declared) with its severity in the current config')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-color', 'no colours, whatever the terminal')
    .action(async (options: { format: 'text' | 'json' | 'markdown'; config?: string; color?: boolean }) => {
      const config = await loadConfig({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
      const words = { off: 'off', warning: 'warn', error: 'error' } as const;
      const entries = [...config.registry.values()]
        .map((rule) => ({ meta: rule.meta, severity: words[config.rules.get(rule.meta.id)?.severity ?? 'off'] }))
        .sort((a, b) => a.meta.id.localeCompare(b.meta.id));
      const color = useColor(options.color, io.env, io.stdout.isTTY);
      io.stdout.write(options.format === 'json' ? rulesJson(entries) : options.format === 'markdown' ? rulesMarkdown(entries) : rulesText(entries, color));
    });

  program
    .command('init')
    .description('write a starter pmlint.config.yaml and process-map.yaml; never overwrites a file without --force')
    .option('--force', 'overwrite files that exist')
    .action((options: { force?: boolean }) => {
      const files = [
        ['pmlint.config.yaml', STARTER_CONFIG],
        ['process-map.yaml', STARTER_MAP],
      ] as const;
      const existing = files.filter(([name]) => existsSync(join(io.cwd, name))).map(([name]) => name);
      if (existing.length > 0 && !options.force) {
        io.stderr.write(`pmlint: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (--force overwrites)\n`);
        code = 2;
        return;
      }
      for (const [name, text] of files) {
        writeAtomically(join(io.cwd, name), text);
        io.stdout.write(`wrote ${name}\n`);
      }
      io.stdout.write('next: npx pmlint check process-map.yaml\n');
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      code = 2;
    }
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      io.stderr.write(`pmlint: config error: ${error.describe()}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`pmlint: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`pmlint: internal error, please report it: ${detail}\n`);
    return 2;
  }
  return code;
}
