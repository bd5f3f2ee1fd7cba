import type { Feature, Geometry } from 'geojson';
import { type Principal, can } from '../domain/access/policy.ts';
import type { CheckReport } from '../domain/check/check.types.ts';
import type { TrenchValidationOptions } from '../domain/check/trench.validation.ts';
import type { Invalid } from '../domain/validation.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import type { Crs } from '../geo/crs.ts';
import type { CheckRecord } from '../store/check-store.ts';
import type { Repositories } from '../store/index.ts';
import { runCheck } from './run-check.ts';

export interface RecordCheckInput {
  /** The trench as it arrived: a Feature or a FeatureCollection with one, in `crs`. */
  trench: unknown;
  crs: Crs;
  options?: TrenchValidationOptions;
}

export type RecordCheckResult = { ok: true; record: CheckRecord<CheckReport> } | { ok: false; reason: 'invalid-trench'; errors: Invalid[] };

/**
 * Checks a trench for `who` (a lane meant for `who`'s organisation is its to use) and keeps the report with the rule set used, so a permit decision can cite it later.
 *
 * @example const result = await recordCheck(store, principal, rules, { trench: feature, crs: 'EPSG:4326' });
 *   result.ok ? result.record.id : result.errors // '6f1c…' or [{ field: 'properties.width_m', code: 'validation.trench.out-of-range', … }]
 */
export async function recordCheck(store: Pick<Repositories, 'features' | 'checks' | 'coverage'>, who: Principal, rules: RuleSet, { trench, crs, options = {} }: RecordCheckInput): Promise<RecordCheckResult> {
  const result = await runCheck(store, rules, trench, crs, options, { organisation: who.organisation });
  if (!result.ok) return { ok: false, reason: 'invalid-trench', errors: result.errors };
  const record = await store.checks.save(who.organisation, result.report.ruleSet, result.trench as Feature<Geometry>, result.report);
  return { ok: true, record };
}

export type ReadCheckResult = { ok: true; record: CheckRecord<CheckReport> } | { ok: false; reason: 'not-found' };

/**
 * A stored check `who` may read. Another organisation's check answers like a missing one: its existence is not
 * the caller's business.
 *
 * @example const result = await readCheck(store, principal, id); result.ok ? result.record.report : 'not-found'
 */
export async function readCheck(store: Pick<Repositories, 'checks'>, who: Principal, id: string): Promise<ReadCheckResult> {
  const record = UUID.test(id) ? await store.checks.get<CheckReport>(id) : undefined;
  const decision = can(who, 'checks:read');
  const visible = record && decision.allowed && (decision.scope === 'all' || record.organisation === who.organisation);
  return visible ? { ok: true, record } : { ok: false, reason: 'not-found' };
}

/** Ids the store makes; anything else cannot name a stored record (and would make PostgreSQL's uuid cast fail). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
