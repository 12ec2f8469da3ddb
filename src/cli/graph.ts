import { resolve } from 'node:path';
import { lintFiles } from '../api.js';
import { renderDot, renderMermaid } from '../formatters/index.js';
import { configFor, writeOutputFile, type CliIO } from './io.js';

/** `pmlint graph FILE`: the process as a Mermaid or DOT diagram, findings highlighted. */
export async function graph(file: string, options: { format: 'mermaid' | 'dot'; config?: string; output?: string }, io: CliIO): Promise<number> {
  const config = await configFor(io, options.config);
  const result = await lintFiles([file], { cwd: io.cwd, config });
  const [lint] = result.files;
  if (!lint || lint.fatal || !lint.outline) {
    const fatal = lint?.fatal;
    io.stderr.write(`pmlint: ${lint?.file ?? file}:${fatal?.line ?? 1}:${fatal?.column ?? 1}: ${fatal?.message ?? 'cannot draw this file'}\n`);
    return 2;
  }
  const text = (options.format === 'dot' ? renderDot : renderMermaid)(lint.outline, lint.findings, lint.plan);
  if (options.output) writeOutputFile(resolve(io.cwd, options.output), text, options.output);
  else io.stdout.write(text);
  return 0;
}

