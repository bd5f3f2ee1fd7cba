/**
 * Places labels along one axis so that none overlaps the next: each keeps its anchor when there is room and is
 * pushed along (never back past its neighbour) when there is not, then the whole row is pulled back inside `max`.
 * Returns positions in the order of `anchors`; a label drawn away from its anchor gets a leader line.
 *
 * @example spreadLabels([10, 12, 40], 8, 0, 100) // [10, 18, 40]
 */
export function spreadLabels(anchors: readonly number[], gap: number, min: number, max: number): number[] {
  const order = anchors.map((a, i) => ({ a, i })).sort((p, q) => p.a - q.a || p.i - q.i);
  const placed = new Array<number>(anchors.length);
  let last = -Infinity;
  for (const { a, i } of order) {
    last = Math.max(a, last + gap, min);
    placed[i] = last;
  }
  // Pushed past the right edge: shift the tail back, keeping the gaps, as far as the left edge allows.
  let limit = max;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!.i;
    if (placed[i]! <= limit) break;
    placed[i] = Math.max(min, limit);
    limit = placed[i]! - gap;
  }
  return placed;
}
