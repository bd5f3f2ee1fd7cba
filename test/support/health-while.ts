import { expect } from 'vitest';
import { workPoolLoad } from '../../server/workers/run-job.ts';

/**
 * Asks `/api/health` every 50 ms while `work` runs: how long each answer took, and whether a worker was seen busy
 * (so a test of "the event loop stays free" cannot pass because the work ran inline and fast).
 */
export async function healthWhile<T>(server: { call(path: string): Promise<{ status: number }> }, work: Promise<T>): Promise<{ value: T; answers: number[]; inWorker: boolean }> {
  let done = false;
  let inWorker = false;
  const value = work.finally(() => { done = true; });
  const answers: number[] = [];
  while (!done) {
    inWorker ||= workPoolLoad().running > 0;
    const started = performance.now();
    const health = await server.call('/api/health');
    expect(health.status).toBe(200);
    if (!done) answers.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { value: await value, answers, inWorker };
}
