import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type JobReply, type JobRequest, type JobTable, READY } from './worker.ts';

// Long work (a big check, an import, a plan) runs here, in worker threads, so the event loop that answers every
// other request stays free (issue 12 item 5). A job is a named pure function from ./jobs.ts: plain data in and out
// (structured clone), no store, no sockets. Full queue and time limit are values the HTTP edge turns into 503.

export interface PoolOptions {
  /** Worker threads; default one fewer than the cores, at least 1. */
  size?: number;
  /** Jobs that may wait for a worker; one more is refused as busy. */
  queue?: number;
  /** A job running longer is stopped: its worker is terminated and replaced. */
  timeoutMs?: number;
  /** The module whose `JOBS` table the workers run (default ./jobs.ts); tests bring their own. */
  jobs?: URL;
}

/** How a job ended: its value, or why there is none. */
export type JobResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'busy'; retryAfter_s: number }
  | { ok: false; reason: 'timeout'; limit_ms: number }
  | { ok: false; reason: 'failed'; message: string }
  | { ok: false; reason: 'closed' };

type Failure = Exclude<JobResult<unknown>, { ok: true }>;

interface Pending {
  request: JobRequest;
  /** This job's time limit, ms: the pool's unless the caller gave one (an import may run longer than a check). */
  timeoutMs: number;
  resolve: (result: JobResult<unknown>) => void;
}

interface Slot {
  worker: Worker;
  /** Loaded its job table (a cold start compiles the domain: up to seconds on a busy machine). */
  ready: boolean;
  job?: Pending & { timer: NodeJS.Timeout; started: number };
}

// Run from the built server (dist/, `npm start`) the modules are JavaScript and a worker imports them directly; run
// from source (vitest, tsx scripts) they are TypeScript, and the worker needs tsx first.
const BUILT = import.meta.url.endsWith('.js');
const EXT = BUILT ? '.js' : '.ts';
const DEFAULT_JOBS = new URL(`./jobs${EXT}`, import.meta.url);
const WORKER = JSON.stringify(new URL(`./worker${EXT}`, import.meta.url).href);

// Node 20 does not carry `--import tsx` from execArgv into a worker before its entry loads, so from source a small
// script registers tsx first.
const BOOT = BUILT
  ? `import(${WORKER})`
  : (() => {
      const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
      const { exports } = JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
      const api = pathToFileURL(join(dirname(pkg), exports['./esm/api']!.import.default)).href;
      return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${WORKER}); })`;
    })();

/**
 * A fixed set of worker threads with a bounded queue and a time limit per job.
 *
 * @example
 * const pool = new WorkerPool({ size: 1, queue: 4, timeoutMs: 10_000 });
 * const result = await pool.run('check-trench', { trench, candidates, rules });
 * if (result.ok) result.value.summary; else if (result.reason === 'busy') res.set('Retry-After', String(result.retryAfter_s));
 * await pool.close();
 */
export class WorkerPool<Jobs extends JobTable = typeof import('./jobs.ts').JOBS> {
  readonly size: number;
  readonly queueLimit: number;
  readonly timeoutMs: number;
  private readonly jobs: URL;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Smoothed job duration, ms: the Retry-After estimate. */
  private typicalMs = 1_000;

  constructor({ size = Math.max(1, availableParallelism() - 1), queue = 8, timeoutMs = 30_000, jobs = DEFAULT_JOBS }: PoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`pool size ${size} must be a whole number of at least 1`);
    this.size = size;
    this.queueLimit = queue;
    this.timeoutMs = timeoutMs;
    this.jobs = jobs;
  }

  /** Jobs running and waiting, for health and tests. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.job).length, waiting: this.waiting.length };
  }

  /**
   * Runs a job in a worker; waits in the queue when all are busy, is refused when the queue is full. `timeoutMs`
   * replaces the pool's time limit for this job only.
   */
  run<N extends keyof Jobs & string>(job: N, input: Parameters<Jobs[N]>[0], { timeoutMs = this.timeoutMs }: { timeoutMs?: number } = {}): Promise<JobResult<Awaited<ReturnType<Jobs[N]>>>> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'closed' });
    return new Promise((resolve) => {
      const pending: Pending = { request: { id: this.nextId++, job, input }, timeoutMs, resolve: resolve as Pending['resolve'] };
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (slot) return this.start(slot, pending);
      // A worker still to start is one this job can have: it waits for it whatever the queue holds.
      const starting = this.slots.length < this.size;
      if (!starting && this.waiting.length >= this.queueLimit) return resolve({ ok: false, reason: 'busy', retryAfter_s: this.retryAfter() });
      this.waiting.push(pending);
      if (starting) this.spawn();
    });
  }

  /** Stops every worker; running and waiting jobs end as `closed`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.resolve({ ok: false, reason: 'closed' });
    await Promise.all(this.slots.splice(0).map((slot) => {
      if (slot.job) this.finish(slot, { ok: false, reason: 'closed' });
      return slot.worker.terminate();
    }));
  }

  /** Starts every worker now, so the first long job does not wait for a cold start (call at server start). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { eval: true, workerData: { jobs: this.jobs.href } });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (reply: JobReply | typeof READY) => {
      if (reply === READY) {
        slot.ready = true;
        return this.next(slot);
      }
      if (!slot.job || slot.job.request.id !== reply.id) return;
      this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - slot.job.started);
      this.finish(slot, reply.ok ? { ok: true, value: reply.value } : { ok: false, reason: 'failed', message: reply.message });
      this.next(slot);
    });
    worker.on('error', (error) => this.replace(slot, { ok: false, reason: 'failed', message: error.message }));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, { ok: false, reason: 'failed', message: `worker stopped with exit code ${code}` });
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    const timer = setTimeout(() => this.replace(slot, { ok: false, reason: 'timeout', limit_ms: pending.timeoutMs }), pending.timeoutMs);
    slot.job = { ...pending, timer, started: performance.now() };
    slot.worker.ref();
    slot.worker.postMessage(pending.request);
  }

  private finish(slot: Slot, result: JobResult<unknown>): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    job.resolve(result);
  }

  private next(slot: Slot): void {
    if (slot.job || !slot.ready) return;
    const pending = this.waiting.shift();
    if (pending) this.start(slot, pending);
    // An idle worker does not keep the process alive; a starting or busy one does.
    else slot.worker.unref();
  }

  /** Ends the slot's job with `result`, terminates its worker and gives the queue a fresh one. */
  private replace(slot: Slot, result: Failure): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    this.finish(slot, result);
    void slot.worker.terminate();
    // A worker that fails before it is ready fails the job it was started for, or a broken start would loop.
    if (!slot.ready) this.waiting.shift()?.resolve(result);
    if (!this.closed && this.waiting.length > 0) this.spawn();
  }

  private retryAfter(): number {
    return Math.max(1, Math.ceil(((this.waiting.length + 1) * this.typicalMs) / this.size / 1_000));
  }
}
