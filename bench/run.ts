// npm run bench: times the real CLI on generated maps and prints ratios measured within this one run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRules } from '../rules/index.js';
import { loadConfig } from '../src/config/load.js';
import { rulesForFile } from '../src/config/resolve.js';
import { lintMap } from '../src/engine/lint-map.js';
import { bpmnToMap, parseBpmnMap, readBpmnXml } from '../src/parse/bpmn/index.js';
import { buildModel } from '../src/model/build.js';
import { validateMap } from '../src/schema/validate-map.js';
import { parseYamlMap } from '../src/parse/yaml.js';
import { benchMap, parallelMap, wideBpmn } from './generate.js';

const CHILD = join(import.meta.dirname, 'child.js');
const work = mkdtempSync(join(tmpdir(), 'pmlint-bench-'));
const runs = Number(process.env['BENCH_RUNS'] ?? 3);

interface Measure {
  seconds: number;
  maxRssMb: number;
  code: number;
}

function once(args: string[]): Measure {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  const report = /@@bench (.*)$/m.exec(result.stderr ?? '');
  const parsed = report ? (JSON.parse(report[1]!) as { code: number; maxRssKb: number }) : { code: result.status ?? -1, maxRssKb: 0 };
  return { seconds, maxRssMb: parsed.maxRssKb / 1024, code: parsed.code };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The median of several runs, so one slow run does not skew a ratio. */
function measure(args: string[]): Measure {
  const all = Array.from({ length: runs }, () => once(args)).sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)]!;
}

const pmlint = (...paths: string[]): Measure => measure([CHILD, 'check', '--format', 'json', ...paths]);
const rows: string[][] = [];
const row = (what: string, m: Measure, extra = ''): void => {
  rows.push([what, m.seconds.toFixed(3), m.maxRssMb.toFixed(0), String(m.code), extra]);
};

const baseline = measure(['-e', '0']);
row('node -e 0', baseline);
writeFileSync(join(work, 'small.yaml'), benchMap(20, 'small'));
const small = pmlint('small.yaml');
row('pmlint check, one 20-step map', small, `start-up ${(small.seconds - baseline.seconds).toFixed(3)} s over node -e 0`);

const sizes = [100, 1_000, 10_000, 100_000];
const times = new Map<number, Measure>();
for (const n of sizes) {
  const file = `map-${n}.yaml`;
  writeFileSync(join(work, file), benchMap(n, `map-${n}`));
  const m = pmlint(file);
  times.set(n, m);
  const previous = times.get(n / 10);
  row(`${n.toLocaleString('en')} steps`, m, previous ? `ratio to ${(n / 10).toLocaleString('en')}: ${(m.seconds / previous.seconds).toFixed(2)}` : '');
}

// The soundness rules on a map of parallel blocks and loops: the whole run with them on, against them off.
writeFileSync(join(work, 'parallel-10000.yaml'), parallelMap(10_000, 'parallel-10000'));
const soundOff = measure([CHILD, 'check', '--format', 'json', '--rule', 'no-deadlock=off', '--rule', 'no-lack-of-synchronization=off', 'parallel-10000.yaml']);
const soundOn = pmlint('parallel-10000.yaml');
row('10,000 steps in parallel blocks, soundness off', soundOff);
row('  the same, soundness on', soundOn, `ratio on/off: ${(soundOn.seconds / soundOff.seconds).toFixed(2)}`);
writeFileSync(join(work, 'deadlocks-10000.yaml'), parallelMap(10_000, 'deadlocks-10000', 'decision'));
const deadOff = measure([CHILD, 'check', '--format', 'json', '--rule', 'no-deadlock=off', '--rule', 'no-lack-of-synchronization=off', 'deadlocks-10000.yaml']);
const deadOn = pmlint('deadlocks-10000.yaml');
row('10,000 steps, a deadlock a block, soundness off', deadOff);
row('  the same, soundness on', deadOn, `ratio on/off: ${(deadOn.seconds / deadOff.seconds).toFixed(2)}`);

const folder = join(work, 'folder');
mkdirSync(folder);
for (let i = 0; i < 1_000; i++) writeFileSync(join(folder, `map-${i}.yaml`), benchMap(50, `map-${i}`));
row('1,000 maps of 50 steps', pmlint('folder'));

