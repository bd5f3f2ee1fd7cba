import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../server/imports/detect.ts';
import { importRoadSegments } from '../../server/imports/road-segments.ts';
import { importTreeRegister } from '../../server/imports/tree-register.ts';
import type { ImportResult } from '../../server/imports/types.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

const TREES = realdata('rotterdam', 'bomen_bospolder_tussendijken.geojson');
const ROADS = realdata('rotterdam', 'stratenpatroon_terbregge.geojson');
const tmp = mkdtempSync(path.join(tmpdir(), 'ondergrond-registers-'));

function okResult(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.code}: ${result.reason}`);
  return result;
}

describe.skipIf(skipWithoutRealdata)('Rotterdam tree register', () => {
  it('imports all 1957 Bospolder-Tussendijken trees with stem and crown diameters and the city as owner', async () => {
    const result = okResult(await importTreeRegister(TREES));
    expect(result.report.counts).toEqual({ trees: 1957 });
    expect(result.report.skipped).toEqual([]);
    const tree = result.assets.find((a) => a.asset.id === 'rotterdam-tree:79537');
    expect(tree?.asset.geometry).toEqual({ type: 'Point', coordinates: [90237.1799999997, 435612.12000000104] });
    expect(tree?.asset.properties).toMatchObject({
      owner: 'Gemeente Rotterdam',
      source: 'rotterdam-trees',
      source_id: '79537',
      stem_diameter_cm: 30,
      crown_class: '7',
      crown_diameter_m: 7,
      protected: false,
      street: 'Middenkous',
      species: 'Aesculus × carnea',
    });
    expect((tree?.asset.properties.source_properties as Record<string, unknown>).HOOGTE).toBe('6-9 m.');
  });

  it('marks a tree protected when its protection value is one the mapping lists, ignoring case and spaces', async () => {
    const file = path.join(tmp, 'register.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'EPSG:28992' } },
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [90237, 435612] }, properties: { ID: 1, DIAMETER: 80, KROONOMVANG: 14, BESCHERMING: ' Monumentaal ' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [90240, 435612] }, properties: { ID: 2, DIAMETER: 20, KROONOMVANG: 99, BESCHERMING: null } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [90240, 435612] }, properties: { DIAMETER: 20 } },
      ],
    }));
    const result = okResult(await importTreeRegister(file));
    expect(result.assets.map((a) => [a.asset.id, a.asset.properties.protected, a.asset.properties.crown_diameter_m])).toEqual([
      ['rotterdam-tree:1', true, 14],
      ['rotterdam-tree:2', false, undefined],
    ]);
    expect(result.report.warnings).toEqual([{ id: 'rotterdam-tree:2', reason: expect.stringContaining('crown class "99"') }]);
    expect(result.report.skipped).toEqual([{ id: '#2', kind: 'tree', reason: expect.stringContaining('no ID') }]);
  });

  it('refuses a mapping without an id field with mapping-invalid, before reading the register', async () => {
    const bad = { source: 'x', id_prefix: 'x', owner: 'Gemeente X', fields: { stem_diameter_cm: 'STAM' } } as never;
    expect(await importTreeRegister(TREES, bad)).toMatchObject({ ok: false, code: 'mapping-invalid', reason: expect.stringContaining('fields.id') });
  });
});

describe.skipIf(skipWithoutRealdata)('Terbregge road parts', () => {
  it('groups the 1130 road parts into 92 street segments by street and WEGVAKNUMMER, skipping 2 self-intersecting parts', async () => {
    const result = okResult(await importRoadSegments(ROADS));
    expect(result.report.counts).toEqual({ streets: 92 });
    expect(result.report.skipped).toHaveLength(2);
    expect(result.report.skipped.every((s) => s.reason.startsWith('ring-self-intersection'))).toBe(true);
    const parts = result.assets.reduce((sum, a) => sum + Number(a.asset.properties.part_count), 0);
    expect(parts + result.report.skipped.length).toBe(1130);
  });

  it('gives a segment its name, trimmed part types, area and an estimated length', async () => {
    const result = okResult(await importRoadSegments(ROADS));
    const segment = result.assets.find((a) => a.asset.id === 'rotterdam-roads:Stoopweg:50');
    expect(segment?.asset.geometry.type).toBe('MultiPolygon');
    expect(segment?.asset.properties).toMatchObject({ name: 'Stoopweg', segment_id: 'Stoopweg:50', parts: { 'Rijweg Midden': 1 }, area_m2: 298.9, length_m: 36.9 });
    const types = new Set(result.assets.flatMap((a) => Object.keys(a.asset.properties.parts as object)));
    expect([...types].filter((t) => t !== t.trim())).toEqual([]);
    expect(types.has('Voetstraat vrijliggend oneven')).toBe(true);
  });

  it('gives the same segment ids on a second import', async () => {
    const ids = async () => okResult(await importRoadSegments(ROADS)).assets.map((a) => a.asset.id).sort();
    expect(await ids()).toEqual(await ids());
  });
});

describe.skipIf(skipWithoutRealdata)('importFile: one entry point that recognises the format', () => {
  it('routes a zip to IMKL, the tree register to trees and road parts to streets', async () => {
    const formats = await Promise.all([realdata('klic', 'Levering_22G003180_1.zip'), TREES, ROADS].map(async (f) => okResult(await importFile(f)).report.format));
    expect(formats).toEqual(['imkl-2.0', 'tree-register', 'road-segments']);
  });

  it('keeps only the layers asked for', async () => {
    const result = okResult(await importFile(realdata('klic', 'Levering_22G003180_1.zip'), { layers: ['pipes'] }));
    expect(result.report.counts).toEqual({ pipes: 10 });
    expect(result.assets.every((a) => a.layer === 'pipes')).toBe(true);
  });

  it('refuses GeoJSON that is neither register with unknown-format', async () => {
    const result = await importFile(realdata('rotterdam', 'tir_buurten_bospolder_tussendijken.geojson'));
    expect(result).toMatchObject({ ok: false, code: 'unknown-format' });
  });

  it('refuses a file that is no zip, XML or GeoJSON with unknown-format', async () => {
    const file = path.join(tmp, 'notes.txt');
    writeFileSync(file, 'plain text');
    expect(await importFile(file)).toMatchObject({ ok: false, code: 'unknown-format', reason: expect.stringContaining('plain text') });
  });
});
