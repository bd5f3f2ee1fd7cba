import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { RD_NEW, WGS84, transformPosition } from '../../server/geo/crs.ts';
import { pointToLineDistance } from '../../server/geo/point-line-distance.ts';
import type { Store } from '../../server/store/index.ts';
import { closeWorkPool } from '../../server/workers/run-job.ts';
import { type TestServer, startTestServer } from '../support/http.ts';
import { openTestStore } from '../support/store.ts';

// The demo district: from Grote Visserijstraat just north of Schiedamseweg to the east end of Mathenesserdijk,
// about 850 m along the streets. At 1.45 m the heat pair passes under the water and gas mains and over the sewers,
// so a clean route exists; at 1.0 m it would hit every water main it crosses.
const FROM = [89_300, 435_800];
const TO = [89_805, 436_140];
const body = (extra: object = {}) => ({ from: FROM, to: TO, kind: 'heat', width_m: 0.9, depth_m: 1.45, crs: 'EPSG:28992', ...extra });

type Answered = { geometry: { coordinates: Position[] }; length_m: number; clean: boolean; crossings: { angle_deg: number }[]; treeZone_m: number; report: { summary: { bySeverity: Record<string, number> }; conflicts: { severity: string; explanation: string }[] }; verdict: { code: string; text: string } };

