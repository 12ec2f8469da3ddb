import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/types.js';
import { formatters } from '../formatters/index.js';
import { check, type CheckOptions } from './check.js';
import { convert } from './convert.js';
import { graph } from './graph.js';
import { init } from './init.js';
import { collect, parseInteger, UsageError, version, WriteError, type CliIO } from './io.js';
import { listRules } from './rules.js';

export type { CliIO } from './io.js';
export { exitCode } from './check.js';

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
    .option('--fix', 'apply the plan of missing activities to the YAML maps first (as pmlint fix)')
    .option('--fix-dry-run', 'print the plan as a unified diff of each map, write nothing')
    .action(async (paths: string[], options: CheckOptions) => {
      code = await check(paths, options, io);
    });

  program
    .command('fix')
    .description('apply the plan of missing activities to YAML maps in place, keeping every comment; then report what is left')
    .argument('[paths...]', 'files, folders or globs')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-f, --format <name[=file]>', `output format of what is left: ${Object.keys(formatters).join(', ')}`, collect, [])
    .option('-o, --output <file>', 'write the output to a file')
    .option('--quiet', 'report errors only')
    .option('--rule <id=severity>', 'set a rule\'s severity (repeatable)', collect, [])
    .option('--no-color', 'no colours, whatever the terminal')
    .option('--fix-dry-run', 'print the change as a unified diff, write nothing')
    .action(async (paths: string[], options: CheckOptions) => {
      code = await check(paths, { ...options, fix: true }, io);
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
      code = await convert(file, options, io);
    });

  program
    .command('rules')
    .description('list every rule (built-in, plugin and declared) with its severity in the current config')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-color', 'no colours, whatever the terminal')
    .action(async (options: { format: 'text' | 'json' | 'markdown'; config?: string; color?: boolean }) => {
      code = await listRules(options, io);
    });

  program
    .command('init')
    .description('write a starter pmlint.config.yaml and process-map.yaml; never overwrites a file without --force')
    .option('--force', 'overwrite files that exist')
    .action((options: { force?: boolean }) => {
      code = init(options, io);
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
    if (error instanceof WriteError) {
      io.stderr.write(`pmlint: ${error.message}\n`);
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
