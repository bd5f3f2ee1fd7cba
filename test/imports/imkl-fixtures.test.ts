import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { roundGeometry } from '../../server/geo/crs.ts';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import type { ImportResult } from '../../server/imports/types.ts';
import { expectedGolden } from '../support/golden.ts';

// Hand-written IMKL 2.0 deliveries (no real data needed): `<case>.xml` → `<case>.out.json`, rewritten with REGEN=1.
const FIXTURES = 'test/fixtures/imports/imkl';
const CASES = readdirSync(FIXTURES).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -'.xml'.length)).sort();

/**
 * The golden output: one RD New FeatureCollection (open it in QGIS) with every imported asset, its layer among its
 * properties and coordinates rounded to the centimetre, and the report without its timing.
 */
function golden(name: string, result: ImportResult) {
  if (!result.ok) return { failure: { code: result.code, reason: result.reason } };
  const { counts, skipped, warnings, ignored, source, format } = result.report;
  const features: Feature[] = result.assets.map(({ layer, asset }) => ({
    type: 'Feature',
    id: asset.id,
    geometry: roundGeometry(asset.geometry, 2),
    properties: { layer, ...asset.properties },
  }));
  const description = /<!--([\s\S]*?)-->/.exec(readFileSync(join(FIXTURES, `${name}.xml`), 'utf8'))?.[1]?.replace(/\s+/g, ' ').trim();
  const map: FeatureCollection & Record<string, unknown> = { type: 'FeatureCollection', description, crs: { type: 'name', properties: { name: 'EPSG:28992' } }, features };
  return { ...map, report: { format, source, counts, skipped, warnings, ignored } };
}

async function run(name: string) {
  const result = await importKlic(join(FIXTURES, `${name}.xml`));
  const actual = JSON.parse(JSON.stringify(golden(name, result)));
  expect(actual).toEqual(expectedGolden(join(FIXTURES, `${name}.out.json`), actual));
  if (!result.ok) throw new Error(`${name}: ${result.code}: ${result.reason}`);
  return result;
}

const asset = (result: Awaited<ReturnType<typeof run>>, id: string) => result.assets.find((a) => a.asset.id === id);
const skippedIds = (result: Awaited<ReturnType<typeof run>>) => result.report.skipped.map((s) => s.id);

describe('synthetic IMKL deliveries, on golden files', () => {
  it('covers every case with a test below', () => {
    expect(CASES).toEqual(['bad-geometry', 'cables-pipes', 'curve', 'heat-stations', 'sewers', 'unknown-theme']);
  });

  it('imports cables and pipes with standard, measured and no depth, and the owner named by the Beheerder', async () => {
    const result = await run('cables-pipes');
    expect(result.report.counts).toEqual({ cables: 3, pipes: 2 });
    expect(asset(result, 'nl.imkl-KL9999.cable-lv')?.asset.properties).toMatchObject({ network: 'lv', depth_m: 0.6, depth_source: 'standard', owner: 'Voorbeeld Netbeheer' });
    expect(asset(result, 'nl.imkl-KL9999.cable-bed')).toMatchObject({ layer: 'cables', asset: { properties: { network: 'lv', width_m: 0.5 } } });
    expect(asset(result, 'nl.imkl-KL9999.water')?.asset.properties).toMatchObject({ medium: 'water', diameter_mm: 110, depth_m: 1.2, depth_source: 'measured' });
    expect(asset(result, 'nl.imkl-KL9999.gas')?.asset.properties).toMatchObject({ medium: 'gas-lp', diameter_mm: 63, status: 'abandoned' });
    expect(asset(result, 'nl.imkl-KL9999.gas')?.asset.properties).not.toHaveProperty('depth_m');
  });

  it('takes a sewer depth given at the bottom to its top, leaves a sewer without depth unknown, and reports a stray depth point', async () => {
    const result = await run('sewers');
    expect(asset(result, 'nl.imkl-KL9998.sewer-gravity')?.asset.properties).toMatchObject({ system: 'gravity', diameter_mm: 400, depth_m: 2.1, depth_source: 'measured', owner: 'Gemeente Voorbeeld Riolering' });
    expect(asset(result, 'nl.imkl-KL9998.sewer-pressure')?.asset.properties).toMatchObject({ system: 'pressure', status: 'planned' });
    expect(asset(result, 'nl.imkl-KL9998.sewer-pressure')?.asset.properties).not.toHaveProperty('depth_m');
    expect(result.report.warnings.map((w) => w.id)).toContain('nl.imkl-KL9998.depth-astray');
  });

  it('imports a heat pipe and a heat station by its footprint, a cabinet called a station by its point, and skips a telecom cabinet', async () => {
    const result = await run('heat-stations');
    expect(asset(result, 'nl.imkl-KL9997.heat-supply')).toMatchObject({ layer: 'heat', asset: { properties: { diameter_mm: 200, depth_m: 1, status: 'planned' } } });
    expect(asset(result, 'nl.imkl-KL9997.station-heat')).toMatchObject({ layer: 'stations', asset: { geometry: { type: 'Polygon' }, properties: { type: 'heat-distribution', footprint: 'extraGeometrie' } } });
    expect(asset(result, 'nl.imkl-KL9993.kast-mv')).toMatchObject({ layer: 'stations', asset: { geometry: { type: 'Point' }, properties: { type: 'electric-substation', owner: 'Voorbeeld Elektra' } } });
    expect(skippedIds(result)).toEqual(['nl.imkl-KL9997.kast-tele']);
  });

  it('densifies an arc in a gml:Curve and joins its segments into one line', async () => {
    const result = await run('curve');
    const bend = asset(result, 'nl.imkl-KL9996.cable-bend')!;
    expect(bend.asset.geometry.type).toBe('LineString');
    expect((bend.asset.geometry as { coordinates: number[][] }).coordinates.length).toBeGreaterThan(10);
    expect(bend.asset.properties).toMatchObject({ network: 'mv', owner: 'KL9996' });
    expect(result.report.warnings).toEqual([]);
  });

  it('skips what maps to no layer with a reason and counts annotations as ignored', async () => {
    const result = await run('unknown-theme');
    expect(result.report.counts).toEqual({ cables: 1 });
    expect(skippedIds(result).sort()).toEqual(['nl.imkl-KL9995.bed-other', 'nl.imkl-KL9995.sleeve', 'nl.imkl-KL9995.valve']);
    expect(result.report.ignored).toEqual({ Annotatie: 2 });
  });

  it('skips each bad geometry with its reason and imports the good cable', async () => {
    const result = await run('bad-geometry');
    expect(result.assets.map((a) => a.asset.id)).toEqual(['nl.imkl-KL9994.cable-good']);
    expect(skippedIds(result).sort()).toEqual([
      'nl.imkl-KL9994.cable-etrs89',
      'nl.imkl-KL9994.cable-missing-link',
      'nl.imkl-KL9994.cable-not-a-number',
      'nl.imkl-KL9994.cable-one-position',
      'nl.imkl-KL9994.cable-point',
    ]);
    expect(result.report.skipped.every((s) => s.reason.length > 20)).toBe(true);
  });
});
