import { parentPort, workerData } from 'node:worker_threads';

// One worker thread of the pool: imports the job table named by the pool and runs one job per message.

/** A table of jobs: pure functions of plain data. */
export type JobTable = Record<string, (input: never) => unknown>;

export interface JobRequest {
  id: number;
  job: string;
  input: unknown;
}

export type JobReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Sent once the job table is loaded: the pool gives a worker no job, and starts no clock, before it. */
export const READY = 'ready';

if (parentPort) {
  const port = parentPort;
  const { JOBS } = (await import((workerData as { jobs: string }).jobs)) as { JOBS: Record<string, (input: unknown) => unknown> };
  port.on('message', async ({ id, job, input }: JobRequest) => {
    const run = JOBS[job];
    try {
      if (!run) throw new Error(`no job ${JSON.stringify(job)}; the jobs are ${Object.keys(JOBS).join(', ')}`);
      port.postMessage({ id, ok: true, value: await run(input) } satisfies JobReply);
    } catch (error) {
      port.postMessage({ id, ok: false, message: (error as Error).message } satisfies JobReply);
    }
  });
  port.postMessage(READY);
}
