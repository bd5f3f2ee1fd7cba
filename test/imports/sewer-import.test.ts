import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../server/imports/detect.ts';
import { importHydx } from '../../server/imports/hydx/import-hydx.ts';
import { importRib } from '../../server/imports/rib/import-rib.ts';
import type { ImportResult } from '../../server/imports/types.ts';
import { zip } from '../support/hostile-files.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.code}: ${result.reason}`);
  return result;
}
const almere = (name: string) => realdata('almere-riool', name);
const dir = mkdtempSync(path.join(tmpdir(), 'ondergrond-sewer-'));
const stored = (entries: { name: string; data: Buffer }[]) => zip(entries.map((e) => ({ ...e, stored: true, uncompressedSize: e.data.length })));

// Records per file as counted in the files themselves (`cut -c1-5 | sort | uniq -c`), and what does not become a pipe.
const FILES = {
  '224-4_DWA.rib': { manholes: 21, pipes: 25, observations: 305, sewers: 25, skipped: 0 },
  // One *PUT without coordinates; two pipes to manhole 23D0900, which has none anywhere.
  '226-0_DWA.rib': { manholes: 299, pipes: 351, observations: 4200, sewers: 349, skipped: 3 },
  'filmwijk-231-0.rib': { manholes: 33, pipes: 32, observations: 347, sewers: 32, skipped: 0 },
} as const;

describe.skipIf(skipWithoutRealdata)('SUF-RIB inspection files of Gemeente Almere', () => {
  for (const [file, want] of Object.entries(FILES)) {
    it(`imports ${file}: ${want.sewers} pipes, its manholes and observations counted, every skipped record with a catalogue code`, async () => {
      const result = ok(await importRib(almere(file)));
      expect(result.report.format).toBe('suf-rib');
      expect(result.report.counts).toEqual({ sewers: want.sewers });
      expect(result.report.files).toEqual([{ name: file, manholes: want.manholes, pipes: want.pipes, observations: want.observations, skipped: want.skipped }]);
      expect(result.report.skipped).toHaveLength(want.skipped);
      expect(result.report.skipped.every((s) => typeof s.code === 'string' && s.code.startsWith('sewer.') && s.reason.length > 10)).toBe(true);
      expect(result.assets.every((a) => a.layer === 'sewers' && a.asset.properties.owner === 'Gemeente Almere' && a.asset.id.startsWith('sewer:gemeente-almere:'))).toBe(true);
    });
  }

  it('names why a pipe of 226-0 has no geometry and a manhole no coordinates', async () => {
    const result = ok(await importRib(almere('226-0_DWA.rib')));
    expect(result.report.skipped.map((s) => [s.id, s.code])).toEqual([
      ['226-0_DWA.rib:4851', 'sewer.rib.bad-coordinates'],
      ['2300900', 'sewer.pipe.no-geometry'],
      ['2300901', 'sewer.pipe.no-geometry'],
    ]);
  });

  it('reads a pipe whole: street, diameter, material, year, NAP inverts, and its condition from the worst observation', async () => {
    const result = ok(await importRib(almere('224-4_DWA.rib')));
    const pipe = result.assets.find((a) => a.asset.id === 'sewer:gemeente-almere:2200231')!.asset;
    expect(pipe.geometry).toEqual({ type: 'LineString', coordinates: [[140558.37, 484345.18], [140551, 484343]] });
    expect(pipe.properties).toMatchObject({
      street: 'Transistorstraat', diameter_mm: 315, material: 'AX', built_year: 2000, invert_start_nap_m: -6.57, invert_end_nap_m: -6.57,
      system: 'gravity', sewer_type: 'DWA', observations: 14, condition_class: 3, condition_rule: 'nl-default-sewer@2026.1#BAB', condition_observation: 'BAB B', condition_at_m: 5.82,
    });
    // No cover levels in this file: the depth stays unknown (assumed by the rule set at check time), never invented.
    expect(pipe.properties.depth_m).toBeUndefined();
  });

  it('gives the depth below the surface where the manholes carry a cover level (filmwijk 231-0)', async () => {
    const result = ok(await importRib(almere('filmwijk-231-0.rib')));
    const pipe = result.assets.find((a) => a.asset.id === 'sewer:gemeente-almere:2500127')!.asset;
    // Cover −3.62 / −3.76 m NAP, inverts −7.11 / −7.15: 3.49 and 3.39 m below the surface, top 3.39 − 0.25.
    expect(pipe.properties).toMatchObject({ invert_start_m: 3.49, invert_end_m: 3.39, depth_m: 3.14, depth_source: 'measured' });
  });

  it('a zip of the three files goes through importFile and keeps counts per file under one source', async () => {
    const file = path.join(dir, 'almere-riool.zip');
    writeFileSync(file, stored(Object.keys(FILES).map((name) => ({ name, data: readFileSync(almere(name)) }))));
    const result = ok(await importFile(file));
    expect(result.report.format).toBe('suf-rib');
    expect(result.report.files?.map((f) => f.pipes)).toEqual([25, 351, 32]);
    expect(result.report.counts.sewers).toBe(25 + 349 + 32);
  });

  it('recognises a bare .rib by its first record', async () => {
    expect(ok(await importFile(almere('224-4_DWA.rib'))).report.format).toBe('suf-rib');
  });
});

