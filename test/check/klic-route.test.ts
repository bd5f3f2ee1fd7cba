import type { LineString, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../server/app/run-check.ts';
import type { Asset } from '../../server/domain/assets/layers.ts';
import type { CheckReport, Conflict } from '../../server/domain/check/check.types.ts';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import { persistImport } from '../../server/app/persist-import.ts';
import { LANGUAGES } from '../../server/messages/language.ts';
import { render } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { openTestStore } from '../support/store.ts';

// A real KLIC delivery (Maasgouw: WML water, Enexis gas and electricity, the municipality's sewers) in the store,
// and heat routes derived from its mapped networks in the test itself. Without the real-data folder the test is
// skipped locally and fails in CI (skipWithoutRealdata).
const DELIVERY = 'Levering_22O000518_1.zip';
const rules = readRuleSetFile('data/rules/nl-default.json');
const WIDTH = 0.6;

/** The polyline moved sideways by `d` (left of its direction), mitred at the vertices. */
function offsetLine(coords: Position[], d: number): Position[] {
  const normals = coords.slice(1).map((q, i) => {
    const p = coords[i]!;
    const len = Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!);
    return [-(q[1]! - p[1]!) / len, (q[0]! - p[0]!) / len] as const;
  });
  return coords.map((p, i) => {
    const a = normals[Math.max(0, i - 1)]!, b = normals[Math.min(normals.length - 1, i)]!;
    const mx = a[0] + b[0], my = a[1] + b[1];
    const ml = Math.hypot(mx, my);
    const scale = d / ((mx / ml) * b[0] + (my / ml) * b[1]) / ml;
    return [+(p[0]! + mx * scale).toFixed(3), +(p[1]! + my * scale).toFixed(3)];
  });
}

const length = (c: Position[]) => c.slice(1).reduce((sum, q, i) => sum + Math.hypot(q[0]! - c[i]![0]!, q[1]! - c[i]![1]!), 0);

function expectChainagesOnRoute(report: CheckReport, routeLength: number) {
  for (const c of report.conflicts) {
    // Real assets carry values the fixtures do not; every finding must still render fully in both languages.
    for (const language of LANGUAGES) expect(render(c.message, language), `${language} ${c.message.code}`).not.toMatch(/\{\w+(:\w+)?\}|undefined|NaN|check\.\w/);
    expect(c.chainage_from_m).not.toBeNull();
    expect(c.chainage_from_m!).toBeGreaterThanOrEqual(0);
    expect(c.chainage_to_m!).toBeGreaterThanOrEqual(c.chainage_from_m!);
    expect(c.chainage_to_m!).toBeLessThanOrEqual(routeLength + 1e-3);
  }
}

