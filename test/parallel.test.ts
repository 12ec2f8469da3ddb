import { describe, expect, it } from 'vitest';
import { PARALLEL_MIN_WORK, planWork, workOf } from '../src/engine/parallel.js';
import { project } from './helpers/cli.js';
import { join } from 'node:path';

const MB = 1024 * 1024;

describe('sharing files between threads', () => {
  it('hands out the files with the most work first, ties in their order', () => {
    expect(planWork([10, 300, 20, 300, 5], 2).order).toEqual([1, 3, 2, 0, 4]);
  });

  it('starts no worker below the work that pays for one', () => {
    expect(planWork([PARALLEL_MIN_WORK / 2 - 1, PARALLEL_MIN_WORK / 2], 8).workers).toBe(0);
    expect(planWork(Array.from({ length: 1000 }, () => 2000), 8).workers).toBe(0);
  });

  it('starts a worker per other core, at most three, once the work pays', () => {
    const work = [MB, MB, MB, MB, MB];
    expect(planWork(work, 1).workers).toBe(0);
    expect(planWork(work, 2).workers).toBe(1);
    expect(planWork(work, 4).workers).toBe(3);
    expect(planWork(work, 64).workers).toBe(3);
  });

  it('never starts more workers than there are files beside the one this thread takes', () => {
    expect(planWork([3 * MB], 8).workers).toBe(0);
    expect(planWork([2 * MB, MB], 8).workers).toBe(1);
  });

  it('weighs a BPMN byte as an eighth of a YAML byte, and an unreadable file as nothing', () => {
    const dir = project({ 'a.yaml': 'x'.repeat(800), 'b.bpmn': 'x'.repeat(800) });
    expect(workOf(join(dir, 'a.yaml'))).toBe(800);
    expect(workOf(join(dir, 'b.bpmn'))).toBe(100);
    expect(workOf(join(dir, 'missing.yaml'))).toBe(0);
  });
});
