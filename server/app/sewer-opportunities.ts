import type { CouplingOpportunity, Plan, Work } from '../domain/plan/plan.types.ts';
import type { PlanningRules } from '../domain/plan/planning-rules.ts';
import { sewerSuggestions } from '../domain/sewer/coupling.ts';
import type { SewerRules } from '../domain/sewer/sewer-rules.ts';
import type { StreetSegment } from '../domain/streets/street-segments.ts';
import { bboxOf } from '../geo/bbox.ts';
import { readSewerRulesFile } from '../sewer-rules-file.ts';
import type { Repositories } from '../store/index.ts';

const READ_MARGIN_M = 30;

/**
 * The plan's coupling opportunities with, after those the planner found, every due sewer pipe in the opening of a
 * heat work of the programme that is not yet a work itself (`kind: 'sewer-due'`): what the XLSX lists under
 * Koppelkansen. Reads the sewers near each heat work; a programme without heat works reads nothing.
 *
 * @example const plan = await withSewerOpportunities(store, computed, works, segments, { today: '2026-12-01', planningRules });
 *   plan.couplingOpportunities.at(-1) // { kind: 'sewer-due', sewerId: 'sewer:gemeente-almere:2200231', street: 'Transistorstraat', ... }
 */
export async function withSewerOpportunities(
  store: Pick<Repositories, 'features'>,
  plan: Plan,
  works: readonly Work[],
  segments: readonly StreetSegment[],
  { today, planningRules, sewerRules = readSewerRulesFile() }: { today: string; planningRules: PlanningRules; sewerRules?: SewerRules },
): Promise<Plan> {
  const found: CouplingOpportunity[] = [];
  const seen = new Set<string>();
  for (const heat of works) {
    if (heat.properties.type !== 'heat' || heat.geometry.type !== 'LineString') continue;
    const [minx, miny, maxx, maxy] = bboxOf([heat.geometry.coordinates]);
    const sewers = await store.features.inBbox('sewers', [minx - READ_MARGIN_M, miny - READ_MARGIN_M, maxx + READ_MARGIN_M, maxy + READ_MARGIN_M]);
    if (sewers.length === 0) continue;
    for (const s of sewerSuggestions(heat, sewers, segments, works, sewerRules, planningRules, { today })) {
      if (seen.has(s.sewerId)) continue;
      seen.add(s.sewerId);
      found.push({
        kind: 'sewer-due',
        sewerId: s.sewerId,
        segmentId: s.segments[0] ?? '',
        street: s.street,
        workIds: [heat.id],
        message: s.message,
        openingsSaved: s.openingsSaved,
        disruptionDaysSaved: s.householdDaysSaved,
      });
    }
  }
  return found.length ? { ...plan, couplingOpportunities: [...plan.couplingOpportunities, ...found] } : plan;
}
