import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../server/demo/seeded.ts';
import { centreline, crossingWithin, crossings, stretchAt, stretchesWithin, subLine } from '../../server/domain/check/centreline.ts';
import { shapeOf } from '../../server/geo/planar.ts';
import { crossingsReference, stretchesWithinReference, subLineReference } from './centreline.reference.ts';

/** A random trench: a walk with turns from gentle to hairpin, now and then a repeated vertex. */
function trench(random: () => number): Position[] {
  const out: Position[] = [[120_000 + random() * 10, 480_000 + random() * 10]];
  let heading = random() * 2 * Math.PI;
  const n = 2 + Math.floor(random() ** 2 * 400);
  const wild = random() < 0.3;
  for (let i = 1; i < n; i++) {
    heading += wild ? Math.PI * (0.8 + random() * 0.4) : (random() - 0.5);
    const step = random() < 0.03 ? 0 : 0.2 + random() * (wild ? 3 : 12);
    const [x, y] = out.at(-1)! as [number, number];
    out.push([+(x + Math.cos(heading) * step).toFixed(3), +(y + Math.sin(heading) * step).toFixed(3)]);
  }
  return out;
}

/** A random asset near the trench: a line (short or long, so both distance paths run), a point or a polygon. */
function asset(random: () => number, near: Position[]): Geometry {
  const [cx, cy] = near[Math.floor(random() * near.length)]! as [number, number];
  const kind = random();
  const at = (): Position => [+(cx + (random() - 0.5) * 30).toFixed(3), +(cy + (random() - 0.5) * 30).toFixed(3)];
  if (kind < 0.15) return { type: 'Point', coordinates: at() };
  if (kind < 0.3) {
    const [x, y] = at() as [number, number];
    const w = 1 + random() * 6, h = 1 + random() * 6;
    return { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] };
  }
  const n = 2 + Math.floor(random() ** 2 * 80);
  return { type: 'LineString', coordinates: Array.from({ length: n }, at) };
}

describe('the near-linear centreline machinery', () => {
  it('finds the same stretches, crossings and stretch lines as the reference (the code before issue 12) on 400 seeded trenches', () => {
    const random = seeded(12_005);
    let stretches = 0, crossed = 0;
    for (let k = 0; k < 400; k++) {
      const line = centreline(trench(random));
      for (let a = 0; a < 6; a++) {
        const shape = shapeOf(asset(random, line.coords));
        const threshold = random() * 4;
        const found = stretchesWithin(line, shape, threshold);
        expect(found).toEqual(stretchesWithinReference(line, shape, threshold));
        for (const s of found) expect(subLine(line, s.from, s.to)).toEqual(subLineReference(line, s.from, s.to));
        const hits = crossings(line, shape);
        expect(hits).toEqual(crossingsReference(line, shape));
        // The rules' look-ups, against the linear scans they replaced.
        for (const c of hits) expect(stretchAt(found, c.chainage)).toBe(found.find((s) => c.chainage >= s.from - 1e-6 && c.chainage <= s.to + 1e-6));
        for (const s of found) expect(crossingWithin(hits, s.from, s.to)).toBe(hits.some((c) => c.chainage >= s.from - 1e-6 && c.chainage <= s.to + 1e-6));
        stretches += found.length;
        crossed += hits.length;
      }
    }
    // Enough of both for the comparison to mean something.
    expect(stretches).toBeGreaterThan(1_000);
    expect(crossed).toBeGreaterThan(1_000);
  });
});
