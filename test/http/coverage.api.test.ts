import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/app/run-import.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import type { Store } from '../../server/store/index.ts';
import { type TestServer, startTestServer } from '../support/http.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

const trench = (coordinates: number[][]) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } });
// 100 m in a field near Utrecht where this store knows nothing.
const nowhere = trench([[140_000, 455_000], [140_100, 455_000]]);
// Across WML's EV zone (G9505RISICO) inside the Graafpolygoon of delivery 22G003179 (Maasgouw).
const acrossWmlZone = trench([[190_070, 350_800], [190_130, 350_810]]);

describe.each(storeKinds())('coverage and precaution zones over HTTP on the %s store', (kind) => {
  let store: Store;
  let server: TestServer;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await loadDemoIfEmpty(store);
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('when a 100 m trench lies where no data is known, answers a blocking coverage finding and says unknown ground, never no conflicts', async () => {
    const { status, body } = await server.call('/api/checks?crs=EPSG:28992&lang=nl', 'POST', nowhere);
    expect(status).toBe(201);
    expect(body.report.conflicts).toHaveLength(1);
    expect(body.report.conflicts[0]).toMatchObject({ rule: 'coverage', severity: 'blocking', chainage_from_m: 0, chainage_to_m: 100, measured_m: 100 });
    expect(body.report.conflicts[0].layers).toEqual(['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations']);
    expect(body.report.conflicts[0].explanation).toMatch(/^Onbekende grond tussen 0,0 en 100,0 m langs het tracé: hier zijn geen gegevens over kabels, leidingen, riolering, warmtenet, bomen en stations/);
    expect(body.report.conflicts[0].explanation).toContain('KLIC-melding');
    expect(body.report.summary).toMatchObject({ coverage: 'none', outsideCoverage_m: { cables: 100, trees: 100 } });
    expect(body.report.verdict).toBe('Onbekende grond: het hele tracé (100,0 m) ligt buiten de dekking van kabels, leidingen, riolering, warmtenet, bomen en stations. Dit is geen vrijgave om te graven.');
    expect(JSON.stringify(body)).not.toMatch(/[Gg]een conflicten|[Nn]o conflicts/);
    const stored = await server.call(`/api/checks/${body.id}?crs=EPSG:28992&lang=en`);
    expect(stored.body.report.verdict).toMatch(/^Unknown ground: the whole trench \(100.0 m\) lies outside/);
  });

  it('in the demo district, which is covered, a clean trench says no conflicts and the summary says complete', async () => {
    const { body } = await server.call('/api/checks?crs=EPSG:28992&lang=nl', 'POST', trench([[89_520, 435_960], [89_530, 435_960]]));
    expect(body.report.summary.coverage).toBe('complete');
    expect(body.report.conflicts.filter((c: { rule: string }) => c.rule === 'coverage')).toEqual([]);
  });

  it('GET /api/coverage answers the demo district, per layer it holds, in WGS84 by default and RD New on request', async () => {
    const rd = await server.call('/api/coverage?crs=EPSG:28992&bbox=89000,435500,90000,436500');
    expect(rd.status).toBe(200);
    expect(rd.type).toContain('application/geo+json');
    const district = rd.body.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'district');
    expect(district.properties).toMatchObject({ type: 'coverage', source: 'demo', layers: expect.arrayContaining(['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets']) });
    expect(district.geometry.coordinates[0][0]).toEqual([89_210, 435_700]);
    const wgs = await server.call('/api/coverage?bbox=4.4,51.89,4.46,51.93');
    const [lon, lat] = wgs.body.features[0].geometry.coordinates[0][0];
    expect(lon).toBeCloseTo(4.43, 1);
    expect(lat).toBeCloseTo(51.91, 1);
    expect((await server.call('/api/coverage?crs=EPSG:28992&bbox=0,300000,1000,301000')).body.features).toEqual([]);
    expect((await server.call('/api/coverage?bbox=1,2,3')).status).toBe(400);
  });

  it.skipIf(skipWithoutRealdata)('when a trench crosses the EV zone of delivery 22G003179, reports it blocking naming WML, the demand and the contact; a re-import replaces the coverage', async () => {
    const first = await runImport(store, undefined, { path: realdata('klic', 'Levering_22G003179_1.zip') });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.coverage).toEqual({ areas: 20, precautions: 1 });
    expect(first.report.coverage).toEqual({ areas: 20, precautions: 1, kinds: ['graafpolygoon'] });
    const { body } = await server.call('/api/checks?crs=EPSG:28992&lang=nl', 'POST', acrossWmlZone);
    const zone = body.report.conflicts.find((c: { rule: string }) => c.rule === 'precaution');
    expect(zone).toMatchObject({ severity: 'blocking', owner: 'WML N.V.', layer: 'pipes', assetId: 'nl.imkl-KL1110.AEVM_AEV_PROJECT_Project116132_227' });
    expect(zone.explanation).toContain('WML N.V.');
    expect(zone.explanation).toContain('G9505RISICO');
    expect(zone.explanation).toContain('Klic-medewerker Geo Data Beheer, 043 - 880 86 71, KlicGeoDataBeheer@WML.nl');
    expect(zone.basis).toContain('nl.imkl-KL1110_22G003179.KL1110_22G003179EvGraafmelding.001_water.pdf');
    // KLIC covers the networks, not the trees: the one coverage finding names trees only.
    const unknown = body.report.conflicts.filter((c: { rule: string }) => c.rule === 'coverage');
    expect(unknown.map((c: { layers: string[] }) => c.layers)).toEqual([['trees']]);
    expect(body.report.summary.outsideCoverage_m).toMatchObject({ cables: 0, pipes: 0, trees: expect.any(Number) });

    const before = await store.coverage.countBySource('klic:22G003179');
    const again = await runImport(store, undefined, { path: realdata('klic', 'Levering_22G003179_1.zip') });
    expect(again.ok).toBe(true);
    expect(await store.coverage.countBySource('klic:22G003179')).toEqual(before);
    expect(before).toEqual({ areas: 20, zones: 1 });
    const listed = await server.call('/api/coverage?crs=EPSG:28992&bbox=189900,350700,190300,351000');
    const kinds = listed.body.features.map((f: { properties: { type: string; kind?: string } }) => f.properties.kind ?? f.properties.type);
    expect(kinds).toEqual(['graafpolygoon', 'precaution']);
    expect(listed.body.features[0].properties.owners).toEqual(['Enexis B.V.', 'Gemeente Maasgouw', 'KPN', 'WML N.V.']);
    const audit = await store.sql.query<{ detail: { coverage?: unknown } }>(`SELECT detail FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1`);
    expect(audit[0]?.detail.coverage).toEqual({ areas: 20, precautions: 1 });
  });
});
