import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../server/app/compute-plan.ts';
import { decideRoute } from '../../server/app/decide-route.ts';
import { listRoutes, readRoute, resubmitRoute, submitRoute } from '../../server/app/heat-routes.ts';
import { readCheck, recordCheck } from '../../server/app/record-check.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import { RD_NEW } from '../../server/geo/crs.ts';
import { readPlanningRulesFile, readRuleSetFile } from '../../server/rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const settings = { rules, maxCoordinates: 10_000 };
const planningRules = readPlanningRulesFile('data/rules/planning.json');
const principal = (organisation: string, role: Principal['role'], organisationKind: Principal['organisationKind']): Principal => ({ tokenId: `token-${organisation}-${role}`, organisation, organisationKind, role });
const eneco = principal('Eneco', 'submitter', 'heat-company');
const vattenfall = principal('Vattenfall', 'submitter', 'heat-company');
const engineer = principal('Gemeente Rotterdam', 'engineer', 'municipality');
const planner = principal('Gemeente Rotterdam', 'planner', 'municipality');

// The demo district's Hudsonstraat: a heat route 0.6 m from its water main, and a back street with nothing close by.
const along = { type: 'LineString' as const, coordinates: [[89_446.95, 435_800], [89_446.95, 436_000]] };
const elsewhere = { type: 'LineString' as const, coordinates: [[89_520, 435_730], [89_540, 435_730]] };
const trench = (geometry: object, properties: object = {}) => ({ type: 'Feature', geometry, properties: { width_m: 0.6, depth_m: 1.0, preferred_start: '2027-03-01', ...properties } });

/** Every value a use case answers must cross a worker boundary unchanged. */
const plain = <T>(value: T): T => {
  expect(structuredClone(value)).toEqual(value);
  return value;
};

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  await loadDemoIfEmpty(store);
});
afterAll(async () => store?.close());

