import type { Position } from 'geojson';
import { withoutStraightVertices } from '../../geo/straight-vertices.ts';
import { passesAcross, type SearchGrid } from './raster-search.ts';

/**
 * A raster path as a trench centreline: straight wherever a straight piece costs no more than the cells it replaces
 * (line-of-sight smoothing that weighs cost, so a crossing the search made square stays square rather than being
 * pulled oblique), and vertices only where it turns.
 */

/**
 * How much dearer than the cells it replaces a straight piece may be: a few per cent buys a line without the jogs a
 * raster path makes around every cost step (a tree's zone, a crossing), which a trench could not follow anyway.
 */
const SLACK = 0.03;

export interface GridPlacement {
  /** Centre of cell (0, 0). */
  x0: number;
  y0: number;
}

/**
 * The smoothed centreline of a path given as cell indices and the cost up to each.
 *
 * @example smoothPath(grid, placement, [0, 1, 2, 3], [0, 0.5, 1, 1.5]) // [[x0, y0], [x0 + 1.5, y0]]
 */
export function smoothPath(grid: SearchGrid, at: GridPlacement, cells: readonly number[], g: readonly number[]): Position[] {
  const xy = (i: number): Position => [at.x0 + (i % grid.cols) * grid.cell_m, at.y0 + Math.floor(i / grid.cols) * grid.cell_m];
  const last = cells.length - 1;
  if (last <= 0) return cells.map(xy);
  // A vertex never falls inside a line's zone: the path crosses a zone straight, and turns only outside it.
  const turnable = (j: number) => j === last || grid.across === undefined || Number.isNaN(grid.across.dir1[cells[j]!]!);
  const fits = (i: number, j: number) => {
    if (!turnable(j)) return false;
    const a = xy(cells[i]!), b = xy(cells[j]!);
    return segmentCost(grid, at, a, b) <= (g[j]! - g[i]!) * (1 + SLACK) + 1e-6;
  };
  const out: Position[] = [xy(cells[0]!)];
  let i = 0;
  while (i < last) {
    // Gallop then bisect for the farthest cell in sight: a handful of sight tests per vertex, not one per cell.
    let ok = i + 1;
    while (!turnable(ok)) ok++;
    let step = 1, bad = -1;
    for (;;) {
      const k = ok + step;
      if (k > last) {
        if (ok < last) { if (fits(i, last)) ok = last; else bad = last; }
        break;
      }
      if (fits(i, k)) { ok = k; step *= 2; } else { bad = k; break; }
    }
    while (bad > 0 && bad - ok > 1) {
      const mid = (ok + bad) >> 1;
      if (fits(i, mid)) ok = mid; else bad = mid;
    }
    out.push(xy(cells[ok]!));
    i = ok;
  }
  return withoutStraightVertices(out);
}

/**
 * The cost of a straight piece through the grid: its length in each cell times the cell's cost, sampled every
 * quarter cell; Infinity when it touches an impassable cell.
 *
 * @example segmentCost(grid, placement, [0, 0], [10, 0]) // 10 in free cells of cost 1
 */
export function segmentCost(grid: SearchGrid, at: GridPlacement, a: Position, b: Position): number {
  const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
  const length = Math.hypot(dx, dy);
  if (length === 0) return 0;
  const n = Math.max(1, Math.ceil(length / (grid.cell_m / 4)));
  const piece = length / n;
  const angle = Math.atan2(dy, dx);
  let sum = 0;
  let inZone = grid.across !== undefined && !Number.isNaN(grid.across.dir1[cellOf(grid, at, a[0]!, a[1]!)] ?? NaN);
  for (let k = 0; k < n; k++) {
    const f = (k + 0.5) / n;
    const c = Math.round((a[0]! + dx * f - at.x0) / grid.cell_m), r = Math.round((a[1]! + dy * f - at.y0) / grid.cell_m);
    if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) return Infinity;
    const i = r * grid.cols + c;
    const cost = grid.cost[i]!;
    if (cost === Infinity) return Infinity;
    if (grid.across) {
      if (!passesAcross(grid.across, i, angle)) return Infinity;
      const zone = !Number.isNaN(grid.across.dir1[i]!);
      if (zone && !inZone) sum += grid.across.enter ?? 0;
      inZone = zone;
    }
    sum += cost * piece;
  }
  return sum;
}

function cellOf(grid: SearchGrid, at: GridPlacement, x: number, y: number): number {
  const c = Math.round((x - at.x0) / grid.cell_m), r = Math.round((y - at.y0) / grid.cell_m);
  return c < 0 || r < 0 || c >= grid.cols || r >= grid.rows ? -1 : r * grid.cols + c;
}
