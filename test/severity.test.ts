import { describe, expect, it } from 'vitest';
import { parseSeverity, severityWord } from '../src/severity.js';

describe('one severity vocabulary', () => {
  it('reads the words and ESLint numbers people write, and nothing else', () => {
    expect(['off', 'warn', 'error', 0, 1, 2, '0', '1', '2'].map(parseSeverity)).toEqual(['off', 'warning', 'error', 'off', 'warning', 'error', 'off', 'warning', 'error']);
    expect(['warning', 'constructor', 'toString', 3, null, undefined, 'ERROR'].map(parseSeverity)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('writes back the word a config uses', () => {
    expect((['off', 'warning', 'error'] as const).map(severityWord)).toEqual(['off', 'warn', 'error']);
  });
});
