import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../server/workers/pool.ts';
import type { JOBS } from './jobs.fixture.ts';

const jobs = new URL('./jobs.fixture.ts', import.meta.url);
const pools: WorkerPool<typeof JOBS>[] = [];
const pool = (options: { size?: number; queue?: number; timeoutMs?: number }) => {
  const p = new WorkerPool<typeof JOBS>({ jobs, ...options });
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs a named job in a worker thread and answers its value', async () => {
    const p = pool({ size: 1 });
    expect(await p.run('echo', { value: 21 })).toEqual({ ok: true, value: { twice: 42 } });
  });

  it('when the queue is full, refuses the next job at once as busy with a Retry-After in seconds', async () => {
    const p = pool({ size: 1, queue: 1, timeoutMs: 20_000 });
    await p.run('echo', { value: 0 });
    const running = p.run('spin', { ms: 1_500 });
    const waiting = p.run('echo', { value: 1 });
    const started = performance.now();
    const refused = await p.run('echo', { value: 2 });
    expect(performance.now() - started).toBeLessThan(100);
    expect(refused).toMatchObject({ ok: false, reason: 'busy' });
    expect((refused as { retryAfter_s: number }).retryAfter_s).toBeGreaterThanOrEqual(1);
    expect(await running).toEqual({ ok: true, value: 1_500 });
    expect(await waiting).toEqual({ ok: true, value: { twice: 2 } });
  });

  it('when a job runs past its time limit, terminates it, answers timeout and runs the next job on a fresh worker', async () => {
    const p = pool({ size: 1, queue: 2, timeoutMs: 3_000 });
    // Warm first, so the limit measures the job and not a cold start on a busy machine.
    await p.run('echo', { value: 0 });
    const stuck = p.run('spin', { ms: 60_000 });
    const after = p.run('echo', { value: 5 });
    const started = performance.now();
    expect(await stuck).toEqual({ ok: false, reason: 'timeout', limit_ms: 3_000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await after).toEqual({ ok: true, value: { twice: 10 } });
  });

  it('holds a job to its own time limit when the caller gives one, and the others to the pool\'s', async () => {
    const p = pool({ size: 1, queue: 2, timeoutMs: 20_000 });
    await p.run('echo', { value: 0 });
    expect(await p.run('spin', { ms: 60_000 }, { timeoutMs: 500 })).toEqual({ ok: false, reason: 'timeout', limit_ms: 500 });
    expect(await p.run('spin', { ms: 1_000 })).toEqual({ ok: true, value: 1_000 });
  });

  it('answers a job that throws as failed with its message, and keeps serving', async () => {
    const p = pool({ size: 1 });
    expect(await p.run('fail', {})).toEqual({ ok: false, reason: 'failed', message: 'this job always fails' });
    expect(await p.run('echo', { value: 3 })).toEqual({ ok: true, value: { twice: 6 } });
  });

  it('on close, ends running and waiting jobs as closed and refuses new ones', async () => {
    const p = pool({ size: 1, queue: 2, timeoutMs: 20_000 });
    await p.run('echo', { value: 0 });
    const running = p.run('spin', { ms: 30_000 });
    const waiting = p.run('echo', { value: 1 });
    await p.close();
    expect(await running).toEqual({ ok: false, reason: 'closed' });
    expect(await waiting).toEqual({ ok: false, reason: 'closed' });
    expect(await p.run('echo', { value: 2 })).toEqual({ ok: false, reason: 'closed' });
  });
});
