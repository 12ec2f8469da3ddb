import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint.js';
import { allRules } from '../helpers/lint.js';
import { ROOT } from '../helpers/cli.js';

/**
 * A mutation fuzzer over the shipped examples and the BPMN corpus: each run takes one seed file and
 * flips, inserts, deletes, repeats or cuts bytes, or splices in the shapes hostile files are made of
 * (deep nesting, aliases, control characters, entities, byte-order marks). Whatever comes out, pmlint
 * must answer with a fatal or findings that lie inside the file, never an exception or a rule's
 * internal error. `npm test` runs a fixed seed and a bounded count; `npm run fuzz` runs longer
 * (FUZZ_RUNS, FUZZ_SEED).
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261202);
const ALL = allRules();

function seeds(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  const add = (dir: string, pattern: RegExp): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) if (pattern.test(name)) out.push({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
  };
  add(join(ROOT, 'examples'), /\.yaml$/);
  add(join(ROOT, 'test', 'fixtures', 'bpmn'), /\.bpmn$/);
  add(join(ROOT, '..', 'shared', 'corpus', 'bpmn'), /\.bpmn$/);
  return out;
}

const SPLICES = ['- - - - - - - - ', '[[[[[[[[', '{{{{', '&a ', '*a ', '\u001b[2J', '\u0000', '\r', '\ufeff', '\ud800', ': :', '? ', '|-\n', '<!ENTITY x "y">', '&x;', '<![CDATA[', '</', '#pmlint-disable', '\t', '.nan', '1e400', '"\\u', 'constructor', '__proto__'].map(
  (s) => new TextEncoder().encode(s),
);

type Mutation = (bytes: Uint8Array) => Uint8Array;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }).map(({ at, bit }) => (b: Uint8Array) => {
    const out = b.slice();
    if (out.length > 0) out[at % out.length]! ^= 1 << bit;
    return out;
  }),
  fc.record({ at: fc.nat(), insert: fc.uint8Array({ minLength: 1, maxLength: 8 }) }).map(({ at, insert }) => (b: Uint8Array) => splice(b, at, 0, insert)),
  fc.record({ at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }).map(({ at, length }) => (b: Uint8Array) => splice(b, at, length, new Uint8Array())),
  fc.record({ at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }).map(
    ({ at, length, times }) =>
      (b: Uint8Array) => {
        const start = b.length === 0 ? 0 : at % b.length;
        const piece = b.subarray(start, start + length);
        return splice(b, start, 0, concat(Array.from({ length: times }, () => piece)));
      },
  ),
  fc.nat().map((at) => (b: Uint8Array) => b.subarray(0, b.length === 0 ? 0 : at % b.length)),
  fc.record({ at: fc.nat(), which: fc.nat(), times: fc.integer({ min: 1, max: 400 }) }).map(({ at, which, times }) => (b: Uint8Array) =>
    splice(b, at, 0, concat(Array.from({ length: times }, () => SPLICES[which % SPLICES.length]!))),
  ),
);

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const start = bytes.length === 0 ? 0 : at % (bytes.length + 1);
  return concat([bytes.subarray(0, start), insert, bytes.subarray(Math.min(bytes.length, start + remove))]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function lineCount(bytes: Uint8Array): number {
  let lines = 1;
  for (const b of bytes) if (b === 0x0a || b === 0x0d) lines++;
  return lines;
}

describe('mutation fuzzing of the examples and the BPMN corpus', () => {
  const files = seeds();

  it(`${RUNS} mutated files (seed ${SEED}): a fatal or findings inside the file, never a throw`, () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
        const seed = files[pick % files.length]!;
        const bytes = mutations.reduce((b, m) => m(b), seed.bytes);
        const result = lintSource(bytes, seed.name, ALL);
        const lines = lineCount(bytes) + 1;
        if (result.fatal) {
          expect(result.fatal.line).toBeGreaterThanOrEqual(1);
          expect(result.fatal.column).toBeGreaterThanOrEqual(1);
          expect(result.fatal.message).not.toMatch(/internal error/);
          return;
        }
        expect(result.findings.filter((f) => f.internal).map((f) => f.message)).toEqual([]);
        for (const f of result.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.line).toBeLessThanOrEqual(lines);
          expect(f.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