describe('GWSW-HydX set', () => {
  const fixture = (name: string) => ({ name: `set/${name}`, data: readFileSync(path.join(import.meta.dirname, '../fixtures/hydx', name)) });
  const file = path.join(dir, 'hydx.zip');
  writeFileSync(file, stored(['Knooppunt.csv', 'Verbinding.csv', 'Profiel.csv'].map(fixture)));

  it('imports pipes with their depth below the ground level of both nodes, and keeps NAP inverts where a ground level is missing', async () => {
    const result = ok(await importFile(file, { name: 'hydx.zip' }));
    expect(result.report.format).toBe('gwsw-hydx');
    const byId = new Map(result.assets.map((a) => [a.asset.id, a.asset.properties]));
    // Ground 1.20 / 1.10 m NAP, inverts −1.00 / −1.10: 2.20 m below the surface at both ends, top 2.20 − 0.40.
    expect(byId.get('sewer:unknown:L1')).toMatchObject({ invert_start_m: 2.2, invert_end_m: 2.2, depth_m: 1.8, depth_source: 'measured', diameter_mm: 400, material: 'PVC', shape: 'RND', sewer_type: 'GMD' });
    expect(byId.get('sewer:unknown:L2')).toMatchObject({ invert_start_nap_m: -1.1, invert_end_nap_m: -1.2 });
    expect(byId.get('sewer:unknown:L2')?.depth_m).toBeUndefined();
    expect(result.report.skipped.map((s) => [s.id, s.code])).toEqual([['L3', 'sewer.hydx.not-a-pipe'], ['L4', 'sewer.hydx.unknown-node']]);
  });

  it('takes the owner given, so a re-import of the same set updates the same pipes', async () => {
    const first = ok(await importHydx(file, { owner: 'Gemeente Almere' }));
    const again = ok(await importHydx(file, { owner: 'Gemeente Almere' }));
    expect(again.assets.map((a) => a.asset.id)).toEqual(first.assets.map((a) => a.asset.id));
    expect(first.assets.map((a) => a.asset.id)).toEqual(['sewer:gemeente-almere:L1', 'sewer:gemeente-almere:L2']);
  });

  it('refuses a set without Verbinding.csv, naming the file', async () => {
    const partial = path.join(dir, 'partial.zip');
    writeFileSync(partial, stored([fixture('Knooppunt.csv')]));
    const result = await importHydx(partial);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('Verbinding.csv');
  });
});
