import type { Position } from 'geojson';

/**
 * A polyline without vertices where it goes straight on (turns under a tenth of a degree) or repeats a point.
 *
 * @example withoutStraightVertices([[0, 0], [1, 0], [2, 0], [2, 1]]) // [[0, 0], [2, 0], [2, 1]]
 */
export function withoutStraightVertices(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const prev = out.at(-1);
    if (prev && prev[0] === p[0] && prev[1] === p[1]) continue;
    if (out.length >= 2) {
      const a = out.at(-2)!, b = prev!;
      const cross = (b[0]! - a[0]!) * (p[1]! - b[1]!) - (b[1]! - a[1]!) * (p[0]! - b[0]!);
      const dot = (b[0]! - a[0]!) * (p[0]! - b[0]!) + (b[1]! - a[1]!) * (p[1]! - b[1]!);
      if (dot > 0 && Math.abs(Math.atan2(cross, dot)) < Math.PI / 1_800) out.pop();
    }
    out.push(p);
  }
  return out;
}
