import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { lintPaths, maxBytesFor } from '../src/engine/lint.js';
import { workOf } from '../src/engine/parallel.js';
import { FORMATS, formatOf, type MapFormat } from '../src/parse/formats.js';
import { project } from './helpers/cli.js';

/** A toy format for the test only: one step per line, `id type [next]`, read into the map format's data. */
const toy: MapFormat = {
  name: 'toy',
  extensions: ['.toy'],
  isMap: (text) => text.startsWith('toy map'),
  weight: 2,
  sizeFactor: 1,
  parse(source) {
    const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
    const steps = text.split('\n').slice(1).filter(Boolean).map((line) => {
      const [id, type, next] = line.split(' ');
      return { id, type, ...(next ? { next } : {}) };
    });
    const data = { pmlint: 1, process: { id: 'toy', name: 'Toy', owner: 'clerk' }, actors: { clerk: { type: 'human' } }, steps };
    return { ok: true, map: { data, locator: { locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) }, rootPath: ['process'], comments: [] } };
  },
};

describe('input formats: one registry', () => {
  afterEach(() => {
    const at = FORMATS.indexOf(toy);
    if (at !== -1) FORMATS.splice(at, 1);
  });

  it('knows each file by its ending; another ending named explicitly is YAML', () => {
    expect(['m.yaml', 'm.YML', 'order.bpmn', 'order.BPMN2', 'order.bpmn20.xml', 'notes.txt'].map((f) => formatOf(f).name)).toEqual(['yaml', 'yaml', 'bpmn', 'bpmn', 'bpmn', 'yaml']);
  });

  it('gives the worker split and the size limit their weights', () => {
    expect([maxBytesFor('a.bpmn', 1), maxBytesFor('a.yaml', 1)]).toEqual([4 * 2 ** 20, 2 ** 20]);
    expect(workOf('/no/such/file.bpmn')).toBe(0);
  });

  it('a new format is one registry entry: discovery finds its files, its text check picks them, the engine reads them', async () => {
    FORMATS.push(toy);
    const dir = project({ 'a.toy': 'toy map\nbegin start work\nwork task\n', 'b.toy': 'not a map\n', 'm.yaml': 'not: a map\n' });
    const result = await lintPaths(['.'], { cwd: dir, config: await loadConfig({ cwd: dir }), parallel: false });
    expect(result.files.map((f) => f.file)).toEqual(['a.toy']);
    expect(result.files[0]!.fatal).toBeNull();
    expect(result.files[0]!.findings.map((f) => f.ruleId)).toContain('end-required');
  });
});
