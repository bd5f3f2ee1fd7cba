/**
 * Sets of real numbers as sorted, disjoint [from, to] intervals: what a cross-section of a street is made of.
 */
export type Interval = [number, number];

/**
 * The union of intervals in any order, sorted and merged (touching intervals join).
 *
 * @example unionIntervals([[3, 5], [0, 1], [1, 2]]) // [[0, 2], [3, 5]]
 */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * `from` less `minus`; both sorted and disjoint (as unionIntervals answers).
 *
 * @example subtractIntervals([[0, 10]], [[2, 3], [8, 12]]) // [[0, 2], [3, 8]]
 */
export function subtractIntervals(from: readonly Interval[], minus: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let k = 0;
  for (const [a0, b] of from) {
    let a = a0;
    while (k < minus.length && minus[k]![1] <= a) k++;
    let j = k;
    while (j < minus.length && minus[j]![0] < b) {
      const [c, d] = minus[j]!;
      if (c > a) out.push([a, c]);
      a = Math.max(a, d);
      if (a >= b) break;
      j++;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

/**
 * The intersection of two sorted, disjoint sets of intervals.
 *
 * @example intersectIntervals([[0, 5], [7, 9]], [[4, 8]]) // [[4, 5], [7, 8]]
 */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (hi > lo) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}
