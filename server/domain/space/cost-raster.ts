import { xyShapeDistance } from '../../geo/point-shape-distance.ts';
import { xySegmentDistanceSquared } from '../../geo/point-segment-distance.ts';
import type { BBox } from '../../geo/types.ts';
import type { Obstacle } from './obstacles.ts';
import { inStreetSpace, type StreetSpace } from './street-space.ts';

/**
 * The street space of an area as a grid of cells a trench centreline may or may not pass, with what it costs: the
 * cost raster the route search walks. A cell is judged by its centre, so a cell's verdict holds for the whole cell
 * only up to half a cell; `safety_m` widens every space-taking obstacle by that much, and the check decides in the
 * end.
 */

/** What a cell is: outside every street, free, in the clearance zone of a line that may be crossed, or taken. */
export const CELL = { outside: 0, free: 1, zone: 2, blocked: 3 } as const;

export interface CostRaster {
  /** Centre of cell (0, 0), RD New. */
  x0: number;
  y0: number;
  cell_m: number;
  cols: number;
  rows: number;
  /** CELL.* per cell, row-major from the south-west. */
  kind: Uint8Array;
  /** Index + 1 in `obstacles` of what takes a blocked cell, or of the line whose zone a zone cell is in; 0 for none. */
  by: Int32Array;
  /** How many crossable zones overlap a zone cell (parallel lines close together cost more to cross). */
  zones: Uint8Array;
  /**
   * 1 for a free or zone cell in space the check only warns about (an unprotected tree's zone): avoided, but not
   * at any price.
   */
  soft: Uint8Array;
  /**
   * Direction (radians) of the line whose zone a cell is in, and of a second line in another direction where two
   * zones meet; NaN for none. A path may only pass such a cell across the line, never along it.
   */
  dir1: Float32Array;
  dir2: Float32Array;
}

export interface RasterOptions {
  cell_m: number;
  /** Added to every keep distance: a cell centre stands for points up to half a cell away. */
  safety_m: number;
  /** Per obstacle index: metres more to keep (after the check found a few centimetres too few). */
  extraKeep?: ReadonlyMap<number, number>;
  /** Obstacle indices that may not be crossed after all (the check found the crossing blocking at this depth). */
  uncrossable?: ReadonlySet<number>;
  /** Obstacle indices whose space may be entered at a cost: the check warns there but does not block. */
  soft?: ReadonlySet<number>;
}

/**
 * The cost raster of `bbox`: cells whose centre lies in a street's space (the trench's half width inside its edge)
 * are free, unless within keep distance of an obstacle. Each obstacle visits only the cells of its own (or, for a
 * line, each piece's) bounding box, not every cell.
 *
 * @example const r = costRaster([0, 0, 100, 20], [space], obstacles, 0.45, { cell_m: 0.5, safety_m: 0.25 });
 *   r.kind[r.cols * 20 + 10] // CELL.free, CELL.zone or CELL.blocked
 */
export function costRaster(bbox: BBox, spaces: readonly StreetSpace[], obstacles: readonly Obstacle[], half_m: number, options: RasterOptions): CostRaster {
  const cell = options.cell_m;
  const cols = Math.max(1, Math.ceil((bbox[2] - bbox[0]) / cell));
  const rows = Math.max(1, Math.ceil((bbox[3] - bbox[1]) / cell));
  const raster: CostRaster = {
    x0: bbox[0] + cell / 2, y0: bbox[1] + cell / 2, cell_m: cell, cols, rows,
    kind: new Uint8Array(cols * rows), by: new Int32Array(cols * rows), zones: new Uint8Array(cols * rows), soft: new Uint8Array(cols * rows),
    dir1: new Float32Array(cols * rows).fill(NaN), dir2: new Float32Array(cols * rows).fill(NaN),
  };
  for (const space of spaces) {
    const b = space.shape.bbox, h = space.halfWidth;
    visit(raster, [b[0] - h, b[1] - h, b[2] + h, b[3] + h], (i, x, y) => {
      if (raster.kind[i] === CELL.outside && inStreetSpace(x, y, space, half_m)) raster.kind[i] = CELL.free;
    });
  }
  // Zones first, blocks after: a cell both near a crossable line and in a tree zone is blocked.
  obstacles.forEach((o, n) => {
    if (!o.crossable || options.uncrossable?.has(n)) return;
    const keep = o.keep_m + (options.extraKeep?.get(n) ?? 0);
    const keep2 = keep * keep;
    for (const [a, b] of o.shape.segments) {
      const ax = a[0]!, ay = a[1]!, bx = b[0]!, by = b[1]!;
      const dir = Math.atan2(by - ay, bx - ax);
      visit(raster, [Math.min(ax, bx) - keep, Math.min(ay, by) - keep, Math.max(ax, bx) + keep, Math.max(ay, by) + keep], (i, x, y) => {
        const k = raster.kind[i]!;
        if (k === CELL.outside || k === CELL.blocked || raster.by[i] === n + 1) return;
        if (xySegmentDistanceSquared(x, y, ax, ay, bx, by) > keep2) return;
        raster.kind[i] = CELL.zone;
        raster.by[i] = n + 1;
        const d1 = raster.dir1[i]!;
        if (Number.isNaN(d1)) raster.dir1[i] = dir;
        else if (Number.isNaN(raster.dir2[i]!) && Math.abs(Math.sin(dir - d1)) > 0.1) raster.dir2[i] = dir;
        if (raster.zones[i]! < 255) raster.zones[i]!++;
      });
    }
  });
  obstacles.forEach((o, n) => {
    if (o.crossable && !options.uncrossable?.has(n)) return;
    const soft = options.soft?.has(n) ?? false;
    const keep = o.keep_m + options.safety_m + (options.extraKeep?.get(n) ?? 0);
    const b = o.shape.bbox;
    visit(raster, [b[0] - keep, b[1] - keep, b[2] + keep, b[3] + keep], (i, x, y) => {
      const k = raster.kind[i]!;
      if (k === CELL.outside || k === CELL.blocked || (soft && raster.soft[i])) return;
      if (xyShapeDistance(x, y, o.shape) > keep) return;
      if (soft) raster.soft[i] = 1;
      else {
        raster.kind[i] = CELL.blocked;
        raster.by[i] = n + 1;
      }
    });
  });
  return raster;
}

/**
 * The cell whose centre is nearest (x, y), or -1 outside the raster.
 *
 * @example cellAt({ x0: 0.25, y0: 0.25, cell_m: 0.5, cols: 4, rows: 4, … }, 1.1, 0.3) // 2
 */
export function cellAt(r: CostRaster, x: number, y: number): number {
  const c = Math.round((x - r.x0) / r.cell_m), w = Math.round((y - r.y0) / r.cell_m);
  return c < 0 || w < 0 || c >= r.cols || w >= r.rows ? -1 : w * r.cols + c;
}

function visit(r: CostRaster, [minX, minY, maxX, maxY]: BBox, fn: (i: number, x: number, y: number) => void): void {
  const c0 = Math.max(0, Math.ceil((minX - r.x0) / r.cell_m)), c1 = Math.min(r.cols - 1, Math.floor((maxX - r.x0) / r.cell_m));
  const w0 = Math.max(0, Math.ceil((minY - r.y0) / r.cell_m)), w1 = Math.min(r.rows - 1, Math.floor((maxY - r.y0) / r.cell_m));
  for (let w = w0; w <= w1; w++) {
    const y = r.y0 + w * r.cell_m;
    for (let c = c0; c <= c1; c++) fn(w * r.cols + c, r.x0 + c * r.cell_m, y);
  }
}
