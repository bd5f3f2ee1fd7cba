import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

const { store, server } = await serverForFile('pglite');

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${server.url}/api/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${server.token}` } });
  return { status: response.status, body: await response.json() };
}

describe.skipIf(skipWithoutRealdata)('sewer data through the API', () => {
  const rib = () => readFileSync(realdata('almere-riool/224-4_DWA.rib'));
  let routeId = '';

  it('imports a SUF-RIB upload, and a second upload of it updates the same pipes rather than adding them', async () => {
    const first = await upload(rib(), '224-4_DWA.rib');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ format: 'suf-rib', counts: { sewers: 25 }, stored: { sewers: { created: 25, updated: 0 } } });
    expect(first.body.files).toEqual([{ name: '224-4_DWA.rib', manholes: 21, pipes: 25, observations: 305, skipped: 0 }]);
    const again = await upload(rib(), '224-4_DWA.rib');
    expect(again.body.stored).toEqual({ sewers: { created: 0, updated: 0 } });
    expect(await store.features.count('sewers')).toBe(25);
  });

  it('answers 409 for a route not yet approved, then lists the class-4 pipe beside the approved route and adds it as the municipality\'s work', async () => {
    const vattenfall = await server.tokenFor('Vattenfall', 'submitter', 'heat-company');
    const almere = await server.tokenFor('Gemeente Almere', 'engineer', 'municipality');
    // Along pipe 2200236 in the Transistorstraat (BBF C: running infiltration, class 4), 0.5 m beside it.
    const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[140_560.2, 484_460.7], [140_540.1, 484_468.7]] }, properties: { width_m: 0.8, depth_m: 1, preferred_start: '2027-05-01' } };
    const submitted = await server.call('/api/routes?crs=EPSG:28992', 'POST', { name: 'Tracé Transistorstraat', feature }, { token: vattenfall });
    expect(submitted.status).toBe(201);
    routeId = (submitted.body as { id: string }).id;
    expect((await server.call(`/api/routes/${routeId}/sewer-suggestions`, 'GET', undefined, { token: almere })).status).toBe(409);
    expect((await server.call(`/api/routes/${routeId}/decision`, 'POST', { decision: 'approved' }, { token: almere })).status).toBeLessThan(300);

    const listed = await server.call(`/api/routes/${routeId}/sewer-suggestions?crs=EPSG:28992&lang=en`, 'GET', undefined, { token: vattenfall });
    expect(listed.status).toBe(200);
    const suggestions = (listed.body as { suggestions: { sewerId: string; street: string; condition_class: number; parties: string[]; explanation: string }[] }).suggestions;
    expect(suggestions.map((s) => [s.sewerId, s.street, s.condition_class])).toEqual([['sewer:gemeente-almere:2200236', 'Transistorstraat', 4]]);
    expect(suggestions[0]!.explanation).toContain('the sewer in Transistorstraat is due for replacement');

    // The same for the heat work the approval put in the programme, for whoever reads works.
    const viaWork = await server.call(`/api/works/work-route-${routeId}/sewer-suggestions`, 'GET', undefined, { token: almere });
    expect(viaWork.status).toBe(200);
    expect((viaWork.body as { suggestions: { sewerId: string }[] }).suggestions.map((s) => s.sewerId)).toEqual(['sewer:gemeente-almere:2200236']);

    const refused = await server.call(`/api/routes/${routeId}/sewer-suggestions/accept`, 'POST', { sewerId: 'sewer:gemeente-almere:2200236' }, { token: vattenfall });
    expect(refused.status).toBe(403);
    const accepted = await server.call(`/api/routes/${routeId}/sewer-suggestions/accept`, 'POST', { sewerId: 'sewer:gemeente-almere:2200236' }, { token: almere });
    expect(accepted.status).toBe(201);
    expect((await store.works.get('work-sewer-gemeente-almere-2200236'))?.properties).toMatchObject({ type: 'sewer', owner: 'Gemeente Almere', sewer_id: 'sewer:gemeente-almere:2200236' });
    // A sewer work has no sewer suggestions of its own.
    expect((await server.call('/api/works/work-sewer-gemeente-almere-2200236/sewer-suggestions', 'GET', undefined, { token: almere })).status).toBe(409);
  });
});
