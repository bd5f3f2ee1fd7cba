import type { CheckAsk, CheckReport, Trench } from '../domain/check/check.types.ts';
import { candidateSearchDistances } from '../domain/check/search-distances.ts';
import { type TrenchValidationOptions, validateTrench } from '../domain/check/trench.validation.ts';
import type { Invalid } from '../domain/validation.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import type { Crs } from '../geo/crs.ts';
import type { Repositories } from '../store/index.ts';
import { evaluateCheck } from '../workers/evaluate-check.ts';

export type RunCheckResult = { ok: true; trench: Trench; report: CheckReport } | { ok: false; errors: Invalid[] };

/**
 * Checks a trench as it arrives (GeoJSON in `crs`) against the store: validate, fetch candidates in one query, each layer at the
 * rule set's search distance (GiST, ST_DWithin on EPSG:28992), and what is known of the ground there (coverage areas
 * and precaution zones, always: without them a trench where nothing is known would read as clear), evaluate every
 * rule in the domain. The trench and the report are in RD New. A bad trench is a value with every reason, not an
 * exception. `asked` names the organisation laying the trench (a lane may be meant for it) and the day reservations
 * are read on: today (UTC) unless given.
 *
 * @example const result = await runCheck(store, rules, feature, 'EPSG:4326'); if (result.ok) result.report.summary
 */
export async function runCheck(
  store: Pick<Repositories, 'features' | 'coverage'>,
  rules: RuleSet,
  input: unknown,
  crs: Crs,
  options: TrenchValidationOptions = {},
  asked: CheckAsk = {},
): Promise<RunCheckResult> {
  const validated = validateTrench(input, crs, options);
  if (!validated.valid) return { ok: false, errors: validated.errors };
  const { trench } = validated;
  const candidates = await store.features.candidatesPerLayer(trench.geometry, candidateSearchDistances(trench, rules));
  const known = await store.coverage.near(trench.geometry, trench.geometry.type === 'LineString' ? trench.properties.width_m / 2 : 0);
  return { ok: true, trench, report: await evaluateCheck(trench, candidates, rules, { on: today(), ...asked, ...known }) };
}

/** The day as the calendar reads it in UTC (YYYY-MM-DD). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
