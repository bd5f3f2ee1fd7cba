import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import { importFile } from '../../server/imports/detect.ts';
import { importTreeRegister } from '../../server/imports/tree-register.ts';
import { loadMapping, TreeMappingSchema } from '../../server/imports/mapping.ts';
import type { ImportResult } from '../../server/imports/types.ts';
import { inPolygon } from '../../server/geo/point-in-polygon.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

function okResult(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.code}: ${result.reason}`);
  return result;
}
const NETWORK_LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'stations'];

describe.skipIf(skipWithoutRealdata)('what a KLIC delivery covers, from the real deliveries', () => {
  it('22G003179: its Graafpolygoon covers the network layers for each of the 4 consulted operators, with their themes, and its 1 EV zone', async () => {
    const result = okResult(await importKlic(realdata('klic', 'Levering_22G003179_1.zip')));
    expect(result.coverage).toHaveLength(20);
    expect(new Set(result.coverage.map((a) => a.kind))).toEqual(new Set(['graafpolygoon']));
    expect([...new Set(result.coverage.map((a) => a.layer))].sort()).toEqual([...NETWORK_LAYERS].sort());
    expect([...new Set(result.coverage.map((a) => a.owner))].sort()).toEqual(['Enexis B.V.', 'Gemeente Maasgouw', 'KPN', 'WML N.V.']);
    expect(result.coverage.find((a) => a.owner === 'WML N.V.')?.themes).toEqual(['datatransport', 'laagspanning', 'water']);
    // The polygon as the XML gives it (posList 189989 350924 190038 350733 190239 350785 190176 350982).
    expect(result.coverage[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [[[189_989, 350_924], [190_038, 350_733], [190_239, 350_785], [190_176, 350_982], [189_989, 350_924]]] });
    expect(result.precautions).toHaveLength(1);
    const [zone] = result.precautions;
    expect(zone).toMatchObject({
      id: 'nl.imkl-KL1110.AEVM_AEV_PROJECT_Project116132_227',
      source: 'klic:22G003179',
      owner: 'WML N.V.',
      layer: 'pipes',
      demand: 'G9505RISICO',
      network_id: 'nl.imkl-KL1110.UNET_Water_3',
      network: 'Projectgebied In Uitvoering In Revisie',
      contact: { name: 'Klic-medewerker Geo Data Beheer', phone: '043 - 880 86 71', email: 'KlicGeoDataBeheer@WML.nl' },
      attachment: { note: 'Graafmelding Projectgebied ieder Werk', file: 'bronnen/KL1110/nl.imkl-KL1110_22G003179.KL1110_22G003179EvGraafmelding.001_water.pdf' },
    });
    expect(zone!.geometry.type).toBe('Polygon');
    expect((zone!.geometry as Polygon).coordinates[0]![0]).toEqual([190_112.934, 350_752.386]);
    expect(result.report.coverage).toEqual({ areas: 20, precautions: 1, kinds: ['graafpolygoon'] });
    expect(result.report.ignored).not.toHaveProperty('Graafpolygoon');
  });

  it('22O000518, an orientation request: its Orientatiepolygoon is the coverage, said as such, and its 3 high-pressure gas EV zones are Enexis\'s', async () => {
    const result = okResult(await importKlic(realdata('klic', 'Levering_22O000518_1.zip')));
    expect(new Set(result.coverage.map((a) => a.kind))).toEqual(new Set(['orientatiepolygoon']));
    expect(result.coverage).toHaveLength(20);
    expect(result.precautions).toHaveLength(3);
    expect(result.precautions.every((z) => z.owner === 'Enexis B.V.' && z.demand === 'O_GHDW3-hoog' && z.network === 'Gas Hoge Druk' && z.theme === 'gasHogeDruk')).toBe(true);
    // The zone without contact details carries none rather than empty strings.
    expect(result.precautions.every((z) => z.contact === undefined)).toBe(true);
    const multi = result.precautions.find((z) => z.id === 'nl.imkl-KL1031.AEVM__gas_g_pipe_EV_29621086_141729');
    expect(multi?.geometry.type).toBe('MultiPolygon');
    expect(multi?.geometry.coordinates).toHaveLength(3);
    expect(result.precautions[0]!.attachment?.file).toBe('bronnen/KL1031/nl.imkl-KL1031_22O000518.EnexisOrientatieEV.001_gasHogeDruk.pdf');
    // Every zone lies at least partly inside the orientation polygon it was delivered for.
    const area = result.coverage[0]!.geometry as Polygon;
    for (const z of result.precautions) {
      const rings = z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates;
      expect(rings.some((r) => r[0]!.some((p) => inPolygon(p, area.coordinates)))).toBe(true);
    }
  });

  it('22C001966 and 22G003180 each cover their Graafpolygoon for their 3 operators', async () => {
    for (const file of ['Levering_22C001966_3.zip', 'Levering_22G003180_1.zip']) {
      const result = okResult(await importKlic(realdata('klic', file)));
      expect(result.report.coverage, file).toEqual({ areas: 15, precautions: 0, kinds: ['graafpolygoon'] });
    }
  });

  it('keeping only some layers keeps only their coverage, and every precaution zone', async () => {
    const result = okResult(await importFile(realdata('klic', 'Levering_22G003179_1.zip'), { layers: ['pipes'] }));
    expect(new Set(result.coverage.map((a) => a.layer))).toEqual(new Set(['pipes']));
    expect(result.coverage).toHaveLength(4);
    expect(result.precautions).toHaveLength(1);
  });

  it('a tree register covers the hull of its trees, or the area its mapping declares', async () => {
    const trees = realdata('rotterdam', 'bomen_bospolder_tussendijken.geojson');
    const result = okResult(await importTreeRegister(trees));
    expect(result.coverage).toHaveLength(1);
    expect(result.coverage[0]).toMatchObject({ layer: 'trees', kind: 'hull', owner: 'Gemeente Rotterdam' });
    const hull = result.coverage[0]!.geometry as Polygon;
    expect(result.assets.every((a) => a.asset.geometry.type !== 'Point' || inPolygon(a.asset.geometry.coordinates, hull.coordinates) || onRing(a.asset.geometry.coordinates, hull))).toBe(true);
    const mapping = await loadMapping(TreeMappingSchema, 'rotterdam-trees');
    if (!mapping.ok) throw new Error(mapping.reason);
    const declared: { type: 'Polygon'; coordinates: [number, number][][] } = { type: 'Polygon', coordinates: [[[89_000, 435_500], [90_000, 435_500], [90_000, 436_500], [89_000, 436_500], [89_000, 435_500]]] };
    const withArea = okResult(await importTreeRegister(trees, { ...mapping.mapping, coverage_area: declared }));
    expect(withArea.coverage).toEqual([{ source: mapping.mapping.source, layer: 'trees', owner: 'Gemeente Rotterdam', kind: 'declared', geometry: declared }]);
  });
});

/** A hull vertex is one of the trees, and lies on the ring rather than inside it. */
function onRing(p: number[], hull: Polygon): boolean {
  return hull.coordinates[0]!.some((q) => q[0] === p[0] && q[1] === p[1]);
}
