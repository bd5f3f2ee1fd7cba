import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LayeredAsset } from '../../server/domain/assets/layers.ts';
import { checkTrench } from '../../server/domain/check/check-trench.ts';
import { obstaclesFor } from '../../server/domain/space/obstacles.ts';
import { type ProposalRequest, proposeRoutes } from '../../server/domain/space/route-proposal.ts';
import { inStreetSpace, streetSpace } from '../../server/domain/space/street-space.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { xyShapeDistance } from '../../server/geo/point-shape-distance.ts';
import { readRuleSetFile } from '../../server/rules-file.ts';
import { bruteForceShortest, type PointInfo } from '../support/brute-force-path.ts';

const rules = readRuleSetFile('data/rules/nl-default.json');
const ON = '2027-01-01';

// A small synthetic area: two east–west streets (a, b; 16 m) joined by two north–south ones (c, d; 12 m). Street a
// holds a water main, a low-voltage cable and a row of protected trees; c a sewer and a substation on its east side;
// b a gas main and a telecom cable of unknown depth. At 1.45 m the heat pair passes under or over every line.
let n = 0;
const asset = (layer: LayeredAsset['layer'], geometry: Geometry, properties: Record<string, unknown>, id = `${layer}-${++n}`): LayeredAsset => ({
  type: 'Feature', id, layer, geometry, properties: { owner: 'Gemeente', status: 'existing', version: 1, ...properties },
});
const line = (coordinates: Position[]) => ({ type: 'LineString' as const, coordinates });
const box = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

const streets = [
  asset('streets', line([[0, 0], [120, 0]]), { name: 'A-straat', segment_id: 'a', width_m: 16 }, 'a'),
  asset('streets', line([[0, 40], [120, 40]]), { name: 'B-straat', segment_id: 'b', width_m: 16 }, 'b'),
  asset('streets', line([[10, 0], [10, 40]]), { name: 'C-straat', segment_id: 'c', width_m: 12 }, 'c'),
  asset('streets', line([[110, 0], [110, 40]]), { name: 'D-straat', segment_id: 'd', width_m: 12 }, 'd'),
];
const assets: LayeredAsset[] = [
  asset('pipes', line([[0, -4], [120, -4]]), { medium: 'water', diameter_mm: 110, depth_m: 1.0, owner: 'Evides' }, 'water-a'),
  asset('cables', line([[0, 5], [120, 5]]), { network: 'lv', diameter_mm: 50, depth_m: 0.6, owner: 'Stedin' }, 'lv-a'),
  asset('sewers', line([[10.4, -8], [10.4, 48]]), { system: 'gravity', diameter_mm: 400, depth_m: 2.5 }, 'sewer-c'),
  asset('pipes', line([[0, 36], [120, 36]]), { medium: 'gas-lp', diameter_mm: 125, depth_m: 0.7, owner: 'Stedin' }, 'gas-b'),
  asset('cables', line([[0, 44], [120, 44]]), { network: 'telecom', diameter_mm: 40, owner: 'KPN' }, 'telecom-b'),
  asset('stations', box(13, 18, 15, 21), { type: 'electric-substation', clearance_m: 1, owner: 'Stedin' }, 'station-c'),
  ...[30, 38, 46, 54, 62, 70, 78].map((x) => asset('trees', { type: 'Point', coordinates: [x, -6.5] }, { stem_diameter_cm: 60, crown_diameter_m: 8, protected: true }, `tree-${x}`)),
];
const segments = segmentsFromStreets(streets as Feature<Geometry, Record<string, unknown>>[]);
const request = (extra: Partial<ProposalRequest> = {}): ProposalRequest => ({ from: [25, 1], to: [45, 41], via: [], kind: 'heat', width_m: 0.9, depth_m: 1.45, on: ON, ...extra });
const trenchOf = (coordinates: Position[], r = request()) => ({ type: 'Feature' as const, geometry: line(coordinates), properties: { kind: r.kind, width_m: r.width_m, depth_m: r.depth_m } });

/** The free space exactly as the space room defines it, for the brute force: inside the given streets, clear of every obstacle. */
function freeSpace(allowed: readonly string[], r = request()) {
  const spaces = segments.filter((s) => allowed.includes(s.id)).map(streetSpace);
  const obstacles = obstaclesFor(assets, { kind: r.kind, width_m: r.width_m, on: ON }, rules);
  return (x: number, y: number): PointInfo => {
    if (!spaces.some((s) => inStreetSpace(x, y, s, r.width_m / 2))) return { free: false };
    const across: number[] = [];
    for (const o of obstacles) {
      const d = xyShapeDistance(x, y, o.shape);
      if (d > o.keep_m) continue;
      if (!o.crossable) return { free: false };
      const [a, b] = o.shape.segments[0]!;
      across.push(Math.atan2(b[1]! - a[1]!, b[0]! - a[0]!));
    }
    return { free: true, across };
  };
}

