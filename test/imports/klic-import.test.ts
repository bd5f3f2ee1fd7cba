import { describe, expect, it } from 'vitest';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import type { ImportedAsset, ImportResult } from '../../server/imports/types.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

const klic = (name: string) => realdata('klic', name);

function okResult(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.code}: ${result.reason}`);
  return result;
}
const byId = (assets: ImportedAsset[], id: string) => assets.find((a) => a.asset.id === id);

// Counts are assets: an element whose links leave gaps over 1 m is imported as parts (`<gml:id>#2`, …), so a layer
// can hold more assets than the delivery has elements. The elements are asserted beside them.
const DELIVERIES = {
  'Levering_22O000518_1.zip': { cables: 203, pipes: 224, sewers: 45, stations: 2 },
  'Levering_22G003179_1.zip': { cables: 367, pipes: 493, sewers: 303, stations: 2 },
  'Levering_22C001966_3.zip': { cables: 813, pipes: 44, heat: 4313, stations: 1 },
  'Levering_22O000525_1.zip': { cables: 224, pipes: 111 },
  'Levering_22G003180_1.zip': { cables: 17, pipes: 10, stations: 2 },
} as const;

describe.skipIf(skipWithoutRealdata)('KLIC deliveries (IMKL 2.0)', () => {
  for (const [file, counts] of Object.entries(DELIVERIES)) {
    it(`imports ${file} with its per-layer counts and a report that accounts for what was not imported`, async () => {
      const result = okResult(await importKlic(klic(file)));
      expect(result.report.counts).toEqual(counts);
      expect(result.report.format).toBe('imkl-2.0');
      expect(result.report.source).toBe(`klic:${file.slice(9, 18)}`);
      expect(result.assets.every((a) => a.asset.properties.source === result.report.source)).toBe(true);
      expect(result.assets.every((a) => typeof a.asset.properties.owner === 'string' && !/^[A-Z]{2}\d{4}$/.test(a.asset.properties.owner))).toBe(true);
      expect(result.report.skipped.every((s) => s.reason.length > 10)).toBe(true);
    });
  }

  it('counts elements per IMKL class as the README lists them for 22O000518 (126 cables, 121 gas, 85 water, 44 sewer, 53 cable beds)', async () => {
    const result = okResult(await importKlic(klic('Levering_22O000518_1.zip')));
    const elements: Record<string, Set<string>> = {};
    for (const { asset } of result.assets) (elements[String(asset.properties.imkl_class)] ??= new Set()).add(asset.id.split('#')[0]!);
    const sizes = Object.fromEntries(Object.entries(elements).map(([k, v]) => [k, v.size]));
    expect(sizes).toMatchObject({ Elektriciteitskabel: 126, OlieGasChemicalienPijpleiding: 121, Waterleiding: 85, Rioolleiding: 44, Kabelbed: 53, Duct: 4 });
    const gas = result.assets.filter((a) => a.asset.properties.imkl_class === 'OlieGasChemicalienPijpleiding');
    expect(new Set(gas.filter((a) => a.asset.properties.medium === 'gas-hp').map((a) => a.asset.id.split('#')[0])).size).toBe(2);
  });

  it('carries the owner name, mm diameter, measured depth and status of a known WML water main', async () => {
    const result = okResult(await importKlic(klic('Levering_22O000518_1.zip')));
    const main = byId(result.assets, 'nl.imkl-KL1110.WALD_GIS_WALeitungsabschnitt229613818_221003');
    expect(main?.layer).toBe('pipes');
    expect(main?.asset.properties).toMatchObject({
      owner: 'WML N.V.',
      owner_code: 'KL1110',
      medium: 'water',
      diameter_mm: 110,
      depth_m: 1.3,
      depth_source: 'measured',
      status: 'existing',
      source_id: 'nl.imkl-KL1110.WALD_GIS_WALeitungsabschnitt229613818_221003',
    });
    const abandoned = byId(result.assets, 'nl.imkl-KL1110.WALD_GIS_WALeitungsabschnitt177957444_2191133');
    expect(abandoned?.asset.properties).toMatchObject({ status: 'abandoned', diameter_mm: 100, depth_m: 1, depth_source: 'standard' });
  });

  it('flags a cable whose depth comes from its network standard (Enexis mv, 0.6 m) as standard', async () => {
    const result = okResult(await importKlic(klic('Levering_22O000518_1.zip')));
    const cable = byId(result.assets, 'nl.imkl-KL1031.EKBL__elec_e_mv_map_cable_30466779_27401949');
    expect(cable?.asset.properties).toMatchObject({ owner: 'Enexis B.V.', network: 'mv', status: 'abandoned', depth_m: 0.6, depth_source: 'standard', voltage_v: 10000 });
    const sewers = result.assets.filter((a) => a.layer === 'sewers');
    expect(sewers.every((s) => s.asset.properties.owner === 'Gemeente Maasgouw' && s.asset.properties.system === 'gravity')).toBe(true);
    expect(sewers.every((s) => s.asset.properties.depth_m === undefined)).toBe(true);
  });

  it('normalises Vattenfall heat pipe diameters from cm to mm and yields all 4313 heat pipes', async () => {
    const result = okResult(await importKlic(klic('Levering_22C001966_3.zip')));
    const heat = result.assets.filter((a) => a.layer === 'heat');
    expect(heat).toHaveLength(4313);
    const pipe = byId(result.assets, 'nl.imkl-KL1028.thermal.WW-AMSTERDAM-WOE.leiding.5513');
    expect(pipe?.asset.properties).toMatchObject({ owner: 'Vattenfall', diameter_mm: 70, depth_m: 1, depth_source: 'standard', status: 'existing' });
    expect(heat.every((h) => h.asset.properties.diameter_mm === undefined || h.asset.properties.diameter_mm >= 10)).toBe(true);
  });

  it('puts a cable bed in cables with its width in metres, and a Netstation in stations with its footprint', async () => {
    const result = okResult(await importKlic(klic('Levering_22O000518_1.zip')));
    const bed = byId(result.assets, 'nl.imkl-KL1031.KBED__elec_e_mv_trench_5995790249480505087_8809411');
    expect(bed?.asset.properties).toMatchObject({ network: 'mv', width_m: 0.05, status: 'existing' });
    const station = byId(result.assets, 'nl.imkl-KL1031.TGBW_elec_e_mv_map_station6499541792500299681_12958571');
    expect(station?.layer).toBe('stations');
    expect(station?.asset.geometry.type).toBe('Polygon');
    expect(station?.asset.properties).toMatchObject({ type: 'electric-substation', owner: 'Enexis B.V.' });
    expect(result.report.skipped.find((s) => s.kind === 'Kast')?.reason).toMatch(/Verdeelkast.*not a station/);
  });

  it('imports the tiny delivery, where one network has no lines and themes have no network', async () => {
    const result = okResult(await importKlic(klic('Levering_22G003180_1.zip')));
    expect(result.report.counts).toEqual({ cables: 17, pipes: 10, stations: 2 });
    expect(result.assets.some((a) => a.asset.properties.network_id === 'nl.imkl-PV0027.water')).toBe(false);
  });

  it('gives the same ids when the same delivery is imported twice, so a re-import updates instead of duplicating', async () => {
    const first = okResult(await importKlic(klic('Levering_22O000525_1.zip')));
    const second = okResult(await importKlic(klic('Levering_22O000525_1.zip')));
    const ids = (r: typeof first) => r.assets.map((a) => a.asset.id).sort();
    expect(ids(second)).toEqual(ids(first));
    expect(new Set(ids(first)).size).toBe(first.assets.length);
  });

  it('reports progress up to the uncompressed size of the GI document', async () => {
    const seen: [number, number][] = [];
    await importKlic(klic('Levering_22G003180_1.zip'), { onProgress: (n, total) => seen.push([n, total]) });
    expect(seen.at(-1)).toEqual([573271, 573271]);
  });
});