describe('route proposals over HTTP on the demo district', () => {
  let store: Store;
  let server: TestServer;
  let eneco: string;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    await loadDemoIfEmpty(store);
    // A station across the dead-end stub of Taandwarsstraat west of Grote Visserijstraat: nothing gets past it.
    await store.features.insert('stations', [{
      type: 'Feature', id: 'station-blocking-stub',
      geometry: { type: 'Polygon', coordinates: [[[89_262, 435_890], [89_268, 435_890], [89_268, 435_910], [89_262, 435_910], [89_262, 435_890]]] },
      properties: { owner: 'Stedin', status: 'existing', version: 1, type: 'electric-substation', clearance_m: 1 },
    }]);
    server = await startTestServer(store);
    eneco = await server.tokenFor('Eneco', 'submitter', 'heat-company');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await closeWorkPool();
  });

  const propose = (b: object, query = '', token = eneco) => server.call(`/api/routes/propose${query}`, 'POST', b, { token });

  it('proposes routes the check passes with no blocking conflict, crossing lines at the rules\' angle or steeper', async () => {
    const { status, body: answer } = await propose(body());
    expect(status).toBe(200);
    const proposals = answer.proposals as Answered[];
    expect(proposals.length).toBeGreaterThanOrEqual(2);
    for (const p of proposals) {
      expect(p.clean).toBe(true);
      expect(p.verdict.code).toBe('proposal.verdict.clean');
      expect(p.report.summary.bySeverity.blocking).toBe(0);
      expect(p.crossings.length).toBeGreaterThan(0);
      for (const c of p.crossings) expect(c.angle_deg).toBeGreaterThanOrEqual(45);
      expect(p.length_m).toBeGreaterThan(800);
      expect(p.length_m).toBeLessThan(1_300);
      const [start, end] = [p.geometry.coordinates[0]!, p.geometry.coordinates.at(-1)!];
      expect(Math.hypot(start[0]! - FROM[0]!, start[1]! - FROM[1]!)).toBeLessThan(5);
      expect(Math.hypot(end[0]! - TO[0]!, end[1]! - TO[1]!)).toBeLessThan(5);
    }
    // The same engine as POST /api/checks: the shortest proposal checked there is just as clean.
    const shortest = proposals[0]!;
    const check = await server.call('/api/checks?crs=EPSG:28992', 'POST', { type: 'Feature', geometry: shortest.geometry, properties: { kind: 'heat', width_m: 0.9, depth_m: 1.45 } }, { token: eneco });
    expect(check.status).toBe(201);
    expect(check.body.report.summary.bySeverity.blocking).toBe(0);
    const counts = shortest.report.summary.bySeverity;
    expect(check.body.report.summary.total).toBe(counts.blocking! + counts.warning! + counts.info!);
  }, 60_000);

  it('when the heat pair would hit the water mains at 1.0 m, never offers a route across them as clean', async () => {
    const { status, body: answer } = await propose(body({ depth_m: 1.0 }));
    expect(status).toBe(200);
    for (const p of answer.proposals as Answered[]) expect(p.clean).toBe(p.report.summary.bySeverity.blocking === 0 && p.verdict.code === 'proposal.verdict.clean');
    expect((answer.proposals as Answered[]).some((p) => p.clean)).toBe(false);
    // The street is wide enough there: what stops the route is a main it cannot cross at this depth.
    expect(answer.bottleneck).toMatchObject({ cause: 'crossing' });
    expect(answer.bottleneck.takenBy.map((t: { assetId: string }) => t.assetId)).toContainEqual(expect.stringMatching(/^(water|gas|mv)-/));
    expect(answer.bottleneck.explanation).toMatch(/moet .* kruisen, maar op 1,00 m diepte blijft er te weinig verticale ruimte/);
    // It says what to try: the depth that passes under the mains it names, and asked again there, a clean route.
    const deeper = answer.bottleneck.suggested_depth_m as number;
    expect(deeper).toBeGreaterThan(1);
    expect(answer.bottleneck.explanation).toContain(`op ${deeper.toFixed(2).replace('.', ',')} m diepte gaat het er met voldoende ruimte onderdoor`);
    const again = await propose(body({ depth_m: deeper }));
    expect((again.body.proposals as Answered[]).some((p) => p.clean && p.report.summary.bySeverity.blocking === 0)).toBe(true);
  }, 90_000);

  it('when a station closes the only way, answers the least-bad route and the bottleneck: segment, free width and the station', async () => {
    const { status, body: answer } = await propose(body({ from: [89_245, 435_900], to: [89_290, 435_900], depth_m: 1.45 }), '?lang=en');
    expect(status).toBe(200);
    expect(answer.proposals).toHaveLength(1);
    const [worst] = answer.proposals as Answered[];
    expect(worst!.clean).toBe(false);
    expect(worst!.verdict.code).toBe('proposal.verdict.least-bad');
    expect(worst!.report.conflicts.some((c) => c.severity === 'blocking' && /station-blocking-stub/.test(c.explanation))).toBe(true);
    expect(answer.bottleneck).toMatchObject({ segment: 'taandwarsstraat-1', street: 'Taandwarsstraat', free_m: 0, width_m: 0.9, cause: 'width' });
    expect(answer.bottleneck.takenBy[0]).toMatchObject({ assetId: 'station-blocking-stub', layer: 'stations', owner: 'Stedin', reason: 'station' });
    expect(answer.bottleneck.explanation).toMatch(/^Bottleneck in Taandwarsstraat \(taandwarsstraat-1\): 0\.00 m of free space across the street, the trench is 0\.90 m wide\. The space is taken by station-blocking-stub \(Stedin, station working area\)/);
  }, 60_000);

  it('passes through a via point on another street', async () => {
    const via = [89_600, 435_990];
    const { status, body: answer } = await propose(body({ via: [via], from: [89_300, 435_960], to: [89_750, 435_960] }));
    expect(status).toBe(200);
    for (const p of answer.proposals as Answered[]) expect(pointToLineDistance(via, p.geometry.coordinates)).toBeLessThan(3);
  }, 60_000);

  it('takes and answers WGS84 by default', async () => {
    const wgs = (p: number[]) => transformPosition(p, RD_NEW, WGS84);
    const { status, body: answer } = await propose({ from: wgs(FROM), to: wgs(TO), kind: 'heat', width_m: 0.9, depth_m: 1.45 });
    expect(status).toBe(200);
    const [first] = answer.proposals as Answered[];
    const [lon, lat] = first!.geometry.coordinates[0]!;
    expect(lon).toBeCloseTo(wgs(FROM)[0]!, 3);
    expect(lat).toBeCloseTo(wgs(FROM)[1]!, 3);
    expect(first!.clean).toBe(true);
  }, 60_000);

  it('refuses hostile requests with a problem naming the field or the limit', async () => {
    const far = await propose(body({ to: [FROM[0]! + 5_000, FROM[1]!] }));
    expect(far.status).toBe(413);
    expect(far.type).toMatch(/problem\+json/);
    expect(far.body.errors[0]).toMatchObject({ field: 'to', code: 'validation.proposal.too-far', params: { span_m: 5_000, max_m: 3_000 } });
    const vias = await propose(body({ via: Array.from({ length: 9 }, () => FROM) }), '?lang=en');
    expect(vias.status).toBe(413);
    expect(vias.body.detail).toMatch(/via holds 9 points, more than 8/);
    const wide = await propose(body({ width_m: 50 }));
    expect(wide.status).toBe(400);
    expect(wide.body.errors).toContainEqual(expect.objectContaining({ field: 'width_m', code: 'validation.trench.out-of-range' }));
    const kind = await propose(body({ kind: 'steam' }));
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toContainEqual(expect.objectContaining({ field: 'kind', code: 'validation.trench.kind-unknown' }));
    const junk = await propose(body({ from: 'here', via: 'there', depth_m: 'deep' }));
    expect(junk.status).toBe(400);
    expect(junk.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['depth_m', 'from', 'via']);
    const swapped = await propose({ from: [51.9, 4.43], to: [51.91, 4.44], kind: 'heat', width_m: 0.9, depth_m: 1 });
    expect(swapped.status).toBe(400);
    expect(swapped.body.errors[0]).toMatchObject({ field: 'from', code: 'validation.proposal.outside' });
    const nowhere = await propose(body({ from: [89_375, 435_840] }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors[0]).toMatchObject({ field: 'from', code: 'validation.proposal.no-street-near' });
    const array = await propose([1, 2, 3]);
    expect(array.status).toBe(400);
  }, 60_000);

  it('refuses a viewer, who may not run checks, and a request without a token', async () => {
    const viewer = await server.tokenFor('Gemeente Rotterdam', 'viewer', 'municipality');
    const refused = await propose(body(), '', viewer);
    expect(refused.status).toBe(403);
    const anonymous = await server.call('/api/routes/propose', 'POST', body(), { token: null });
    expect(anonymous.status).toBe(401);
  });
});
