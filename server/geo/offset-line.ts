import type { Position } from 'geojson';

/** A join longer than this many offsets (a sharp bend) is cut into two points instead of a far-out spike. */
const MITRE_LIMIT = 4;

/**
 * A line moved sideways by `distance` (planar units; positive to the left of its direction): each piece shifted
 * along its normal, neighbouring pieces joined where their shifted lines meet (a mitre), or by both shifted ends
 * where the bend is so sharp that the mitre would reach past MITRE_LIMIT × |distance|. Zero-length pieces are
 * dropped; a line of fewer than two distinct points comes back as it was.
 *
 * @example offsetLine([[0, 0], [10, 0]], 2) // [[0, 2], [10, 2]]
 * @example offsetLine([[0, 0], [10, 0], [10, 10]], 1) // [[0, 1], [9, 1], [9, 10]]
 */
export function offsetLine(line: readonly Position[], distance: number): Position[] {
  const points = line.filter((p, i) => i === 0 || p[0] !== line[i - 1]![0] || p[1] !== line[i - 1]![1]);
  if (points.length < 2 || distance === 0) return points.map((p) => [p[0]!, p[1]!]);
  const normals: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const dx = points[i + 1]![0]! - points[i]![0]!;
    const dy = points[i + 1]![1]! - points[i]![1]!;
    const len = Math.hypot(dx, dy);
    normals.push([-dy / len, dx / len]);
  }
  const shifted = (i: number, n: [number, number]): Position => [points[i]![0]! + n[0] * distance, points[i]![1]! + n[1] * distance];
  const out: Position[] = [shifted(0, normals[0]!)];
  for (let i = 1; i + 1 < points.length; i++) {
    const a = normals[i - 1]!;
    const b = normals[i]!;
    // The mitre point lies along the bisector of the two normals, 1 / cos(half the turn) offsets out.
    const bx = a[0] + b[0];
    const by = a[1] + b[1];
    const cosHalf = Math.hypot(bx, by) / 2;
    if (cosHalf > 1 / MITRE_LIMIT) {
      const scale = distance / (2 * cosHalf * cosHalf);
      out.push([points[i]![0]! + bx * scale, points[i]![1]! + by * scale]);
    } else {
      out.push(shifted(i, a), shifted(i, b));
    }
  }
  out.push(shifted(points.length - 1, normals[normals.length - 1]!));
  return out;
}
