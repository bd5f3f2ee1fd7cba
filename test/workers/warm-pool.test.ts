import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWorkPool, configureWorkPool, warmWorkPool } from '../../server/workers/run-job.ts';

// A worker's thread starts when the worker is made, so the process's threads show when the pool starts its workers.
const jobs = new URL('./jobs.fixture.ts', import.meta.url);
const threads = () => readdirSync('/proc/self/task').length;
afterEach(() => closeWorkPool());

describe.skipIf(!existsSync('/proc/self/task'))('warming the work pool', () => {
  it('starts no worker when the server configures the pool, and all of them once it warms it (after listening), once', () => {
    const before = threads();
    configureWorkPool({ size: 2, jobs });
    expect(threads()).toBe(before);
    warmWorkPool();
    const warmed = threads();
    expect(warmed).toBeGreaterThanOrEqual(before + 2);
    warmWorkPool();
    expect(threads()).toBeLessThan(warmed + 2);
  });

  it('starts nothing when no pool is configured (the CLIs run their jobs inline)', () => {
    const before = threads();
    warmWorkPool();
    expect(threads()).toBeLessThanOrEqual(before);
  });
});
