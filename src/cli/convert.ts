import { resolve } from 'node:path';
import { convertFile } from '../api.js';
import { writeOutputFile, type CliIO } from './io.js';

/** `pmlint convert FILE.bpmn`: the model as a YAML map, each inference commented; returns the exit code. */
export async function convert(file: string, options: { output?: string }, io: CliIO): Promise<number> {
  const converted = await convertFile(file, { cwd: io.cwd });
  if (!converted.ok) {
    const at = converted.line !== undefined ? `:${converted.line}:${converted.column ?? 1}` : '';
    io.stderr.write(`pmlint: ${file}${at}: ${converted.message}\n`);
    return 2;
  }
  if (options.output) writeOutputFile(resolve(io.cwd, options.output), converted.yaml, options.output);
  else io.stdout.write(converted.yaml);
  return 0;
}
