/**
 * mulberry32: a tiny seeded generator, so the demo district and benchmarks see identical data on every run.
 *
 * @example const random = seeded(42); random() // 0.6011037519201636
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A value in [min, max), rounded to `decimals`. */
export const between = (random: () => number, min: number, max: number, decimals = 2) =>
  +(min + random() * (max - min)).toFixed(decimals);
