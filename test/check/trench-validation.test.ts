import { describe, expect, it } from 'vitest';
import { MAX_TRENCH_LENGTH_M, validateTrench } from '../../server/domain/check/trench.validation.ts';

/** A zig-zag of `n` vertices, each leg `leg` metres across, in the demo district (RD New). */
function zigzag(n: number, leg: number) {
  return Array.from({ length: n }, (_, i) => [89_300 + i * 0.5, 435_800 + (i % 2) * leg]);
}
const trench = (coordinates: number[][]) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind: 'heat', width_m: 0.6, depth_m: 1 } });

describe('the length a trench may have', () => {
  it('when a zig-zag runs 1 200 km within the vertex bound, refuses it by length before any candidate search', () => {
    const result = validateTrench(trench(zigzag(3_000, 400)), 'EPSG:28992');
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors).toEqual([{ field: 'geometry', code: 'validation.trench.too-long', params: { length_m: expect.any(Number), max_m: MAX_TRENCH_LENGTH_M } }]);
    expect(result.errors[0]!.params!.length_m).toBeGreaterThan(1_000_000);
  });

  it('takes a long but real route of 12 km', () => {
    const line = Array.from({ length: 121 }, (_, i) => [80_000 + i * 100, 435_800]);
    expect(validateTrench(trench(line), 'EPSG:28992').valid).toBe(true);
  });

  it('honours a lower limit given by the caller', () => {
    const result = validateTrench(trench([[89_300, 435_800], [89_400, 435_800]]), 'EPSG:28992', { maxLength_m: 50 });
    expect(result).toMatchObject({ valid: false, errors: [{ code: 'validation.trench.too-long', params: { length_m: 100, max_m: 50 } }] });
  });
});
