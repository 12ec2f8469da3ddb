import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN = join(import.meta.dirname, '..', 'golden');

/**
 * Compares text with test/golden/<name>. Golden files change only on purpose:
 * run `UPDATE_GOLDEN=1 npx vitest run` and review the diff; a missing file fails.
 */
export function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file test/golden/${name}: run UPDATE_GOLDEN=1 npx vitest run and review it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
