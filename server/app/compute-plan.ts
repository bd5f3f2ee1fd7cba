import type { Principal } from '../domain/access/policy.ts';
import { constraintErrors } from '../domain/plan/constraints.ts';
import { WORK_TYPES, type Plan, type PlanOptions, type Work } from '../domain/plan/plan.types.ts';
import { flexibilityAsRequested, planAsRequested } from '../domain/plan/flexibility-series.ts';
import type { PlanningRules } from '../domain/plan/planning-rules.ts';
import { segmentsFromStreets } from '../domain/streets/street-segments.ts';
import { type PlanOptionsValidation, planOptions } from '../domain/plan/work.validation.ts';
import type { Repositories } from '../store/index.ts';
import type { PlanRecord } from '../store/plan-store.ts';
import type { WorkFeature } from '../store/work-store.ts';
import { runJob } from '../workers/run-job.ts';
import { withSewerOpportunities } from './sewer-opportunities.ts';

export interface ComputePlanInput {
  /** The options as the caller sent them, unchecked. */
  options: unknown;
  /** Today as YYYY-MM-DD: the horizon's default start. */
  today: string;
  /** The planner's rules (data/rules/planning.json, read at start). */
  rules: PlanningRules;
}

/**
 * Works from which the plan runs in the worker pool (when the server configured one). Below it the plan takes a
 * few ms, less than the round trip of copying works and segments to a worker.
 */
export const PLAN_POOL_MIN_WORKS = 50;

export type ComputePlanResult =
  | { ok: true; record: PlanRecord<Plan, PlanOptions> }
  | { ok: false; reason: 'invalid-options'; errors: Extract<PlanOptionsValidation, { valid: false }>['errors'] };

/**
 * Plans every stored work on the streets layer for `who` and keeps the plan as computed, so its exports and
 * letters always match what was proposed.
 *
 * @example const result = await computePlan(store, principal, { options: { maxOpenSegments: 2 }, today: '2026-03-01', rules });
 *   result.ok ? result.record.plan.metrics.openings : result.errors // 4, or [{ field: 'options.maxOpenSegments', code: … }]
 */
export async function computePlan(store: Pick<Repositories, 'works' | 'features' | 'plans'>, who: Principal, { options, today, rules }: ComputePlanInput): Promise<ComputePlanResult> {
  const checked = planOptions(options, { today, moratoriumYears: rules.moratoriumYears });
  if (!checked.valid) return { ok: false, reason: 'invalid-options', errors: checked.errors };
  const works = plannable(await store.works.list());
  const segments = segmentsFromStreets(await store.features.inBbox('streets', undefined));
  const unknown = constraintErrors(checked.options, new Set(works.map((w) => w.id)), new Set(segments.map((s) => s.id)), new Set(works.map((w) => w.properties.owner)), new Set(segments.flatMap((s) => (s.district ? [s.district] : []))));
  if (unknown.length) return { ok: false, reason: 'invalid-options', errors: unknown };
  const job = { works, segments, options: checked.options, rules };
  const series = checked.options.flexibility?.series !== undefined;
  const [computed, flexibility] = works.length < PLAN_POOL_MIN_WORKS
    ? [planAsRequested(works, segments, checked.options, rules), series ? flexibilityAsRequested(works, segments, checked.options, rules) : undefined]
    : await Promise.all([runJob('plan-programme', job), series ? runJob('flexibility-series', job) : undefined]);
  const planned = flexibility ? { ...computed, flexibility } : computed;
  const plan = await withSewerOpportunities(store, planned, works, segments, { today, planningRules: rules });
  return { ok: true, record: await store.plans.save<Plan, PlanOptions>(who.organisation, checked.options, plan) };
}

/**
 * Stored works as the planner takes them; a stored type the planner does not know is left out.
 *
 * @example plannable(await store.works.list()) // the works whose type is one of WORK_TYPES
 */
export function plannable(works: readonly WorkFeature[]): Work[] {
  return works.filter((w) => (WORK_TYPES as readonly string[]).includes(w.properties.type)) as unknown as Work[];
}
