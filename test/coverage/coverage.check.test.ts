import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import type { Trench } from '../../server/domain/check/check.types.ts';
import type { CoverageArea, PrecautionZone } from '../../server/domain/coverage/coverage.ts';
import { coveredIntervals, outsideIntervals } from '../../server/domain/coverage/covered-stretches.ts';
import { centreline } from '../../server/domain/check/centreline.ts';
import { explainReport } from '../../server/messages/report.ts';
import { render } from '../../server/messages/render.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const X = 155_000, Y = 463_000;
const box = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const trench = (coordinates: number[][]): Trench => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1 } });
const area = (layer: CoverageArea['layer'], geometry: Polygon, kind: CoverageArea['kind'] = 'graafpolygoon'): CoverageArea => ({ source: 'klic:test', layer, owner: 'Stedin', kind, geometry });
const klic = (geometry: Polygon) => (['cables', 'pipes', 'sewers', 'heat', 'stations'] as const).map((l) => area(l, geometry));
const hundred = trench([[X, Y], [X + 100, Y]]);

describe('coverage in the check', () => {
  it('when a 100 m trench lies where nothing is known, reports blocking unknown ground and never "no conflicts"', () => {
    const report = checkTrench(hundred, [], rules, { coverage: [], precautions: [] });
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ rule: 'coverage', severity: 'blocking', chainage_from_m: 0, chainage_to_m: 100, layers: rules.coverage.layers });
    expect(report.summary.coverage).toBe('none');
    expect(report.summary.outsideCoverage_m).toEqual({ cables: 100, pipes: 100, sewers: 100, heat: 100, trees: 100, stations: 100 });
    const nl = explainReport(report, 'nl');
    expect(nl.verdict).toMatch(/^Onbekende grond: het hele tracé \(100,0 m\) ligt buiten de dekking van kabels, leidingen/);
    expect(nl.conflicts[0]!.explanation).toContain('vraag');
    expect(nl.conflicts[0]!.explanation).toContain('KLIC-melding');
    expect(JSON.stringify(nl)).not.toMatch(/Geen conflicten/);
    expect(explainReport(report, 'en').verdict).not.toMatch(/No conflicts/);
  });

  it('with partial coverage, measures the length outside per layer as by hand and reports each stretch with its layers', () => {
    // KLIC covers x 20–70 for the networks, the tree register x 0–40; by hand: networks outside 0–20 and 70–100
    // (50 m), trees outside 40–100 (60 m). Stretches: 0–20 networks, 40–70 trees, 70–100 networks and trees.
    const coverage = [...klic(box(X + 20, Y - 10, X + 70, Y + 10)), area('trees', box(X - 5, Y - 10, X + 40, Y + 10), 'hull')];
    const report = checkTrench(hundred, [], rules, { coverage, precautions: [] });
    expect(report.summary.outsideCoverage_m).toEqual({ cables: 50, pipes: 50, sewers: 50, heat: 50, trees: 60, stations: 50 });
    expect(report.summary.coverage).toBe('partial');
    const networks = ['cables', 'pipes', 'sewers', 'heat', 'stations'];
    expect(report.conflicts.map((c) => [c.chainage_from_m, c.chainage_to_m, c.layers])).toEqual([
      [0, 20, networks],
      [40, 70, ['trees']],
      [70, 100, [...networks.slice(0, 4), 'trees', 'stations']],
    ]);
    expect(render(report.conflicts[1]!.message, 'en')).toContain('tree register');
  });

  it('along a bent trench through two areas with a gap, sums the gap exactly', () => {
    const line = centreline([[0, 0], [30, 0], [30, 40]]);
    const inside = coveredIntervals(line, [box(-1, -1, 10, 1).coordinates, box(29, 20, 31, 50).coordinates]);
    expect(inside).toEqual([{ from: 0, to: 10 }, { from: 50, to: 70 }]);
    expect(outsideIntervals(line.length, inside)).toEqual([{ from: 10, to: 50 }]);
  });

  it('a footprint half outside coverage is measured along its outline, halved, and gets one finding', () => {
    // A 10 × 2 m footprint, coverage up to x + 5: outside are 5 m of each long side and the 2 m far end, 12 m of
    // outline, so 6 m of trench length (a footprint's length is half its perimeter).
    const footprint: Trench = { type: 'Feature', geometry: box(X, Y, X + 10, Y + 2), properties: { kind: 'heat', width_m: 2, depth_m: 1 } };
    const coverage = [...klic(box(X - 5, Y - 5, X + 5, Y + 5)), area('trees', box(X - 5, Y - 5, X + 5, Y + 5), 'declared')];
    const report = checkTrench(footprint, [], rules, { coverage, precautions: [] });
    expect(report.summary.outsideCoverage_m).toEqual({ cables: 6, pipes: 6, sewers: 6, heat: 6, trees: 6, stations: 6 });
    expect(report.summary.coverage).toBe('partial');
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ rule: 'coverage', chainage_from_m: null, measured_m: null });
  });

  it('when the trench lies inside coverage of every layer, the verdict is complete and there is no coverage finding', () => {
    const coverage = [...klic(box(X - 1, Y - 1, X + 101, Y + 1)), area('trees', box(X - 1, Y - 1, X + 101, Y + 1), 'declared')];
    const report = checkTrench(hundred, [], rules, { coverage, precautions: [] });
    expect(report.conflicts).toEqual([]);
    expect(report.summary.coverage).toBe('complete');
    expect(explainReport(report, 'nl').verdict).toBe('Geen conflicten gevonden.');
  });

  it('a rule file may lower unknown ground to a warning, and may not switch it off', async () => {
    const { parseRuleSet } = await import('../../server/domain/rules/rule-set.ts');
    const lowered = { ...rules, coverage: { ...rules.coverage, severity: 'warning' as const } };
    expect(checkTrench(hundred, [], lowered, { coverage: [], precautions: [] }).conflicts[0]!.severity).toBe('warning');
    expect(parseRuleSet({ ...rules, coverage: { ...rules.coverage, severity: 'info' } }).valid).toBe(false);
    expect(parseRuleSet({ ...rules, coverage: { ...rules.coverage, layers: [] } }).valid).toBe(false);
    const { coverage: _omitted, ...older } = rules;
    const parsed = parseRuleSet(older);
    expect(parsed.valid ? [] : parsed.errors.map((e) => [e.field, e.code])).toEqual([['coverage', 'validation.required']]);
  });

  it('when a heat trench touches a high-pressure gas precaution zone, reports it blocking and names the operator, demand and contact', () => {
    const zone: PrecautionZone = {
      id: 'nl.imkl-KL1031.AEVM_1', source: 'klic:22O000518', owner: 'Enexis B.V.', layer: 'pipes', demand: 'O_GHDW3-hoog', network: 'Gas Hoge Druk',
      contact: { name: 'Klic-medewerker', phone: '088 - 123' }, geometry: box(X + 45, Y + 0.3, X + 55, Y + 5),
    };
    const coverage = [...klic(box(X - 1, Y - 10, X + 101, Y + 10)), area('trees', box(X - 1, Y - 10, X + 101, Y + 10), 'declared')];
    const report = checkTrench(hundred, [], rules, { coverage, precautions: [zone] });
    expect(report.conflicts).toHaveLength(1);
    const [c] = report.conflicts;
    expect(c).toMatchObject({ rule: 'precaution', severity: 'blocking', assetId: zone.id, owner: 'Enexis B.V.', layer: 'pipes' });
    // The trench edge (0.4 m) reaches the zone 0.3 m off the centreline from √(0.4² − 0.3²) before its corner.
    expect(c!.chainage_from_m).toBeCloseTo(45 - Math.sqrt(0.4 ** 2 - 0.3 ** 2), 2);
    expect(c!.chainage_to_m).toBeCloseTo(55 + Math.sqrt(0.4 ** 2 - 0.3 ** 2), 2);
    const nl = render(c!.message, 'nl');
    expect(nl).toContain('Enexis B.V.');
    expect(nl).toContain('O_GHDW3-hoog');
    expect(nl).toContain('Klic-medewerker, 088 - 123');
    const away = { ...zone, geometry: box(X + 45, Y + 0.5, X + 55, Y + 5) };
    expect(checkTrench(hundred, [], rules, { coverage, precautions: [away] }).conflicts).toEqual([]);
  });

  it('without known ground (domain tests of other rules) evaluates neither rule and adds nothing to the summary', () => {
    const report = checkTrench(hundred, [], rules);
    expect(report.conflicts).toEqual([]);
    expect(report.summary).not.toHaveProperty('coverage');
    expect(report.summary).not.toHaveProperty('outsideCoverage_m');
  });
});
