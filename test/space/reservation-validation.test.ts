import { describe, expect, it } from 'vitest';
import { canWriteLayer, type Principal } from '../../server/domain/access/policy.ts';
import { validateFeature } from '../../server/domain/assets/asset.validation.ts';
import { render } from '../../server/messages/render.ts';

const lane = (properties: Record<string, unknown>, geometry: object = { type: 'LineString', coordinates: [[92_000, 437_000], [92_040, 437_000]] }) => ({
  type: 'Feature',
  id: 'r1',
  geometry,
  properties: { owner: 'Gemeente Rotterdam', purpose: 'lane', width_m: 1.2, ...properties },
});
const square = { type: 'Polygon', coordinates: [[[92_000, 437_000], [92_010, 437_000], [92_010, 437_010], [92_000, 437_010], [92_000, 437_000]]] };
const validate = (feature: object) => validateFeature(feature, 'reservations', 'EPSG:28992');

describe('reservation validation', () => {
  it('accepts a lane with kinds, organisation, dates and source, and an area for future trees without width', () => {
    const ok = validate(lane({ kinds: ['heat', 'water'], organisation: 'Eneco', valid_from: '2026-01-01', valid_until: '2040-12-31', source: 'profile:residential-16m' }));
    expect(ok).toMatchObject({ id: 'r1', properties: { purpose: 'lane', kinds: ['heat', 'water'], status: 'existing', version: 1 } });
    expect(validate(lane({ purpose: 'future-trees', width_m: undefined }, square))).toMatchObject({ geometry: { type: 'Polygon' } });
  });

  it.each([
    ['a line without width', lane({ width_m: undefined }), 'properties.width_m', 'validation.reservation.line-without-width'],
    ['a line of zero width', lane({ width_m: 0 }), 'properties.width_m', 'validation.reservation.line-without-width'],
    ['a line wider than 10 m', lane({ width_m: 12 }), 'properties.width_m', 'validation.reservation.line-too-wide'],
    ['kinds that are no trench kinds', lane({ kinds: ['heat', 'district-cooling'] }), 'properties.kinds', 'validation.reservation.kinds'],
    ['kinds as one string', lane({ kinds: 'heat' }), 'properties.kinds', 'validation.reservation.kinds'],
    ['an organisation that is no text', lane({ organisation: 42 }), 'properties.organisation', 'validation.reservation.text'],
    ['a source that is no text', lane({ source: ['handbook'] }), 'properties.source', 'validation.reservation.text'],
    ['a date that is no calendar day', lane({ valid_until: '2027-02-30' }), 'properties.valid_until', 'validation.reservation.date'],
    ['a date written the Dutch way', lane({ valid_from: '01-01-2027' }), 'properties.valid_from', 'validation.reservation.date'],
    ['from after until', lane({ valid_from: '2030-01-01', valid_until: '2029-12-31' }), 'properties.valid_until', 'validation.reservation.dates-inverted'],
    ['an unknown purpose', lane({ purpose: 'parking' }), 'properties.purpose', 'validation.feature.property-not-allowed'],
    ['no purpose', lane({ purpose: undefined }), 'properties.purpose', 'validation.feature.property-missing'],
  ])('refuses %s, naming the field', (_name, feature, field, code) => {
    const result = validate(feature);
    expect(result).toMatchObject({ field, code });
    expect('code' in result && render(result, 'en')).not.toMatch(/\{|\}/);
  });

  it('says what to send for a line without width, in both languages', () => {
    const result = validate(lane({ width_m: undefined }));
    if (!('code' in result)) throw new Error('a line reservation without width was accepted');
    expect(render(result, 'en')).toBe('reservations: a reservation drawn as a line needs width_m > 0 (the strip width in metres, at most 10), got null; or draw an area');
    expect(render(result, 'nl')).toContain('teken een vlak');
  });
});

describe('who writes reservations', () => {
  const who = (organisation: string, organisationKind: Principal['organisationKind'], role: Principal['role']): Principal => ({ tokenId: 't', organisation, organisationKind, role });

  it('a municipality writes its own reservations, an admin any, a heat company none — not even its own', () => {
    expect(canWriteLayer(who('Gemeente Rotterdam', 'municipality', 'engineer'), 'reservations', 'Gemeente Rotterdam')).toEqual({ allowed: true, scope: 'own' });
    expect(canWriteLayer(who('Gemeente Rotterdam', 'municipality', 'engineer'), 'reservations', 'Gemeente Schiedam')).toMatchObject({ allowed: false, reason: { code: 'access.own-only' } });
    expect(canWriteLayer(who('Beheer', 'other', 'admin'), 'reservations', 'Gemeente Rotterdam')).toEqual({ allowed: true, scope: 'all' });
    const eneco = canWriteLayer(who('Eneco', 'heat-company', 'submitter'), 'reservations', 'Eneco');
    expect(eneco).toEqual({ allowed: false, reason: { code: 'access.municipality-only', params: { organisation: 'Eneco', layer: 'reservations' } } });
    if (!eneco.allowed) expect(render(eneco.reason, 'en')).toBe('Eneco is not a municipality: only a municipality records reservations in layer reservations');
    expect(canWriteLayer(who('Eneco', 'heat-company', 'submitter'), 'heat', 'Eneco')).toEqual({ allowed: true, scope: 'own' });
  });
});
