import type { LayeredAsset } from '../domain/assets/layers.ts';
import { checkTrench } from '../domain/check/check-trench.ts';
import type { CheckReport, Trench } from '../domain/check/check.types.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import { type JobResult, WorkerPool, type PoolOptions } from './pool.ts';

/**
 * Why long work was not done: the pool's queue was full, the job ran past its time limit, or the worker failed.
 * The HTTP edge answers it as 503 (with Retry-After when waiting helps). Thrown rather than returned only because
 * the check's use case result has no place for it; the pool itself answers with values.
 */
export class WorkRefused extends Error {
  constructor(readonly result: Exclude<JobResult<unknown>, { ok: true }>, message: string) {
    super(message);
  }

  /** Seconds to wait before trying again, when waiting helps. */
  get retryAfter_s(): number | undefined {
    return this.result.reason === 'busy' ? this.result.retryAfter_s : undefined;
  }
}

export interface CheckPoolOptions extends PoolOptions {
  /** Trench segments × candidates from which the evaluation runs in the pool. */
  inlineMax?: number;
  /** Start the workers now rather than at the first big check (at server start). */
  warm?: boolean;
}

/** The default inline limit: a 1 km route against ~500 candidates (≈ 10 000) takes ~1 ms; 200 000 about 20 ms. */
export const CHECK_INLINE_MAX = 200_000;

let configured: CheckPoolOptions = {};
let shared: WorkerPool | undefined;

/**
 * Sets the pool the checks use (size, queue, time limit, inline limit), e.g. from the configuration at start.
 *
 * @example configureCheckPool({ size: 1, queue: 8, timeoutMs: 30_000, inlineMax: 200_000 })
 */
export function configureCheckPool(options: CheckPoolOptions): void {
  void shared?.close();
  configured = options;
  shared = options.warm ? new WorkerPool(options) : undefined;
  shared?.warm();
}

/** Stops the checks' pool (at shutdown); a later big check starts a fresh one. */
export async function closeCheckPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

/**
 * A check's domain evaluation, inline when it is small (a worker round trip would cost more than the ~1 ms it
 * takes) and in the worker pool when trench segments × candidates pass the inline limit, so one big check cannot
 * hold the event loop. The candidates are fetched by the caller; the worker opens no store.
 *
 * @example const report = await evaluateCheck(trench, candidates, rules) // CheckReport, or throws WorkRefused (→ 503)
 */
export async function evaluateCheck(trench: Trench, candidates: readonly LayeredAsset[], rules: RuleSet): Promise<CheckReport> {
  if (checkCost(trench, candidates) <= (configured.inlineMax ?? CHECK_INLINE_MAX)) return checkTrench(trench, candidates, rules);
  shared ??= new WorkerPool(configured);
  const result = await shared.run('check-trench', { trench, candidates, rules });
  if (result.ok) return result.value;
  throw new WorkRefused(result, refusal(result));
}

/**
 * The work of a check: the trench's segments times the candidates it meets.
 *
 * @example checkCost(trenchOf21Vertices, fiveHundredAssets) // 10000
 */
export function checkCost(trench: Trench, candidates: readonly LayeredAsset[]): number {
  const g = trench.geometry;
  const segments = g.type === 'LineString' ? g.coordinates.length - 1 : g.coordinates.reduce((n, ring) => n + ring.length - 1, 0);
  return segments * candidates.length;
}

function refusal(result: Exclude<JobResult<unknown>, { ok: true }>): string {
  switch (result.reason) {
    case 'busy': return `the server is busy with other large checks; try again in ${result.retryAfter_s} s`;
    case 'timeout': return `the check took longer than the limit of ${result.limit_ms / 1_000} s; simplify the trench or check it in parts`;
    case 'failed': return `the check failed in a worker (${result.message})`;
    case 'closed': return 'the server is shutting down; try again in a moment';
  }
}
