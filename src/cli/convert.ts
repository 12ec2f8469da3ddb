import { resolve } from 'node:path';
import { renderYamlMap } from '../formatters/yaml-map.js';
import { formatOf } from '../parse/formats.js';
import { engineOptions, maxBytesFor } from '../engine/lint.js';
import { readRegularFile, ReadError } from '../input/read-file.js';
import { describeThrown } from '../util/describe.js';
import { loadConfig } from '../config/load.js';
import { writeOutputFile, type CliIO } from './io.js';

/** `pmlint convert FILE.bpmn`: the model as a YAML map, each inference commented; returns the exit code. */
export async function convert(file: string, options: { output?: string }, io: CliIO): Promise<number> {
  // Converting runs no rule, so the config's plugins (code) are not loaded: only its settings are read.
  const config = await loadConfig({ cwd: io.cwd, plugins: false });
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(resolve(io.cwd, file), maxBytesFor(file, config.maxFileMb), '`max-file-mb` in the config');
  } catch (error) {
    io.stderr.write(`pmlint: ${file}: ${error instanceof ReadError ? error.message : describeThrown(error)}\n`);
    return 2;
  }
  const format = formatOf(file);
  if (format.name === 'yaml') {
    io.stderr.write(`pmlint: ${file}: already a pmlint map; convert reads BPMN models (.bpmn, .bpmn2, .bpmn20.xml)\n`);
    return 2;
  }
  const parsed = format.parse(bytes, { lexicon: engineOptions(config).lexicon });
  if (!parsed.ok) {
    io.stderr.write(`pmlint: ${file}:${parsed.fatal.line}:${parsed.fatal.column}: ${parsed.fatal.message}\n`);
    return 2;
  }
  const text = renderYamlMap(parsed.map.data as Record<string, unknown>, parsed.inferences ?? [], file);
  if (options.output) writeOutputFile(resolve(io.cwd, options.output), text, options.output);
  else io.stdout.write(text);
  return 0;
}