// BPMN: the real models beside the project, against bpmnlint (its recommended config) in the same run.
const corpora = ['bpmn', 'bpmn-bench'].map((name) => join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', name)).filter((dir) => existsSync(dir));
const bpmnlintBin = join(import.meta.dirname, '..', '..', 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js');
for (const dir of corpora) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).map((f) => join(dir, f));
  const perFile = files.map((f) => once([CHILD, 'check', '--format', 'json', f]).seconds);
  const slowest = Math.max(...perFile);
  const all = pmlint(dir);
  row(`BPMN ${files.length} files (${dir.split('/').slice(-1)[0]})`, all, `per file: median ${median(perFile).toFixed(3)} s, slowest ${slowest.toFixed(3)} s`);
  if (existsSync(bpmnlintBin)) {
    writeFileSync(join(work, '.bpmnlintrc'), JSON.stringify({ extends: 'bpmnlint:recommended' }));
    const theirs = measure([bpmnlintBin, ...files]);
    row('  bpmnlint on the same files', theirs, `pmlint is ${(theirs.seconds / all.seconds).toFixed(2)}x as fast`);
  }
}

// One step with a flow to every other: linear like a chain (a list search per flow was quadratic here).
const wide = new Map<number, Measure>();
for (const n of [20_000, 40_000]) {
  writeFileSync(join(work, `wide-${n}.bpmn`), wideBpmn(n));
  wide.set(n, pmlint(`wide-${n}.bpmn`));
  const half = wide.get(n / 2);
  row(`BPMN ${n.toLocaleString('en')} unconnected tasks`, wide.get(n)!, half ? `ratio to ${(n / 2).toLocaleString('en')}: ${(wide.get(n)!.seconds / half.seconds).toFixed(2)}` : '');
}

const widths = [34, 9, 9, 5, 0];
const line = (cells: string[]): string => cells.map((c, i) => (widths[i] ? c.padEnd(widths[i]!) : c)).join(' ');
console.log(`pmlint bench (median of ${runs} runs each; node ${process.version}; maps in ${work})\n`);
console.log(line(['what', 'seconds', 'peak MB', 'exit', 'notes']));
for (const r of rows) console.log(line(r));

/** Milliseconds by phase, summed over repeated laps, in the order the phases first appear. */
function stopwatch(): { lap: (name: string) => void; restart: () => void; totals: () => [string, number][] } {
  const totals = new Map<string, number>();
  let started = performance.now();
  return {
    lap(name) {
      const now = performance.now();
      totals.set(name, (totals.get(name) ?? 0) + now - started);
      started = now;
    },
    restart() {
      started = performance.now();
    },
    totals: () => [...totals],
  };
}

function printSplit(title: string, split: readonly [string, number][]): void {
  console.log(`\nwhere the time goes on ${title}:\n`);
  for (const [name, ms] of split) console.log(`${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
}

/** Where the time goes on one map, in this process: parsing, the model, and each rule (milliseconds). */
function phases(text: string): [string, number][] {
  const watch = stopwatch();
  const parsed = parseYamlMap(text);
  watch.lap('parse YAML (yaml parseDocument + toJS)');
  if (!parsed.ok) return watch.totals();
  validateMap(parsed.map.data);
  watch.lap('schema validation');
  const model = buildModel(parsed.map.data, parsed.map.locator, 'bench.yaml');
  watch.lap('model and flow graph');
  for (const rule of builtinRules) {
    rule.check({ model, options: {}, schemaIssues: [], report: () => undefined });
    watch.lap(`rule ${rule.meta.id}`);
  }
  return watch.totals();
}

process.env = { ...process.env };
const text10k = benchMap(10_000, 'phases');
phases(text10k); // warm up the JIT as a long run would be
const split = phases(text10k);
const rulesTotal = split.filter(([name]) => name.startsWith('rule ')).reduce((sum, [, ms]) => sum + ms, 0);
printSplit('the 10,000-step map (in process, after one warm-up run)', [...split, ['all rules', rulesTotal]]);

/** Where the time goes on a folder of BPMN models, in this process: its first XML, so the reader is as cold as in the CLI. */
async function bpmnPhases(files: readonly string[]): Promise<[string, number][]> {
  const config = await loadConfig({ cwd: work });
  const watch = stopwatch();
  for (const file of files) {
    watch.restart();
    const bytes = readFileSync(file);
    watch.lap('read the files');
    const xml = readBpmnXml(bytes);
    watch.lap('parse XML (saxes)');
    if (xml.ok) bpmnToMap(xml.doc.root);
    watch.lap('map onto the format (bpmnToMap)');
    const parsed = parseBpmnMap(bytes); // again, to hand the rules what they get; not timed
    watch.restart();
    if (parsed.ok) lintMap(parsed.map, file, rulesForFile(config, file), { inlineConfig: true, knownRules: undefined });
    watch.lap('schema, model, rules, directives, scorecard');
  }
  return watch.totals();
}

const firstCorpus = corpora[0];
if (firstCorpus) {
  const files = readdirSync(firstCorpus).filter((f) => f.endsWith('.bpmn')).map((f) => join(firstCorpus, f));
  const title = `the ${files.length} BPMN models of ${firstCorpus.split('/').slice(-1)[0]} (in process: XML reading cold, the rules warm from the maps above)`;
  printSplit(title, await bpmnPhases(files));
}
