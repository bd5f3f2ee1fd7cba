import ICAL from 'ical.js';
import GJV from 'geojson-validation';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanOptions } from '../../server/domain/plan/plan.types.ts';
import { loadWorkbook, readCsv } from '../exports/read-back.ts';
import { samplePlan, scheduledWorks } from '../exports/sample-plan.ts';
import { serverForFile } from '../support/http.ts';

const OPTIONS: PlanOptions = { horizonStart: '2026-01-01', moratoriumYears: 3, separateNeighbours: false };

const { store, server } = await serverForFile('pglite');
let id: string;
let id8: string;
beforeAll(async () => {
  ({ id } = await store.plans.save('Gemeente Rotterdam', OPTIONS, samplePlan()));
  id8 = id.slice(0, 8);
});

/** Downloads like a browser would: raw bytes and the headers that name the file. */
async function download(path: string, token: string | null = server.token) {
  const response = await fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('plan exports over HTTP', () => {
  const plan = samplePlan();

  it('sends the workbook as an xlsx attachment that exceljs reads back', async () => {
    const { status, type, disposition, bytes } = await download(`/api/plans/${id}/export.xlsx`);
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(disposition).toBe(`attachment; filename="ondergrond-plan-${id8}.xlsx"`);
    const workbook = await loadWorkbook(bytes);
    expect(workbook.getWorksheet('Werken')!.rowCount).toBe(scheduledWorks(plan).length + 1);
    expect(workbook.getWorksheet('Samenvatting')!.getRow(1).getCell(2).value).toBe(id);
  });

  it('sends CSV with one row per scheduled work, and the Dutch Excel flavour on ?delimiter=semicolon', async () => {
    const comma = await download(`/api/plans/${id}/export.csv`);
    expect(comma.type).toBe('text/csv; charset=utf-8; header=present');
    expect(comma.disposition).toBe(`attachment; filename="ondergrond-plan-${id8}.csv"`);
    expect(readCsv(text(comma.bytes))).toHaveLength(scheduledWorks(plan).length + 1);
    const semicolon = await download(`/api/plans/${id}/export.csv?delimiter=semicolon`);
    expect([...semicolon.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(text(semicolon.bytes), ';')).toHaveLength(scheduledWorks(plan).length + 1);
  });

  it('sends the workbook, the CSV header and the letters in English on ?lang=en, in Dutch by default', async () => {
    const workbook = await loadWorkbook((await download(`/api/plans/${id}/export.xlsx?lang=en`)).bytes);
    expect(workbook.worksheets.slice(0, 3).map((s) => s.name)).toEqual(['Summary', 'Openings', 'Works']);
    expect(readCsv(text((await download(`/api/plans/${id}/export.csv?lang=en`)).bytes))[0]![0]).toBe('opening_id');
    expect(readCsv(text((await download(`/api/plans/${id}/export.csv`)).bytes))[0]![0]).toBe('opening');
    const { body } = await server.call(`/api/plans/${id}/letters?lang=en`);
    expect(body.letters[0].text).toMatch(/^Dear residents of /);
  });

  it('answers 400 naming the choices for an unknown CSV delimiter', async () => {
    const { status, type, body } = await server.call(`/api/plans/${id}/export.csv?delimiter=tab`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.detail).toContain('delimiter must be "comma" (RFC 4180, the default) or "semicolon" (Dutch Excel)');
  });

  it('sends a calendar that ical.js parses into one event per opening', async () => {
    const { type, disposition, bytes } = await download(`/api/plans/${id}/export.ics`);
    expect(type).toBe('text/calendar; charset=utf-8');
    expect(disposition).toBe(`attachment; filename="ondergrond-plan-${id8}.ics"`);
    const events = new ICAL.Component(ICAL.parse(text(bytes))).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(plan.openings.length);
    const hudson = events.find((e) => e.uid === 'op-hud-1-2026@ondergrond')!;
    expect([hudson.startDate.toString(), hudson.endDate.toString()]).toEqual(['2026-03-02', '2026-06-13']);
  });

  it('sends valid GeoJSON in WGS84, and in RD New on ?crs=EPSG:28992', async () => {
    const wgs = await download(`/api/plans/${id}/export.geojson`);
    expect(wgs.type).toBe('application/geo+json; charset=utf-8');
    expect(wgs.disposition).toBe(`attachment; filename="ondergrond-plan-${id8}.geojson"`);
    const collection = JSON.parse(text(wgs.bytes));
    expect(collection.features).toHaveLength(plan.openings.length);
    for (const f of collection.features) expect(GJV.isFeature(f, true)).toEqual([]);
    expect(collection.features[0].geometry.coordinates[0][0]).toBeCloseTo(4.45, 1);
    const rd = JSON.parse(text((await download(`/api/plans/${id}/export.geojson?crs=EPSG:28992`)).bytes));
    expect(rd.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::28992');
    expect(rd.features[0].geometry.coordinates[0]).toEqual([89420.5, 436310.2]);
  });

  // One letter per street since issue 14 (it was one per opening): the sample plan has three streets.
  const streets = [...new Set(plan.openings.map((o) => o.street))];

  it('answers the letters as JSON, one per street, signed by the organisation that computed the plan unless another is named', async () => {
    const { status, body } = await server.call(`/api/plans/${id}/letters`);
    expect(status).toBe(200);
    expect(body.letters).toHaveLength(streets.length);
    expect(body.letters[0]).toEqual({ street: expect.any(String), openingIds: expect.any(Array), text: expect.stringContaining('Beste bewoners van') });
    expect(body.letters.flatMap((l: { openingIds: string[] }) => l.openingIds).sort()).toEqual(plan.openings.map((o) => o.id).sort());
    expect(body.letters[0].text).toContain('\n\nGemeente Rotterdam\n');
    const named = await server.call(`/api/plans/${id}/letters?municipality=${encodeURIComponent('Gemeente Schiedam')}&contact=${encodeURIComponent('14 010')}`);
    expect(named.body.letters[0].text).toContain('contact op met Gemeente Schiedam');
    expect(named.body.letters[0].text).toContain('U bereikt ons via 14 010.');
  });

  it('tells a street that opens again within the plan\'s moratorium after a repaving that it does', async () => {
    const { body } = await server.call(`/api/plans/${id}/letters`);
    const hudson = body.letters.find((l: { street: string }) => l.street === 'Hudsonstraat');
    expect(hudson.text).toContain('gaat de Hudsonstraat opnieuw open, terwijl deel 1 (121 m) pas op 12 juni 2026 opnieuw is bestraat. Normaal blijft een straat na het bestraten 3 jaar dicht.');
  });

  it('sends every letter in one text file', async () => {
    const { type, disposition, bytes } = await download(`/api/plans/${id}/letters.txt`);
    expect(type).toBe('text/plain; charset=utf-8');
    expect(disposition).toBe(`attachment; filename="ondergrond-plan-${id8}-brieven.txt"`);
    expect(text(bytes).match(/^Beste bewoners van /gm)).toHaveLength(streets.length);
  });

  it.each(['export.xlsx', 'export.csv', 'export.ics', 'export.geojson', 'letters', 'letters.txt'])(
    'answers 404 problem+json for %s of an unknown plan',
    async (file) => {
      const { status, type, body } = await server.call(`/api/plans/no-such-plan/${file}`);
      expect(status).toBe(404);
      expect(type).toContain('application/problem+json');
      expect(body.detail).toBe('there is no plan "no-such-plan"; POST /api/plans computes one and answers its id');
    },
  );

  it('lets a viewer of another organisation download, and refuses a request without a token', async () => {
    const viewer = await server.tokenFor('Eneco', 'viewer', 'heat-company');
    expect((await download(`/api/plans/${id}/export.ics`, viewer)).status).toBe(200);
    expect((await download(`/api/plans/${id}/export.ics`, null)).status).toBe(401);
  });

  it('documents every export route in the OpenAPI document', async () => {
    const routes = server.app.doc.routes();
    for (const file of ['export.xlsx', 'export.csv', 'export.ics', 'export.geojson', 'letters', 'letters.txt']) {
      expect(routes).toContain(`GET /api/plans/{id}/${file}`);
    }
  });
});
