import type { Rate } from './types.js';

const WEEKS_PER: Record<string, number> = {
  day: 1 / 7,
  week: 1,
  month: 52 / 12,
  quarter: 13,
  year: 52,
};

const RATE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(day|week|month|quarter|year)\s*$/;

/** Parses `<number>/<unit>` (format.md) into a per-week figure; undefined when malformed. */
export function parseRate(text: unknown): Rate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = RATE.exec(text);
  if (!match) return undefined;
  const weeks = WEEKS_PER[match[2]!]!;
  return { text: text.trim(), perWeek: Number(match[1]) / weeks };
}
