import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../server/app/compute-plan.ts';
import { decideRoute } from '../../server/app/decide-route.ts';
import { submitRoute } from '../../server/app/heat-routes.ts';
import { acceptSewerSuggestion, routeSewerSuggestions } from '../../server/app/sewer-suggestions.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import type { Asset } from '../../server/domain/assets/layers.ts';
import { planToXlsx } from '../../server/exports/plan-xlsx.ts';
import { RD_NEW } from '../../server/geo/crs.ts';
import { loadWorkbook } from '../exports/read-back.ts';
import { render } from '../../server/messages/render.ts';
import { readPlanningRulesFile, readRuleSetFile } from '../../server/rules-file.ts';
import { readSewerRulesFile } from '../../server/sewer-rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const planningRules = readPlanningRulesFile('data/rules/planning.json');
const settings = { planningRules, sewerRules: readSewerRulesFile(), today: '2026-12-01' };
const principal = (organisation: string, role: Principal['role'], organisationKind: Principal['organisationKind']): Principal => ({ tokenId: `t-${organisation}-${role}`, organisation, organisationKind, role });
const heatCompany = principal('Vattenfall', 'submitter', 'heat-company');
const engineer = principal('Gemeente Almere', 'engineer', 'municipality');
const planner = principal('Gemeente Almere', 'planner', 'municipality');

// Teststraat, 200 m east–west with 40 households; the heat route runs 1.2 m beside its sewer, inside half its 0.8 m width plus the 1 m opening margin.
const Y = 484_000;
const line = (y: number, x0 = 140_000, x1 = 140_200) => ({ type: 'LineString' as const, coordinates: [[x0, y], [x1, y]] });
const sewer = (id: string, y: number, properties: Record<string, unknown>): Asset => ({
  type: 'Feature', id, geometry: line(y), properties: { owner: 'Gemeente Almere', status: 'existing', version: 1, system: 'gravity', street: 'Teststraat', diameter_mm: 315, built_year: 1996, ...properties },
});

let store: Store;
let routeId: string;
beforeAll(async () => {
  store = await openTestStore();
  await store.features.insert('streets', [{ type: 'Feature', id: 'teststraat-1', geometry: line(Y), properties: { owner: 'Gemeente Almere', status: 'existing', version: 1, name: 'Teststraat', segment_id: 'teststraat-1', households: 40, width_m: 14 } }]);
  await store.features.insert('sewers', [
    sewer('sewer:gemeente-almere:poor', Y - 1.2, { condition_class: 4, condition_observation: 'BAB C', invert_start_m: 2.4, invert_end_m: 2.2 }),
    sewer('sewer:gemeente-almere:sound', Y - 1.2, { condition_class: 2 }),
    // As poor, but 40 m away under the next street: not in the heat opening.
    sewer('sewer:gemeente-almere:elsewhere', Y + 40, { condition_class: 5 }),
  ]);
  const route = { type: 'Feature', geometry: line(Y), properties: { width_m: 0.8, depth_m: 1, earliest_start: '2027-03-01', latest_end: '2027-12-31' } };
  const submitted = await submitRoute(store, heatCompany, { rules: readRuleSetFile('data/rules/nl-default.json'), maxCoordinates: 10_000 }, { name: 'Tracé Teststraat', feature: route, crs: RD_NEW });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  routeId = submitted.route.id;
});
afterAll(async () => store?.close());

describe('sewer replacement coupled to an approved heat route', () => {
  it('suggests nothing before the municipality approved the route', async () => {
    expect(await routeSewerSuggestions(store, engineer, routeId, settings)).toMatchObject({ ok: false, reason: 'not-approved' });
  });

  it('when a heat route runs along a street with a class-4 sewer, suggests that sewer with what coupling saves and who must agree', async () => {
    const decided = await decideRoute(store, engineer, { id: routeId, decision: 'approved' });
    expect(decided.ok).toBe(true);
    const result = await routeSewerSuggestions(store, heatCompany, routeId, settings);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.suggestions.map((s) => s.sewerId)).toEqual(['sewer:gemeente-almere:poor']);
    const [s] = result.suggestions;
    // Reinstating 200 m at 5 working days per 100 m: 10 working days, 14 calendar days, × 40 households.
    expect(s).toMatchObject({ street: 'Teststraat', length_m: 200, age_years: 30, condition_class: 4, segments: ['teststraat-1'], openingsSaved: 1, householdDaysSaved: 560, parties: ['Gemeente Almere', 'Vattenfall'] });
    expect(s!.work.properties).toMatchObject({ type: 'sewer', owner: 'Gemeente Almere', earliest_start: '2026-03-01', latest_end: '2028-12-31', depth_m: 2.4, sewer_id: 'sewer:gemeente-almere:poor' });
    expect(render(s!.message, 'en')).toBe('the sewer in Teststraat is due for replacement (condition class 4 (≥ 4) from BAB C): couple its replacement to the heat network, 1 opening and 560 household-days fewer, if Gemeente Almere and Vattenfall agree');
  });

  it('lets the heat company read the suggestion but not add the municipality\'s work', async () => {
    expect(await acceptSewerSuggestion(store, heatCompany, routeId, 'sewer:gemeente-almere:poor', settings, 'nl')).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('lists the due sewer among the plan\'s coupling opportunities while it is no work yet', async () => {
    const plan = await computePlan(store, planner, { options: { horizonStart: '2027-01-01' }, today: '2026-12-01', rules: planningRules });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.record.plan.couplingOpportunities).toEqual([expect.objectContaining({ kind: 'sewer-due', sewerId: 'sewer:gemeente-almere:poor', segmentId: 'teststraat-1', street: 'Teststraat', openingsSaved: 1, disruptionDaysSaved: 560 })]);
    // The XLSX summary's Koppelkansen carry it as a row with its sentence.
    const book = await loadWorkbook(await planToXlsx(plan.record.plan, { id: plan.record.id, createdAt: plan.record.created_at, language: 'nl' }));
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((row) => void rows.push(JSON.stringify(row.values)));
    expect(rows.find((r) => r.includes('riool in Teststraat is aan vervanging toe'))).toContain('teststraat-1');
  });

  it('accepting it puts the sewer replacement in the heat opening: one opening where there were two', async () => {
    const accepted = await acceptSewerSuggestion(store, engineer, routeId, 'sewer:gemeente-almere:poor', settings, 'nl');
    if (!accepted.ok) throw new Error(JSON.stringify(accepted));
    expect(accepted.workId).toBe('work-sewer-gemeente-almere-poor');
    expect((await store.works.get(accepted.workId))?.properties).toMatchObject({ name: 'Rioolvervanging Teststraat (streng poor)', owner: 'Gemeente Almere', type: 'sewer' });
    const plan = await computePlan(store, planner, { options: { horizonStart: '2027-01-01' }, today: '2026-12-01', rules: planningRules });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.record.plan.metrics).toMatchObject({ openings: 1, baselineOpenings: 2 });
    expect(plan.record.plan.openings[0]!.works.map((w) => w.type)).toEqual(['sewer', 'heat']);
    expect(plan.record.plan.couplingOpportunities).toEqual([]);
    // Accepted once: no longer suggested, and a second accept is refused rather than doubled.
    const after = await routeSewerSuggestions(store, engineer, routeId, settings);
    expect(after.ok && after.suggestions).toEqual([]);
    expect(await acceptSewerSuggestion(store, engineer, routeId, 'sewer:gemeente-almere:poor', settings, 'nl')).toMatchObject({ ok: false, reason: 'not-suggested' });
  });
});
