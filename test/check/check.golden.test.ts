import { join } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { CheckReport, Conflict } from '../../server/domain/check/check.types.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import { RD_NEW, WGS84, roundGeometry, transformGeometry } from '../../server/geo/crs.ts';
import { isMessage, type Message } from '../../server/domain/message.ts';
import { isTextKey } from '../../server/messages/catalogue.ts';
import { LANGUAGES } from '../../server/messages/language.ts';
import { render } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { CHECK_FIXTURES, type CheckFixture, checkFixtures } from '../support/check-fixtures.ts';
import { expectedGolden } from '../support/golden.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const fixtures = new Map(checkFixtures().map((f) => [f.name, f]));
const COLOURS: Record<Conflict['severity'], string> = { blocking: '#d7191c', warning: '#fdae61', info: '#2c7bb6' };

/** The golden output: a WGS84 map anyone can open (trench, assets, conflicts coloured by severity) with the RD report. */
function golden(fixture: CheckFixture, report: CheckReport) {
  const wgs = (g: Geometry) => roundGeometry(transformGeometry(g, RD_NEW, WGS84), 8);
  const features: Feature[] = [
    { type: 'Feature', geometry: wgs(fixture.trench.geometry), properties: { role: 'trench', stroke: '#000000', 'stroke-width': 4, ...fixture.trench.properties } },
    ...fixture.assets.map((a): Feature => ({ type: 'Feature', id: a.id, geometry: wgs(a.geometry), properties: { role: 'asset', layer: a.layer, stroke: '#7f7f7f', 'marker-color': '#7f7f7f' } })),
    ...report.conflicts.map((c): Feature => ({
      type: 'Feature',
      geometry: wgs(c.location),
      properties: { role: 'conflict', rule: c.rule, severity: c.severity, assetId: c.assetId, stroke: COLOURS[c.severity], 'stroke-width': 8, 'marker-color': COLOURS[c.severity], code: c.message.code },
    })),
  ];
  return { type: 'FeatureCollection', description: fixture.description, features, report };
}

function run(name: string): CheckReport {
  const fixture = fixtures.get(name);
  if (!fixture) throw new Error(`no fixture ${name} in ${CHECK_FIXTURES}`);
  const report = checkTrench(fixture.trench, fixture.assets, rules);
  const out = join(CHECK_FIXTURES, `${name}.out.json`);
  const actual = JSON.parse(JSON.stringify(golden(fixture, report)));
  expect(actual).toEqual(expectedGolden(out, actual));
  return report;
}

const only = (report: CheckReport) => {
  expect(report.conflicts).toHaveLength(1);
  return report.conflicts[0]!;
};

