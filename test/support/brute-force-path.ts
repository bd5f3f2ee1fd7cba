import type { Position } from 'geojson';

/** What a point of the free space is: outside it, or inside, with the directions of lines it may only be crossed along. */
export type PointInfo = { free: false } | { free: true; across: number[] };

/**
 * The shortest path between two points through a free space described point by point, by plain Dijkstra over every
 * cell of a fine grid with moves to all cells up to `reach` cells away in any direction whose step is not a multiple
 * of a shorter one (48 directions for reach 4: a straight line is matched to within 0.8 %). A move is allowed when
 * every point sampled along it (every half cell, read from a lattice of half the cell size) is free and crosses its
 * lines at `minAngle_deg` or more. Written for tests, to judge the route search without sharing any of its code:
 * slow, simple, obviously right.
 */
export function bruteForceShortest(
  info: (x: number, y: number) => PointInfo,
  bbox: readonly [number, number, number, number],
  from: Position,
  to: Position,
  { step = 0.3, reach = 4, minAngle_deg = 45 } = {},
): number {
  const fine = step / 2;
  const fcols = Math.ceil((bbox[2] - bbox[0]) / fine) + 1, frows = Math.ceil((bbox[3] - bbox[1]) / fine) + 1;
  const lattice: PointInfo[] = [];
  for (let r = 0; r < frows; r++) for (let c = 0; c < fcols; c++) lattice.push(info(bbox[0] + c * fine, bbox[1] + r * fine));
  const minSin = Math.sin((minAngle_deg * Math.PI) / 180);
  const passable = (x: number, y: number, angle: number) => {
    const c = Math.round((x - bbox[0]) / fine), r = Math.round((y - bbox[1]) / fine);
    if (c < 0 || r < 0 || c >= fcols || r >= frows) return false;
    const p = lattice[r * fcols + c]!;
    return p.free && p.across.every((d) => Math.abs(Math.sin(angle - d)) >= minSin - 1e-9);
  };
  const cols = Math.ceil((bbox[2] - bbox[0]) / step) + 1, rows = Math.ceil((bbox[3] - bbox[1]) / step) + 1;
  const xy = (i: number) => [bbox[0] + (i % cols) * step, bbox[1] + Math.floor(i / cols) * step] as const;
  const index = (p: Position) => Math.round((p[1]! - bbox[1]) / step) * cols + Math.round((p[0]! - bbox[0]) / step);
  const moves: [number, number][] = [];
  for (let dx = -reach; dx <= reach; dx++) for (let dy = -reach; dy <= reach; dy++) if ((dx || dy) && gcd(Math.abs(dx), Math.abs(dy)) === 1) moves.push([dx, dy]);
  const dist = new Float64Array(cols * rows).fill(Infinity);
  const done = new Uint8Array(cols * rows);
  const start = index(from), goal = index(to);
  dist[start] = 0;
  const queue: [number, number][] = [[0, start]];
  const push = (d: number, i: number) => {
    queue.push([d, i]);
    for (let k = queue.length - 1; k > 0;) {
      const p = (k - 1) >> 1;
      if (queue[p]![0] <= queue[k]![0]) break;
      [queue[p], queue[k]] = [queue[k]!, queue[p]!];
      k = p;
    }
  };
  const pop = (): [number, number] => {
    const top = queue[0]!;
    const last = queue.pop()!;
    if (queue.length) {
      queue[0] = last;
      for (let k = 0; ;) {
        let m = 2 * k + 1;
        if (m >= queue.length) break;
        if (m + 1 < queue.length && queue[m + 1]![0] < queue[m]![0]) m++;
        if (queue[k]![0] <= queue[m]![0]) break;
        [queue[k], queue[m]] = [queue[m]!, queue[k]!];
        k = m;
      }
    }
    return top;
  };
  while (queue.length) {
    const [d, i] = pop();
    if (done[i]) continue;
    done[i] = 1;
    if (i === goal) return d;
    const c = i % cols, r = Math.floor(i / cols);
    const [x, y] = xy(i);
    for (const [dx, dy] of moves) {
      const nc = c + dx, nr = r + dy;
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const j = nr * cols + nc;
      if (done[j]) continue;
      const length = Math.hypot(dx, dy) * step;
      const nd = d + length;
      if (nd >= dist[j]!) continue;
      const angle = Math.atan2(dy, dx);
      const samples = Math.ceil(length / (step / 2));
      let ok = true;
      for (let k = 1; k <= samples && ok; k++) ok = passable(x + dx * step * (k / samples), y + dy * step * (k / samples), angle);
      if (!ok) continue;
      dist[j] = nd;
      push(nd, j);
    }
  }
  return Infinity;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
