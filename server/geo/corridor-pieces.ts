import type { Geometry, LineString, Position } from 'geojson';

/** Shortest piece a segment is cut into, m: each piece is one index lookup, and a lookup has a fixed cost. */
const MIN_PIECE_M = 20;

/**
 * A line cut into straight pieces for a corridor search on a bounding-box index (GiST `&&`): each piece's box grown
 * by `reach` is one lookup, and every asset within `reach` of the line meets at least one of them. The lookups
 * read whatever lies in their boxes, so each segment is cut into the number of pieces whose grown boxes have the
 * least area: n pieces of a segment spanning dx × dy cover dx·dy/n + 2·reach·(dx + dy) + 4·reach²·n, least at
 * n = √(dx·dy) / (2·reach). A segment along an axis stays whole (its box is its corridor); a diagonal one is cut
 * into pieces about 2√2·reach long, never shorter than MIN_PIECE_M. Any other geometry is its own single piece.
 *
 * @example corridorPieces({ type: 'LineString', coordinates: [[0, 0], [1000, 0], [1000, 300]] }, 26.4).length // 2
 * @example corridorPieces({ type: 'LineString', coordinates: [[0, 0], [700, 700]] }, 25).length // 14
 */
export function corridorPieces(geometry: Geometry, reach: number): Geometry[] {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
  const out: LineString[] = [];
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i] as [number, number];
      const [bx, by] = line[i + 1] as [number, number];
      const n = pieceCount(Math.abs(bx - ax), Math.abs(by - ay), reach);
      const at = (f: number): Position => [ax + (bx - ax) * f, ay + (by - ay) * f];
      for (let k = 0; k < n; k++) out.push({ type: 'LineString', coordinates: [at(k / n), at((k + 1) / n)] });
    }
  }
  return out.length > 0 ? out : [geometry];
}

/** The whole number of pieces, 1 up to the MIN_PIECE_M limit, whose grown boxes cover the least area. */
function pieceCount(dx: number, dy: number, reach: number): number {
  const most = Math.max(1, Math.floor(Math.hypot(dx, dy) / MIN_PIECE_M));
  const area = (n: number) => (dx * dy) / n + 4 * reach * reach * n;
  const best = reach > 0 ? Math.sqrt(dx * dy) / (2 * reach) : most;
  const low = Math.min(most, Math.max(1, Math.floor(best)));
  const high = Math.min(most, low + 1);
  return area(high) < area(low) ? high : low;
}
