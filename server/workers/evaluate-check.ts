import type { LayeredAsset } from '../domain/assets/layers.ts';
import { checkTrench } from '../domain/check/check-trench.ts';
import type { CheckContext, CheckReport, Trench } from '../domain/check/check.types.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import { closeWorkPool, configureWorkPool, runInPool, type WorkPoolOptions, workPoolOptions } from './run-job.ts';

export { WorkRefused } from './run-job.ts';

/** @deprecated The pool serves plans and imports too: use `WorkPoolOptions`. */
export type CheckPoolOptions = WorkPoolOptions;

/** The default inline limit: a 1 km route against ~500 candidates (≈ 10 000) takes ~1 ms; 200 000 about 20 ms. */
export const CHECK_INLINE_MAX = 200_000;

/** The pool's set-up under its first name; see `configureWorkPool`. */
export const configureCheckPool = configureWorkPool;

/** The pool's shutdown under its first name; see `closeWorkPool`. */
export const closeCheckPool = closeWorkPool;

/**
 * A check's domain evaluation, inline when it is small (a worker round trip would cost more than the ~1 ms it
 * takes) and in the worker pool when trench segments × candidates pass the inline limit, so one big check cannot
 * hold the event loop. The candidates are fetched by the caller; the worker opens no store.
 *
 * `context` (who asks, the day, coverage and precaution zones) goes with it to the worker, so both paths answer the same report.
 *
 * @example const report = await evaluateCheck(trench, candidates, rules, { coverage, precautions, on }) // CheckReport, or throws WorkRefused (→ 503)
 */
export async function evaluateCheck(trench: Trench, candidates: readonly LayeredAsset[], rules: RuleSet, context: CheckContext): Promise<CheckReport> {
  if (checkCost(trench, candidates) <= (workPoolOptions().inlineMax ?? CHECK_INLINE_MAX)) return checkTrench(trench, candidates, rules, context);
  return runInPool('check-trench', { trench, candidates, rules, context });
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
