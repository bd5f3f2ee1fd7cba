import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import type { Store } from '../../server/store/index.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

const route: Feature<Geometry> = {
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: [[89_446.95, 435_800], [89_446.95, 436_150]] },
  properties: { kind: 'heat', width_m: 0.6, depth_m: 1.0 },
};

describe.each(storeKinds())('the %s store, for checks, routes, works and plans', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => store?.close());

  it('keeps a check report with the rule set it was made under', async () => {
    const saved = await store.checks.save('Eneco', { id: 'nl-default', version: '2026.1' }, route, { verdict: 'blocking' });
    expect(await store.checks.get(saved.id)).toMatchObject({ organisation: 'Eneco', rule_set_version: '2026.1', report: { verdict: 'blocking' } });
    expect(await store.checks.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('keeps every version of a route and every decision in its history', async () => {
    const first = await store.routes.submit('Eneco', 'Hudsonstraat', route, { verdict: 'blocking' }, 'Eneco');
    expect(first).toMatchObject({ status: 'submitted', version: 1, owner: 'Eneco' });
    const rejected = await store.routes.decide(first.id, 'rejected', 'too close to the water main', 'Gemeente Rotterdam', 1);
    expect(rejected).toMatchObject({ ok: true, route: { status: 'rejected', decision_reason: 'too close to the water main' } });
    expect(await store.routes.decide(first.id, 'approved', null, 'Gemeente Rotterdam', 1)).toMatchObject({ ok: false, reason: 'already-decided' });
    const stale = await store.routes.resubmit(first.id, 0, 'Hudsonstraat v2', route, { verdict: 'clear' }, 'Eneco');
    expect(stale).toMatchObject({ ok: false, reason: 'stale-version' });
    const second = await store.routes.resubmit(first.id, 1, 'Hudsonstraat v2', route, { verdict: 'clear' }, 'Eneco');
    expect(second).toMatchObject({ ok: true, route: { version: 2, status: 'submitted', decision_reason: null, report: { verdict: 'clear' } } });
    expect(await store.routes.decide(first.id, 'approved', null, 'Gemeente Rotterdam', 2)).toMatchObject({ ok: true, route: { status: 'approved' } });
    const history = await store.routes.history(first.id);
    expect(history.map((e) => [e.version, e.event])).toEqual([[1, 'submitted'], [1, 'rejected'], [2, 'submitted'], [2, 'approved']]);
    expect(await store.routes.decide('nope', 'approved', null, 'x')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('lists routes of one owner only when asked', async () => {
    await store.routes.submit('Vattenfall', 'Elders', route, {}, 'Vattenfall');
    expect((await store.routes.list('Eneco')).map((r) => r.owner)).toEqual(['Eneco']);
    expect((await store.routes.list()).length).toBe(2);
  });

  it('keeps works with a version, refusing a stale update', async () => {
    const work = await store.works.create({ type: 'Feature', geometry: route.geometry, properties: { type: 'heat', owner: 'Eneco', version: 1, preferred_start: '2027-03-01', source: 'route:x' } });
    expect(work.properties).toMatchObject({ type: 'heat', owner: 'Eneco', version: 1, preferred_start: '2027-03-01', source: 'route:x' });
    expect((await store.works.bySource('route:x'))?.id).toBe(work.id);
    const moved = await store.works.update(work.id, { ...work, properties: { ...work.properties, preferred_start: '2027-05-01' } }, 1);
    expect(moved).toMatchObject({ ok: true, work: { properties: { version: 2, preferred_start: '2027-05-01' } } });
    expect(await store.works.update(work.id, work, 1)).toMatchObject({ ok: false, reason: 'stale-version' });
    expect(await store.works.remove(work.id, 2)).toMatchObject({ ok: true });
    expect(await store.works.count()).toBe(0);
  });

  it('keeps a plan as computed', async () => {
    const saved = await store.plans.save('Gemeente Rotterdam', { moratorium_years: 3 }, { openings: [] });
    expect(await store.plans.get(saved.id)).toMatchObject({ options: { moratorium_years: 3 }, plan: { openings: [] } });
  });
});
