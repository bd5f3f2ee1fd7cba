import type { Position } from 'geojson';

/**
 * Where the line P(t) = o + t·n runs inside a polygon (even–odd over all rings, so holes are outside and a concave
 * polygon gives several intervals): the sorted intervals of t between its crossings of the rings. A vertex on the
 * line counts on one side only (half-open, as point-in-polygon), so a line through a vertex is not cut twice.
 *
 * @example linePolygon([0, 5], [1, 0], [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]) // [[0, 10]]
 * @example linePolygon([0, 5], [1, 0], [[[0, 0], [10, 0], [10, 10], [6, 10], [6, 2], [4, 2], [4, 10], [0, 10], [0, 0]]]) // [[0, 4], [6, 10]]
 */
export function linePolygon(o: Position, n: readonly [number, number] | Position, rings: readonly (readonly Position[])[]): [number, number][] {
  const ox = o[0]!, oy = o[1]!, nx = n[0]!, ny = n[1]!;
  const nn = nx * nx + ny * ny;
  if (nn === 0) return [];
  const ts: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      // Signed side of each vertex (cross product with n) and its position along the line.
      const px = ring[j]![0]! - ox, py = ring[j]![1]! - oy, qx = ring[i]![0]! - ox, qy = ring[i]![1]! - oy;
      const sp = nx * py - ny * px, sq = nx * qy - ny * qx;
      if (sp > 0 === sq > 0) continue;
      const f = sp / (sp - sq);
      ts.push(((px + (qx - px) * f) * nx + (py + (qy - py) * f) * ny) / nn);
    }
  }
  ts.sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < ts.length; k += 2) if (ts[k + 1]! > ts[k]!) out.push([ts[k]!, ts[k + 1]!]);
  return out;
}