/** The streets a route runs along for 5 m or more. */
function corridor(coordinates: Position[]): string[] {
  return segments.map(streetSpace).filter((s) => {
    let inside = 0;
    for (let i = 0; i + 1 < coordinates.length; i++) {
      const [a, b] = [coordinates[i]!, coordinates[i + 1]!];
      const d = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
      for (let k = 0; k < d; k++) if (inStreetSpace(a[0]! + (b[0]! - a[0]!) * (k / d), a[1]! + (b[1]! - a[1]!) * (k / d), s, 0)) inside++;
    }
    return inside >= 5;
  }).map((s) => s.segment.id);
}

const BBOX = [-4, -12, 124, 52] as const;

describe('route proposals against a brute-force search on the same free space', () => {
  const out = proposeRoutes(request(), [...assets, ...streets], segments, rules);
  if (!out.ok) throw new Error(`no proposal: ${JSON.stringify(out)}`);
  const shortest = bruteForceShortest(freeSpace(['a', 'b', 'c', 'd']), BBOX, [25, 1], [45, 41]);

  it('finds a clean route, the best within 5 % of the shortest clean path the brute force finds', () => {
    expect(out.leastBad).toBe(false);
    expect(shortest).toBeGreaterThan(60);
    expect(shortest).toBeLessThan(100);
    const best = Math.min(...out.proposals.map((p) => p.length_m));
    expect(best).toBeLessThanOrEqual(shortest * 1.05);
    // Shorter than the brute force would mean the search went through space the brute force found taken.
    expect(best).toBeGreaterThanOrEqual(shortest * 0.99);
  });

  it('keeps every proposal within 5 % of the shortest clean path along its own streets', () => {
    for (const p of out.proposals) {
      const own = bruteForceShortest(freeSpace(corridor(p.geometry.coordinates)), BBOX, [25, 1], [45, 41]);
      expect(p.length_m, `proposal along ${corridor(p.geometry.coordinates).join(', ')}`).toBeLessThanOrEqual(own * 1.05);
      expect(p.length_m).toBeGreaterThanOrEqual(own * 0.99);
    }
  });

  it('offers only routes the check passes with no blocking conflict, crossing every line at 45° or more', () => {
    for (const p of out.proposals) {
      const report = checkTrench(trenchOf(p.geometry.coordinates), assets, rules);
      expect(report.conflicts.filter((c) => c.severity === 'blocking')).toEqual([]);
      expect(report.conflicts.filter((c) => c.rule === 'crossing-angle')).toEqual([]);
      expect(p.crossings.length).toBeGreaterThanOrEqual(2);
      for (const c of p.crossings) expect(c.angle_deg).toBeGreaterThanOrEqual(rules.crossingAngle.warnBelow_deg);
    }
  });

  it('draws vertices only where the route turns', () => {
    for (const p of out.proposals) {
      const c = p.geometry.coordinates;
      for (let i = 1; i + 1 < c.length; i++) {
        const a = Math.atan2(c[i]![1]! - c[i - 1]![1]!, c[i]![0]! - c[i - 1]![0]!);
        const b = Math.atan2(c[i + 1]![1]! - c[i]![1]!, c[i + 1]![0]! - c[i]![0]!);
        expect(Math.abs(Math.sin(b - a)) + (Math.cos(b - a) < 0 ? 1 : 0)).toBeGreaterThan(1e-4);
      }
      expect(c.length).toBeLessThan(40);
    }
  });
});

describe('route proposals when no clean route exists', () => {
  const blocked = [
    ...assets,
    ...streets,
    // Keep-free across all of d, and across c but for 0.5 m at its east edge: narrower than the 0.9 m trench.
    asset('reservations', box(100, 25, 120, 27), { purpose: 'keep-free' }, 'keep-free-d'),
    asset('reservations', box(2, 25, 15.5, 27), { purpose: 'keep-free' }, 'keep-free-c'),
  ];

  it('answers the least-bad route and the bottleneck: the segment, the free width across it and what takes it', () => {
    const out = proposeRoutes(request(), blocked, segments, rules);
    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.leastBad).toBe(true);
    expect(out.proposals).toHaveLength(1);
    expect(out.bottleneck).toMatchObject({ segment: 'c', street: 'C-straat', width_m: 0.9 });
    expect(out.bottleneck!.free_m).toBeCloseTo(0.5, 1);
    expect(out.bottleneck!.takenBy[0]).toMatchObject({ assetId: 'keep-free-c', layer: 'reservations', reason: 'reservation' });
    expect(out.bottleneck!.message.code).toBe('proposal.bottleneck');
  });

  it('respects a via point: the route passes through it', () => {
    const out = proposeRoutes(request({ via: [[110, 20]], to: [100, 41] }), [...assets, ...streets], segments, rules);
    if (!out.ok) throw new Error(JSON.stringify(out));
    for (const p of out.proposals) expect(p.geometry.coordinates.some(([x, y]) => Math.hypot(x! - 110, y! - 20) < 1)).toBe(true);
  });

  it('refuses a point far from any street', () => {
    expect(proposeRoutes(request({ from: [60, 90] }), [...assets, ...streets], segments, rules)).toEqual({ ok: false, reason: 'no-street-space', point: 'from' });
  });
});