describe('the check, on golden fixtures', () => {
  it('when a heat route runs parallel to a drinking-water main at 0.6 m, reports a blocking clearance conflict over the whole stretch', () => {
    expect(only(run('heat-parallel-water-0.6m'))).toMatchObject({ rule: 'horizontal-clearance', severity: 'blocking', measured_m: 0.6, required_m: 1, chainage_from_m: 0, chainage_to_m: 100, owner: 'Evides' });
  });

  it('when a trench crosses a sewer with 0.1 m vertical gap on measured depths, reports a blocking crossing', () => {
    expect(only(run('crossing-sewer-0.1m-gap'))).toMatchObject({ rule: 'crossing', severity: 'blocking', measured_m: 0.1, required_m: 0.25, depth_source: 'measured', chainage_from_m: 49.5, chainage_to_m: 50.5 });
  });

  it('when a crossed cable has no depth, assumes the rule-set cover, flags it and warns instead of calling it safe', () => {
    expect(only(run('crossing-unknown-depth'))).toMatchObject({ rule: 'unknown-depth', severity: 'warning', depth_source: 'assumed', measured_m: 0.36 });
  });

  it('when a crossing keeps enough vertical gap, reports it as info', () => {
    expect(only(run('crossing-enough-gap'))).toMatchObject({ rule: 'crossing', severity: 'info', measured_m: 0.375 });
  });

  it('when a cable is crossed at 30°, warns about the crossing angle', () => {
    const report = run('shallow-crossing-angle');
    expect(report.conflicts.map((c) => [c.rule, c.severity])).toEqual([['crossing-angle', 'warning'], ['crossing', 'info']]);
    expect(report.conflicts[0]!.angle_deg).toBe(30);
  });

  it('when heat runs 30 m within 1.0 m of a power cable, warns about the parallel run but not the met clearance', () => {
    // 30 m alongside plus 0.7 m at each end, where the cable's end is still within 1.0 m of the trench edge.
    expect(only(run('heat-parallel-power-cable'))).toMatchObject({ rule: 'parallel-run', severity: 'warning', measured_m: 31.4, required_m: 10, chainage_from_m: 19.3, chainage_to_m: 50.7 });
  });

  it('when a trench passes through a protected tree zone, reports it blocking and counts the length inside', () => {
    const report = run('protected-tree-zone');
    expect(only(report)).toMatchObject({ rule: 'tree-zone', severity: 'blocking', measured_m: 1.75, required_m: 5.5 });
    expect(report.summary.treeZoneLength_m).toBeCloseTo(2 * Math.sqrt(5.8 ** 2 - 2.05 ** 2), 2);
  });

  it('when the tree is not protected, reports the zone as a warning', () => {
    expect(only(run('unprotected-tree'))).toMatchObject({ rule: 'tree-zone', severity: 'warning' });
  });

  it('when a tree has only a stem diameter, interpolates the table between rows', () => {
    expect(only(run('stem-diameter-table'))).toMatchObject({ assetId: 'tree-stem-50', measured_m: 1.2, required_m: 1.625 });
  });

  it("when a trench clips a station's working area, reports a blocking station clearance", () => {
    expect(only(run('station-working-area'))).toMatchObject({ rule: 'station-clearance', severity: 'blocking', measured_m: 0.7, required_m: 1, chainage_from_m: 39.169, chainage_to_m: 43.831 });
  });

  it('when the asset is abandoned, reports only info', () => {
    expect(only(run('abandoned-asset'))).toMatchObject({ rule: 'horizontal-clearance', severity: 'info', measured_m: 0.3 });
  });

  it('when the trench is a footprint polygon, measures from its edge and gives no chainage', () => {
    const report = run('polygon-footprint');
    expect(report.conflicts.map((c) => [c.assetId, c.rule, c.severity, c.measured_m, c.chainage_from_m])).toEqual([
      ['lv-3', 'horizontal-clearance', 'blocking', 0.275, null],
      ['water-2', 'crossing', 'info', 0.89, null],
    ]);
  });

  it('when a trench keeps every clearance, reports no conflicts and ignores the street it lies in', () => {
    const report = run('clean-trench');
    expect(report.conflicts).toEqual([]);
    expect(report.summary).toMatchObject({ total: 0, trenchLength_m: 100, assetsConsidered: 2 });
  });

  it('summarises per severity and per owner', () => {
    const f = fixtures.get('polygon-footprint')!;
    expect(checkTrench(f.trench, f.assets, rules).summary).toMatchObject({ total: 2, bySeverity: { blocking: 1, warning: 0, info: 1 }, byOwner: { Stedin: { blocking: 1 }, Evides: { info: 1 } } });
  });

  it('gives every finding a catalogue code whose nested messages and numbers render in Dutch and English', () => {
    const codes = (m: Message): string[] => [m.code, ...Object.values(m.params ?? {}).flatMap((p) => (isMessage(p) ? codes(p) : []))];
    const all = [...fixtures.values()].flatMap((f) => checkTrench(f.trench, f.assets, rules).conflicts);
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) {
      for (const code of codes(c.message)) expect(isTextKey(code), code).toBe(true);
      for (const language of LANGUAGES) expect(render(c.message, language), `${language} ${c.message.code}`).not.toMatch(/\{\w+(:\w+)?\}|undefined|NaN/);
    }
  });

  it('names every asset class of the clearance rules in the reader\'s words, not by its id', () => {
    const classes = new Set(Object.values(rules.horizontalClearance.matrix).flatMap((row) => Object.keys(row ?? {})));
    expect(classes.size).toBeGreaterThan(5);
    for (const c of classes) expect(isTextKey(`check.class.${c}`), c).toBe(true);
    expect(render({ code: 'check.class.gas-hp', params: {} }, 'nl')).toBe('hogedrukgas');
  });

  it('renders a finding in the reader\'s language with locale numbers', () => {
    const c = only(run('heat-parallel-water-0.6m'));
    expect(render(c.message, 'nl')).toBe('De sleuf voor warmte ligt op 0,60 m (rand tot rand) van drinkwaterleiding water-main (Evides) tussen 0,0 en 100,0 m langs het tracé; warmte ↔ water vraagt minstens 1,00 m. Leg de sleuf 0,40 m verder weg of spreek een afwijking af met Evides.');
    expect(render(c.message, 'en')).toBe('The heat trench runs 0.60 m edge to edge from drinking-water pipe water-main (Evides) between chainage 0.0 and 100.0 m; heat ↔ water needs at least 1.00 m. Move the trench 0.40 m further away or agree a deviation with Evides.');
  });
});