describe('the check use cases', () => {
  it('when a heat trench passes the water main at 0.6 m, records a blocking clearance conflict that its organisation can read back', async () => {
    const result = plain(await recordCheck(store, engineer, rules, { trench: trench(along, { kind: 'heat' }), crs: RD_NEW }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const water = result.record.report.conflicts.find((c) => c.assetId === 'water-hudsonstraat');
    expect(water).toMatchObject({ rule: 'horizontal-clearance', severity: 'blocking', measured_m: 0.595, required_m: 1 });
    expect(await readCheck(store, engineer, result.record.id)).toEqual({ ok: true, record: result.record });
    // A submitter reads only its own organisation's checks; another's answers like a missing one.
    expect(await readCheck(store, eneco, result.record.id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await readCheck(store, engineer, 'not-an-id')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('answers a bad trench with every reason and stores nothing', async () => {
    const result = plain(await recordCheck(store, engineer, rules, { trench: trench(along, { kind: 'heat', width_m: 60 }), crs: RD_NEW }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid-trench', errors: [{ field: 'properties.width_m' }] });
  });
});

describe('the plan use case', () => {
  it('plans the demo works into fewer openings than the uncoordinated baseline and keeps the plan', async () => {
    const result = plain(await computePlan(store, planner, { options: { horizonStart: '2026-06-01' }, today: '2026-01-15', rules: planningRules }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.record.options).toEqual({ horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false });
    expect(result.record.plan.metrics.openings).toBeLessThan(result.record.plan.metrics.baselineOpenings);
    expect(await store.plans.get(result.record.id)).toMatchObject({ id: result.record.id, organisation: 'Gemeente Rotterdam' });
  });

  it('answers bad options as a value naming the option', async () => {
    const result = await computePlan(store, planner, { options: { maxOpenSegments: -1 }, today: '2026-01-15', rules: planningRules });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-options' });
    expect(JSON.stringify(result)).toContain('maxOpenSegments');
  });
});

describe('the heat-route use cases', () => {
  it('submits a route with its report, refuses a Polygon and another company as owner, and shows a company only its own routes', async () => {
    const submitted = plain(await submitRoute(store, eneco, settings, { name: 'Tracé Hudsonstraat', feature: trench(along), crs: RD_NEW }));
    expect(submitted).toMatchObject({ ok: true, route: { owner: 'Eneco', status: 'submitted', version: 1, feature: { properties: { kind: 'heat' } } } });
    const polygon = { type: 'Polygon', coordinates: [[[89_500, 435_900], [89_510, 435_900], [89_510, 435_910], [89_500, 435_900]]] };
    expect(await submitRoute(store, eneco, settings, { name: 'vlak', feature: trench(polygon), crs: RD_NEW })).toEqual({ ok: false, reason: 'not-a-line' });
    expect(await submitRoute(store, eneco, settings, { name: 'namens Vattenfall', feature: trench(elsewhere), crs: RD_NEW, owner: 'Vattenfall' })).toMatchObject({ ok: false, reason: 'forbidden' });
    const wide = await submitRoute(store, eneco, settings, { name: 'breed', feature: trench(along, { width_m: 60 }), crs: RD_NEW });
    expect(wide).toMatchObject({ ok: false, reason: 'invalid-route', errors: [{ field: 'feature.properties.width_m' }] });

    const theirs = await submitRoute(store, vattenfall, settings, { name: 'Tracé Vattenfall', feature: trench(elsewhere), crs: RD_NEW });
    if (!theirs.ok) throw new Error(theirs.reason);
    expect((await listRoutes(store, eneco)).every((r) => r.owner === 'Eneco')).toBe(true);
    expect(new Set((await listRoutes(store, engineer)).map((r) => r.owner))).toEqual(new Set(['Eneco', 'Vattenfall']));
    expect(await readRoute(store, eneco, theirs.route.id)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await resubmitRoute(store, eneco, settings, { id: theirs.route.id, version: 1, feature: trench(elsewhere), crs: RD_NEW })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await readRoute(store, engineer, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('rejects, takes a resubmission, refuses a stale version and a second decision, and turns the approval into a planned heat feature and a work', async () => {
    const first = await submitRoute(store, eneco, settings, { name: 'Tracé v1', feature: trench(along), crs: RD_NEW });
    if (!first.ok) throw new Error(first.reason);
    const { id } = first.route;
    expect(await decideRoute(store, eneco, { id, decision: 'approved' })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await decideRoute(store, engineer, { id, decision: 'rejected', reason: 'te dicht bij water', version: 1 })).toMatchObject({ ok: true, route: { status: 'rejected' } });
    expect(await decideRoute(store, engineer, { id, decision: 'approved' })).toEqual({ ok: false, reason: 'already-decided', current: 1, status: 'rejected' });

    const second = await resubmitRoute(store, eneco, settings, { id, version: 1, name: 'Tracé v2', feature: trench(elsewhere), crs: RD_NEW });
    expect(second).toMatchObject({ ok: true, route: { status: 'submitted', version: 2, name: 'Tracé v2' } });
    expect(await resubmitRoute(store, eneco, settings, { id, version: 1, feature: trench(elsewhere), crs: RD_NEW })).toEqual({ ok: false, reason: 'stale-version', current: 2 });
    expect(await decideRoute(store, engineer, { id, decision: 'approved', version: 1 })).toEqual({ ok: false, reason: 'stale-version', current: 2 });

    const approved = plain(await decideRoute(store, engineer, { id, decision: 'approved', version: 2 }));
    expect(approved).toMatchObject({ ok: true, route: { status: 'approved', version: 2 } });
    expect((await store.features.get('heat', `route-${id}`))?.properties).toMatchObject({ owner: 'Eneco', status: 'planned' });
    expect((await store.works.bySource(`route:${id}`))?.properties).toMatchObject({ type: 'heat', owner: 'Eneco' });
    const audited = await store.access.auditLog({ objectType: 'route', objectId: id });
    expect(audited.map((a) => a.action).sort()).toEqual(['approve', 'reject', 'resubmit', 'submit']);
  });
});
