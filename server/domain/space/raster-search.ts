/**
 * A* over a cost raster with 16 neighbours (the 8 around a cell and the 8 a knight's move away): moves at 0°, 26.6°,
 * 45°, 63.4° and 90°, so a path bends at most about 13° away from the straight line between two cells before it
 * is smoothed, against 22.5° with 8 neighbours. A cell's cost is per metre (Infinity: impassable); a move costs its
 * length times the mean of the cells it passes.
 */

const MOVES: readonly (readonly [number, number])[] = [
  [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1],
  [1, 2], [2, 1], [-1, 2], [-2, 1], [1, -2], [2, -1], [-1, -2], [-2, -1],
];

export interface SearchGrid {
  cols: number;
  rows: number;
  cell_m: number;
  /** Cost per metre of each cell; Infinity where a path may not go. */
  cost: Float32Array;
  /**
   * Directions (radians, NaN for none) of lines a cell may only be passed across, at `minSin` or more: the sine of
   * the smallest crossing angle the rules accept.
   */
  across?: { dir1: Float32Array; dir2: Float32Array; minSin: number; /** Cost of entering a zone: per crossing, so fewer crossings win. */ enter?: number };
}

/**
 * Whether a move in direction `angle` may pass cell `i`: across its lines at the rules' angle or steeper.
 *
 * @example passesAcross({ dir1: new Float32Array([0]), dir2: new Float32Array([NaN]), minSin: 0.72 }, 0, Math.PI / 2) // true
 */
export function passesAcross(across: NonNullable<SearchGrid['across']>, i: number, angle: number): boolean {
  const d1 = across.dir1[i]!;
  if (Number.isNaN(d1)) return true;
  if (Math.abs(Math.sin(angle - d1)) < across.minSin) return false;
  const d2 = across.dir2[i]!;
  return Number.isNaN(d2) || Math.abs(Math.sin(angle - d2)) >= across.minSin;
}

export interface RasterPath {
  /** Cell indices from start to goal. */
  cells: number[];
  /** Cost from the start up to each cell of `cells`. */
  g: number[];
  cost: number;
  /** Cells taken off the heap: the work the search did. */
  expanded: number;
}

/**
 * The cheapest path from cell `start` to cell `goal`, or undefined when none exists. The heuristic is the straight
 * distance times the cheapest cell cost, so the path is the cheapest on the 16-neighbour graph.
 *
 * @example rasterSearch({ cols: 3, rows: 1, cell_m: 1, cost: new Float32Array([1, 1, 1]) }, 0, 2)?.cost // 2
 */
export function rasterSearch(grid: SearchGrid, start: number, goal: number): RasterPath | undefined {
  const { cols, rows, cost, cell_m, across } = grid;
  if (!Number.isFinite(cost[start]!) || !Number.isFinite(cost[goal]!)) return undefined;
  // Per move, computed once: its offset, length, angle and the two cells it passes beside (0 for a straight move).
  const moves = MOVES.map(([dc, dr]) => {
    const sc = Math.sign(dc), sr = Math.sign(dr);
    const diagonal = dc !== 0 && dr !== 0, knight = Math.abs(dc) + Math.abs(dr) === 3;
    const side1 = !diagonal ? 0 : !knight ? dc : Math.abs(dc) === 2 ? sc : sr * cols;
    const side2 = !diagonal ? 0 : !knight ? dr * cols : Math.abs(dc) === 2 ? dr * cols + sc : sr * cols + dc;
    return { dc, dr, offset: dr * cols + dc, length: Math.hypot(dc, dr) * cell_m, angle: Math.atan2(dr, dc), diagonal, knight, side1, side2 };
  });
  let least = Infinity;
  for (let i = 0; i < cost.length; i++) if (cost[i]! < least) least = cost[i]!;
  const n = cols * rows;
  const g = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const closed = new Uint8Array(n);
  // The move that reached a cell: inside a line's zone a path goes straight on, so it crosses the line rather than
  // dipping into its clearance and turning back (the check would find that too close).
  const arrivedBy = new Int8Array(n).fill(-1);
  const heap = new Heap();
  const gc = goal % cols, gr = (goal - gc) / cols;
  const scale = cell_m * least;
  g[start] = 0;
  heap.push(start, 0);
  let expanded = 0;
  while (heap.size > 0) {
    const i = heap.pop();
    if (closed[i]) continue;
    closed[i] = 1;
    expanded++;
    if (i === goal) break;
    const c = i % cols, r = (i - c) / cols, ci = cost[i]!, gi = g[i]!;
    const lined = across !== undefined && !Number.isNaN(across.dir1[i]!);
    const straightOn = lined && i !== start ? arrivedBy[i]! : -1;
    for (let k = 0; k < moves.length; k++) {
      if (straightOn >= 0 && k !== straightOn) continue;
      const m = moves[k]!;
      const nc = c + m.dc, nr = r + m.dr;
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const j = i + m.offset;
      if (closed[j]) continue;
      const cj = cost[j]!;
      if (cj === Infinity) continue;
      if (across && ((lined && !passesAcross(across, i, m.angle)) || !passesAcross(across, j, m.angle))) continue;
      let mean = (ci + cj) / 2;
      if (m.diagonal) {
        // No cutting corners: the cells the move passes beside must be passable, and count in a knight's move.
        const s1 = cost[i + m.side1]!, s2 = cost[i + m.side2]!;
        if (s1 === Infinity || s2 === Infinity) continue;
        if (m.knight) mean = (ci + cj + s1 + s2) / 4;
      }
      const entering = across?.enter && !lined && !Number.isNaN(across.dir1[j]!) ? across.enter : 0;
      const tentative = gi + m.length * mean + entering;
      if (tentative < g[j]!) {
        g[j] = tentative;
        parent[j] = i;
        arrivedBy[j] = k;
        const dx = nc - gc, dy = nr - gr;
        heap.push(j, tentative + Math.sqrt(dx * dx + dy * dy) * scale);
      }
    }
  }
  if (g[goal] === Infinity) return undefined;
  const cells: number[] = [];
  for (let i = goal; i !== -1; i = parent[i]!) cells.push(i);
  cells.reverse();
  return { cells, g: cells.map((i) => g[i]!), cost: g[goal]!, expanded };
}

/** A binary min-heap of cell indices by priority, in typed arrays (an object per entry would dominate the time). */
class Heap {
  private ids = new Int32Array(1024);
  private keys = new Float64Array(1024);
  size = 0;

  push(id: number, key: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2), keys = new Float64Array(this.size * 2);
      ids.set(this.ids);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.ids[i] = this.ids[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }

  pop(): number {
    const top = this.ids[0]!;
    const id = this.ids[--this.size]!, key = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= this.size) break;
      if (m + 1 < this.size && this.keys[m + 1]! < this.keys[m]!) m++;
      if (this.keys[m]! >= key) break;
      this.ids[i] = this.ids[m]!;
      this.keys[i] = this.keys[m]!;
      i = m;
    }
    this.ids[i] = id;
    this.keys[i] = key;
    return top;
  }
}
