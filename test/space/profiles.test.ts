import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StreetAsset } from '../../server/domain/assets/layers.ts';
import { validateFeature } from '../../server/domain/assets/asset.validation.ts';
import { generateLaneReservations, rectangleAxis } from '../../server/domain/space/profiles.ts';
import { parseProfile } from '../../server/domain/space/street-profile.ts';
import { offsetLine } from '../../server/geo/offset-line.ts';
import { readProfileFile, readProfilesDir } from '../../server/profiles-file.ts';

const profiles = readProfilesDir('data/profiles');
const street = (id: string, geometry: StreetAsset['geometry'], properties: Record<string, unknown> = {}): StreetAsset => ({
  type: 'Feature', id, geometry, properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, name: 'Hudsonstraat', segment_id: id, ...properties },
});
const alongX = (properties: Record<string, unknown>) => street('hudson-1', { type: 'LineString', coordinates: [[0, 0], [100, 0]] }, properties);
const generate = (streets: StreetAsset[], profile?: string) => {
  const result = generateLaneReservations(streets, profiles, { owner: 'Gemeente Rotterdam', ...(profile ? { profile } : {}) });
  if (!result.ok) throw new Error(`generation refused: ${JSON.stringify(result.errors)}`);
  return result;
};
const ys = (r: { geometry: { coordinates: number[][] } }) => [...new Set(r.geometry.coordinates.map((p) => p[1]))];

