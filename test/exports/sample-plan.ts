import { readFileSync } from 'node:fs';
import type { Plan } from '../../server/domain/plan/plan.types.ts';
import type { PlanExportMeta } from '../../server/exports/plan-format.ts';

/**
 * A hand-built plan: Hudsonstraat (2 segments), Schiedamseweg (2 segments, one opened again in 2030 for trees, and
 * a heat work split over both), Heemraadsplein (a polygon, two cable works starting the same day); some shifted.
 */
export function samplePlan(): Plan {
  return JSON.parse(readFileSync(new URL('../fixtures/plan/sample-plan.json', import.meta.url), 'utf8')) as Plan;
}

export const SAMPLE_META: PlanExportMeta = { id: '3f2a9c1e-7b4d-4e8a-9f00-1234567890ab', createdAt: '2026-11-25 22:25:11.123+00' };

/** Every scheduled work of the plan, openings as listed. */
export const scheduledWorks = (plan: Plan) => plan.openings.flatMap((o) => o.works.map((w) => ({ ...w, opening: o })));
