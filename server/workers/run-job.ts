import { JOBS } from './jobs.ts';
import { type JobResult, WorkerPool, type PoolOptions } from './pool.ts';

// One pool for all long work (big checks, plans, imports) so the server bounds the threads it spends on it, with a
// time limit per kind of job: an import of a large delivery legitimately runs longer than a check.

type Jobs = typeof JOBS;
export type JobName = keyof Jobs & string;
type Failure = Exclude<JobResult<unknown>, { ok: true }>;

/**
 * Why long work was not done: the pool's queue was full, the job ran past its time limit, or the worker failed.
 * The HTTP edge answers it as 503 (with Retry-After when waiting helps). Thrown rather than returned only because
 * the use cases' results have no place for it; the pool itself answers with values.
 */
export class WorkRefused extends Error {
  constructor(readonly result: Failure, message: string) {
    super(message);
  }

  /** Seconds to wait before trying again, when waiting helps. */
  get retryAfter_s(): number | undefined {
    return this.result.reason === 'busy' ? this.result.retryAfter_s : undefined;
  }
}

export interface WorkPoolOptions extends PoolOptions {
  /** Trench segments × candidates from which a check's evaluation runs in the pool. */
  inlineMax?: number;
  /** Time limit of a plan, ms (default 60 s); `timeoutMs` is the checks'. */
  planTimeoutMs?: number;
  /** Time limit of reading an import, ms (default 120 s). */
  importTimeoutMs?: number;
  /** Start the workers now rather than at the first long job (at server start). */
  warm?: boolean;
}

export const PLAN_TIMEOUT_MS = 60_000;
export const IMPORT_TIMEOUT_MS = 120_000;

let configured: WorkPoolOptions | undefined;
let shared: WorkerPool | undefined;

/**
 * Sets the pool all long work uses (size, queue, time limits, the check's inline limit), e.g. from the
 * configuration at start. Until it is called, plans and imports run inline (CLIs, unit tests).
 *
 * @example configureWorkPool({ size: 1, queue: 8, timeoutMs: 30_000, planTimeoutMs: 60_000, importTimeoutMs: 120_000, warm: true })
 */
export function configureWorkPool(options: WorkPoolOptions): void {
  void shared?.close();
  configured = options;
  shared = undefined;
  if (options.warm) warmWorkPool();
}

/**
 * Starts the configured pool's workers now, unless they run already; nothing when no pool is configured. The server
 * calls it once it listens, so the workers loading the domain do not take a core from its start.
 *
 * @example configureWorkPool({ size: 1 }); server.listen(port, () => warmWorkPool())
 */
export function warmWorkPool(): void {
  if (!configured) return;
  shared ??= new WorkerPool(configured);
  shared.warm();
}

/** Stops the pool (at shutdown, or after a test) and forgets its configuration: plans and imports run inline again. */
export async function closeWorkPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  configured = undefined;
  await pool?.close();
}

/** The configured options, `{}` when none: what the check's inline limit is read from. */
export function workPoolOptions(): WorkPoolOptions {
  return configured ?? {};
}

/**
 * Jobs running and waiting in the pool (none before it starts), for health and for tests that must know a job left
 * the event loop.
 *
 * @example workPoolLoad() // { running: 1, waiting: 0 }
 */
export function workPoolLoad(): { running: number; waiting: number } {
  return shared?.load ?? { running: 0, waiting: 0 };
}

/**
 * Runs a job in the pool when one is configured (the server), inline otherwise (CLIs, unit tests): the same pure
 * function either way, so the result is the same.
 *
 * @example const plan = await runJob('plan-programme', { works, segments, options, rules }) // Plan, or throws WorkRefused (→ 503)
 */
export async function runJob<N extends JobName>(job: N, input: Parameters<Jobs[N]>[0]): Promise<Awaited<ReturnType<Jobs[N]>>> {
  if (!configured) return (await (JOBS[job] as (input: Parameters<Jobs[N]>[0]) => ReturnType<Jobs[N]>)(input)) as Awaited<ReturnType<Jobs[N]>>;
  return runInPool(job, input);
}

/**
 * Runs a job in the pool, starting one with the defaults when none is configured (a big check always leaves the
 * event loop).
 *
 * @example const report = await runInPool('check-trench', { trench, candidates, rules }) // or throws WorkRefused
 */
export async function runInPool<N extends JobName>(job: N, input: Parameters<Jobs[N]>[0]): Promise<Awaited<ReturnType<Jobs[N]>>> {
  const options = workPoolOptions();
  shared ??= new WorkerPool(options);
  const timeoutMs = job === 'plan-programme' || job === 'flexibility-series' || job === 'space-scan' ? options.planTimeoutMs ?? PLAN_TIMEOUT_MS : job === 'read-import' ? options.importTimeoutMs ?? IMPORT_TIMEOUT_MS : undefined;
  const result = await shared.run(job, input, timeoutMs === undefined ? {} : { timeoutMs });
  if (result.ok) return result.value as Awaited<ReturnType<Jobs[N]>>;
  throw new WorkRefused(result, refusal(job, result));
}

const WHAT: Record<JobName, { noun: string; busy: string; simpler: string }> = {
  'check-trench': { noun: 'check', busy: 'other large checks', simpler: 'simplify the trench or check it in parts' },
  'plan-programme': { noun: 'plan', busy: 'other long work', simpler: 'plan fewer works at a time' },
  'flexibility-series': { noun: 'flexibility series', busy: 'other long work', simpler: 'ask for fewer months in options.flexibility.series' },
  'read-import': { noun: 'import', busy: 'other long work', simpler: 'import the file in parts or fewer layers at a time' },
  'route-propose': { noun: 'route proposal', busy: 'other long work', simpler: 'choose points closer together or add via points' },
  'space-scan': { noun: 'space scan', busy: 'other long work', simpler: 'scan a smaller area' },
};

function refusal(job: JobName, result: Failure): string {
  const what = WHAT[job];
  switch (result.reason) {
    case 'busy': return `the server is busy with ${what.busy}; try again in ${result.retryAfter_s} s`;
    case 'timeout': return `the ${what.noun} took longer than the limit of ${result.limit_ms / 1_000} s; ${what.simpler}`;
    case 'failed': return `the ${what.noun} failed in a worker (${result.message})`;
    case 'closed': return 'the server is shutting down; try again in a moment';
  }
}