describe('lane reservations from a street profile', () => {
  it('stops space kept for trees 14 m short of the segment ends and of every street it crosses, and runs network lanes on through', () => {
    const long = street('long-1', { type: 'LineString', coordinates: [[0, 0], [200, 0]] }, { width_m: 16 });
    const across = street('across-1', { type: 'LineString', coordinates: [[100, -50], [100, 50]] }, { width_m: 24 });
    const made = generateLaneReservations([long], profiles, { owner: 'Gemeente Rotterdam', profile: 'residential-16m', around: [long, across] });
    if (!made.ok) throw new Error('refused');
    const strips = made.reservations.filter((r) => r.properties.purpose === 'future-trees');
    // 14 m from the ends; 12 m (half the crossing street) + 2 m either side of x = 100.
    expect(strips.map((r) => [r.id.split(':').at(-1), r.geometry.coordinates[0]![0], r.geometry.coordinates.at(-1)![0]])).toEqual([['1', 14, 86], ['2', 114, 186]]);
    const lanes = made.reservations.filter((r) => r.properties.purpose === 'lane');
    for (const lane of lanes) expect([lane.geometry.coordinates[0]![0], lane.geometry.coordinates.at(-1)![0]]).toEqual([0, 200]);
  });

  it('lays every lane of residential-16m on a 16 m centreline at the hand-computed offsets and widths', () => {
    const { reservations, segments } = generate([alongX({ width_m: 16 })]);
    expect(segments).toEqual([{ segment: 'hudson-1', profile: 'residential-16m', by: 'width', width_m: 16, widthAssumed: false, reservations: reservations.map((r) => r.id), leftOut: [] }]);
    const byId = new Map(reservations.map((r) => [r.id, r]));
    // Low voltage and telecom 0.3 m from the façade, 0.8 m wide: centre 8 − 0.3 − 0.4 = 7.3 m from the centreline.
    expect(ys(byId.get('residential-16m:hudson-1:lv-telecom:left')!)).toEqual([7.3]);
    expect(ys(byId.get('residential-16m:hudson-1:lv-telecom:right')!)).toEqual([-7.3]);
    // Water 1.6 m from the façade, 0.6 m wide: 8 − 1.6 − 0.3 = 6.1.
    expect(ys(byId.get('residential-16m:hudson-1:water:left')!)).toEqual([6.1]);
    // Medium voltage at the kerb (2.5 m in), 0.6 m wide: 8 − 2.5 − 0.3 = 5.2.
    expect(ys(byId.get('residential-16m:hudson-1:mv:right')!)).toEqual([-5.2]);
    // Trees 0.6 m beyond the kerb, 2 m wide, on the right: −(8 − 2.5 − 0.6 − 1) = −3.9; heat on the left: 8 − 2.5 − 0.6 − 0.6 = 4.3.
    expect(byId.get('residential-16m:hudson-1:trees:right')!.properties).toMatchObject({ purpose: 'future-trees', width_m: 2 });
    expect(ys(byId.get('residential-16m:hudson-1:trees:right')!)).toEqual([-3.9]);
    expect(ys(byId.get('residential-16m:hudson-1:heat:left')!)).toEqual([4.3]);
    expect(ys(byId.get('residential-16m:hudson-1:sewer:centre')!)).toEqual([0]);
    expect(reservations).toHaveLength(11);
    expect(byId.get('residential-16m:hudson-1:heat:left')!.properties).toEqual({
      owner: 'Gemeente Rotterdam', status: 'existing', version: 1, purpose: 'lane', kinds: ['heat'], width_m: 1.2, depth_m: 0.6, depth_bottom_m: 1.5,
      source: 'profile:residential-16m', profile_lane: 'heat', side: 'left', segment_id: 'hudson-1', basis: expect.stringMatching(/\(E\)$/),
    });
  });

  it('makes reservations the reservations layer accepts', () => {
    const inRotterdam = street('hudson-1', { type: 'LineString', coordinates: [[89_500, 436_000], [89_600, 436_000]] }, { width_m: 16 });
    for (const r of generate([inRotterdam]).reservations) expect(validateFeature(r, 'reservations', 'EPSG:28992')).not.toHaveProperty('code');
  });

  it('generating twice gives the same ids and geometry, so storing them again updates rather than duplicates', () => {
    const first = generate([alongX({ width_m: 16 })]).reservations;
    const second = generate([alongX({ width_m: 16 })]).reservations;
    expect(second).toEqual(first);
    expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
  });

  it('chooses the profile asked for, else by street_type, else the nearest width (the narrower on a tie, 12 m without a width)', () => {
    expect(generate([alongX({ width_m: 16 })], 'main-24m').segments[0]).toMatchObject({ profile: 'main-24m', by: 'asked' });
    expect(generate([alongX({ width_m: 16, street_type: 'hoofdstraat' })]).segments[0]).toMatchObject({ profile: 'main-24m', by: 'street-type' });
    expect(generate([alongX({ width_m: 14 })]).segments[0]).toMatchObject({ profile: 'residential-12m', by: 'width' });
    expect(generate([alongX({ width_m: 21 })]).segments[0]).toMatchObject({ profile: 'main-24m', by: 'width' });
    expect(generate([alongX({})]).segments[0]).toMatchObject({ profile: 'residential-12m', width_m: 12, widthAssumed: true });
  });

  it('keeps façade lanes at their distance from the real façade on a narrower street, and leaves out lanes that would cross the middle', () => {
    const { reservations, segments } = generate([alongX({ width_m: 8 })], 'residential-16m');
    expect(ys(reservations.find((r) => r.id.endsWith(':lv-telecom:left'))!)).toEqual([3.3]);
    expect(segments[0]!.leftOut).toEqual(['trees:right', 'heat:left']);
  });

  it('refuses an unknown profile by name, with the profiles there are', () => {
    expect(generateLaneReservations([alongX({})], profiles, { owner: 'x', profile: 'boulevard' })).toEqual({
      ok: false, errors: [{ field: 'profile', code: 'validation.reserve.profile-unknown', params: { value: '"boulevard"', allowed: ['main-24m', 'residential-12m', 'residential-16m'] } }],
    });
  });

  it('takes a polygon street\'s long axis as centreline and its short side as width', () => {
    expect(rectangleAxis([[0, -8], [100, -8], [100, 8], [0, 8], [0, -8]])).toEqual({ line: expect.any(Array), width_m: 16 });
    const polygon = street('rottekade-1', { type: 'Polygon', coordinates: [[[0, -8], [100, -8], [100, 8], [0, 8], [0, -8]]] });
    const { reservations, segments } = generate([polygon]);
    expect(segments[0]).toMatchObject({ profile: 'residential-16m', width_m: 16, widthAssumed: false });
    const lv = reservations.filter((r) => r.id.includes(':lv-telecom:')).map((r) => ys(r)).flat().sort((a, b) => a! - b!);
    expect(lv).toEqual([-7.3, 7.3]);
    const xs = reservations[0]!.geometry.coordinates.map((p) => p[0]).sort((a, b) => a! - b!);
    expect(xs).toEqual([0, 100]);
  });
});

