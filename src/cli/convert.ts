import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderYamlMap } from '../formatters/yaml-map.js';
import { parseBpmnMap } from '../parse/bpmn.js';
import { engineOptions } from '../engine/lint.js';
import { configFor, writeOutputFile, type CliIO } from './io.js';

/** `pmlint convert FILE.bpmn`: the model as a YAML map, each inference commented; returns the exit code. */
export async function convert(file: string, options: { output?: string }, io: CliIO): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    io.stderr.write(`pmlint: ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return 2;
  }
  const config = await configFor(io, undefined);
  const parsed = parseBpmnMap(bytes, engineOptions(config).lexicon);
  if (!parsed.ok) {
    io.stderr.write(`pmlint: ${file}:${parsed.fatal.line}:${parsed.fatal.column}: ${parsed.fatal.message}\n`);
    return 2;
  }
  const text = renderYamlMap(parsed.map.data as Record<string, unknown>, parsed.inferences ?? [], file);
  if (options.output) writeOutputFile(resolve(io.cwd, options.output), text, options.output);
  else io.stdout.write(text);
  return 0;
}