describe.skipIf(skipWithoutRealdata)(`a heat route checked against the real KLIC delivery ${DELIVERY}`, () => {
  let store: Store;
  let assets: { layer: string; asset: Asset }[];
  let waterMain: Asset<LineString>;

  beforeAll(async () => {
    const imported = await importKlic(realdata('klic', DELIVERY));
    if (!imported.ok) throw new Error(`${DELIVERY} did not import: ${imported.reason}`);
    assets = imported.assets;
    store = await openTestStore('pglite');
    await persistImport(store, imported.assets, imported.report, undefined, imported);
    // The longest water pipe in use: the one the parallel route follows.
    const water = assets
      .filter((a) => a.layer === 'pipes' && a.asset.properties.medium === 'water' && a.asset.properties.status === 'existing' && a.asset.geometry.type === 'LineString')
      .map((a) => a.asset as Asset<LineString>);
    waterMain = water.reduce((best, a) => (length(a.geometry.coordinates) > length(best.geometry.coordinates) ? a : best));
  }, 120_000);
  afterAll(async () => store?.close());

  it('when a heat route follows a real water pipe 0.5 m off its centreline, reports a blocking clearance conflict against that pipe and its owner', async () => {
    const route = offsetLine(waterMain.geometry.coordinates, 0.5);
    const result = await runCheck(store, rules, { type: 'Feature', geometry: { type: 'LineString', coordinates: route }, properties: { kind: 'heat', width_m: WIDTH, depth_m: 1.0 } }, 'EPSG:28992');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const report = result.report;
    const clearance = report.conflicts.filter((c) => c.rule === 'horizontal-clearance' && c.assetId === waterMain.id);
    expect(clearance.length).toBeGreaterThan(0);
    const radius = (waterMain.properties.diameter_mm ?? 0) / 2_000;
    for (const c of clearance) {
      expect(c).toMatchObject({ severity: 'blocking', layer: 'pipes', owner: 'WML N.V.', required_m: 1 });
      // 0.5 m centre to centre, less the trench half-width and the pipe radius (mitred corners keep it within 2 cm).
      expect(c.measured_m!).toBeCloseTo(0.5 - WIDTH / 2 - radius, 1);
    }
    // The conflict covers most of the route: the route is that pipe, moved.
    const covered = clearance.reduce((sum, c) => sum + (c.chainage_to_m! - c.chainage_from_m!), 0);
    expect(covered).toBeGreaterThan(report.summary.trenchLength_m * 0.8);
    expect(report.summary.byOwner['WML N.V.']?.blocking).toBeGreaterThan(0);
    expectChainagesOnRoute(report, report.summary.trenchLength_m);
  });

  it('when a heat route crosses the street, reports each crossed cable and flags crossings of sewers without a recorded depth as assumed, never safe', async () => {
    // 30 m either side of the water pipe's middle, square to it: across the street and the networks along it.
    const c = waterMain.geometry.coordinates;
    const mid = Math.floor(c.length / 2);
    const [a, b] = [c[mid - 1]!, c[mid]!];
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    const [nx, ny] = [-(b[1]! - a[1]!) / len, (b[0]! - a[0]!) / len];
    const [cx, cy] = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
    const route: Position[] = [[cx - nx * 30, cy - ny * 30], [cx + nx * 30, cy + ny * 30]];
    const result = await runCheck(store, rules, { type: 'Feature', geometry: { type: 'LineString', coordinates: route }, properties: { kind: 'heat', width_m: WIDTH, depth_m: 1.0 } }, 'EPSG:28992');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const report = result.report;
    const crossingRules: Conflict['rule'][] = ['crossing', 'unknown-depth'];
    const crossed = (layer: string) => new Set(report.conflicts.filter((k) => k.layer === layer && crossingRules.includes(k.rule)).map((k) => k.assetId));
    expect(crossed('cables').size).toBeGreaterThanOrEqual(2);
    expect(crossed('pipes')).toContain(waterMain.id);

    const sewerCrossings = report.conflicts.filter((k) => k.layer === 'sewers' && crossingRules.includes(k.rule));
    expect(sewerCrossings.length).toBeGreaterThan(0);
    for (const k of sewerCrossings) {
      const sewer = assets.find((x) => x.layer === 'sewers' && x.asset.id === k.assetId)!.asset;
      expect(sewer.properties.depth_m).toBeUndefined();
      expect(k).toMatchObject({ rule: 'unknown-depth', depth_source: 'assumed', owner: 'Gemeente Maasgouw' });
      expect(k.severity).not.toBe('info');
    }
    // A depth the delivery gives only as the network's standard laying depth is not a measurement of that cable.
    const atStandardDepth = report.conflicts.filter((k) => {
      const crossedAsset = assets.find((x) => x.layer === k.layer && x.asset.id === k.assetId)?.asset;
      return crossingRules.includes(k.rule) && crossedAsset?.properties.depth_source === 'standard';
    });
    expect(atStandardDepth.length).toBeGreaterThan(0);
    for (const k of atStandardDepth) expect(k).toMatchObject({ rule: 'unknown-depth', depth_source: 'assumed' });
    expectChainagesOnRoute(report, 60);
  });
});