describe('offsetLine', () => {
  it('shifts a straight line along its left normal and mitres a right-angle bend', () => {
    expect(offsetLine([[0, 0], [10, 0]], 2)).toEqual([[0, 2], [10, 2]]);
    const mm = (line: number[][]) => line.map((p) => p.map((v) => Math.round(v * 1_000) / 1_000 + 0));
    expect(mm(offsetLine([[0, 0], [10, 0], [10, 10]], 1))).toEqual([[0, 1], [9, 1], [9, 10]]);
    expect(mm(offsetLine([[0, 0], [10, 0], [10, 10]], -1))).toEqual([[0, -1], [11, -1], [11, 10]]);
  });

  it('cuts a hairpin into two points instead of a spike far out', () => {
    const out = offsetLine([[0, 0], [10, 0], [0, 0.5]], 1);
    expect(out).toHaveLength(4);
    for (const p of out) expect(Math.hypot(p[0]! - 5, p[1]!)).toBeLessThan(7);
  });
});

describe('street profile files', () => {
  const good = () => JSON.parse(JSON.stringify(profiles.find((p) => p.id === 'residential-16m')));

  it('every shipped profile reads, each lane with a source and a status', () => {
    expect(profiles.map((p) => p.id)).toEqual(['main-24m', 'residential-12m', 'residential-16m']);
    for (const p of profiles) for (const lane of p.lanes) expect(lane.source.length).toBeGreaterThan(20);
    expect(profiles.flatMap((p) => p.lanes.filter((l) => l.kinds?.includes('heat')).map((l) => l.status))).toEqual(['E', 'E', 'E']);
  });

  it.each([
    ['a lane without source', (p: ReturnType<typeof good>) => delete p.lanes[0].source, 'lanes.0.source', 'validation.required'],
    ['a lane kind that is no trench kind', (p: ReturnType<typeof good>) => (p.lanes[1].kinds = ['steam']), 'lanes.1.kinds.0', 'validation.not-one-of'],
    ['a depth band upside down', (p: ReturnType<typeof good>) => (p.lanes[2].depth_m = [1.2, 0.8]), 'lanes.2.depth_m', 'validation.profile.depth-inverted'],
    ['two lanes with one id', (p: ReturnType<typeof good>) => (p.lanes[3].id = 'gas'), 'lanes[3].id', 'validation.profile.lane-duplicate'],
    ['a lane across the middle', (p: ReturnType<typeof good>) => (p.lanes[0].offset_m = 7.5), 'lanes[0].offset_m', 'validation.profile.lane-outside'],
    ['a centre lane measured from the façade', (p: ReturnType<typeof good>) => (p.lanes[6].from = 'facade'), 'lanes[6].sides', 'validation.profile.centre-lane'],
    ['an id with a colon', (p: ReturnType<typeof good>) => (p.id = 'a:b'), 'id', 'validation.profile.id'],
  ])('refuses %s, naming the field', (_name, spoil, field, code) => {
    const json = good();
    spoil(json);
    const parsed = parseProfile(json);
    expect(parsed.valid ? [] : parsed.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('a bad profile file is an error naming the file, the field and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
    const json = good();
    json.lanes[0].width_m = -1;
    writeFileSync(join(dir, 'residential-16m.json'), JSON.stringify(json));
    expect(() => readProfileFile(join(dir, 'residential-16m.json'))).toThrow(/profile file .*residential-16m\.json has 1 problem:\n {2}lanes\.0\.width_m: -1 is below the minimum of 0/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify(good()));
    expect(() => readProfileFile(join(dir, 'other.json'))).toThrow('id: id residential-16m must equal the file name (other); rename the file or the id');
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    expect(() => readProfileFile(join(dir, 'broken.json'))).toThrow(/is not valid JSON .*; fix the syntax/);
  });
});
