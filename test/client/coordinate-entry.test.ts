import { describe, expect, it } from 'vitest';
import { vertexFromInput } from '../../client/core/coordinate-entry.ts';

describe('typing a trench vertex', () => {
  it('reads RD metres with a decimal comma as a Dutch keyboard types them', () => {
    expect(vertexFromInput('rd', '89446,95', ' 435790 ', [])).toEqual({ ok: true, position: [89_446.95, 435_790] });
  });

  it('turns longitude and latitude into RD New metres', () => {
    const entry = vertexFromInput('lonlat', '4.4500', '51.9100', []);
    expect(entry.ok).toBe(true);
    const [x, y] = entry.ok ? entry.position : [];
    expect(x).toBeGreaterThan(88_000);
    expect(x).toBeLessThan(91_000);
    expect(y).toBeGreaterThan(435_000);
    expect(y).toBeLessThan(438_000);
  });

  it('when x and y are swapped, names the field and the range it must lie in', () => {
    expect(vertexFromInput('rd', '435790', '89446', [])).toEqual({ ok: false, reason: { key: 'coords.bad', params: { field: 'x', min: -7_000, max: 300_000 } } });
    expect(vertexFromInput('lonlat', '4.45', 'abc', [])).toMatchObject({ ok: false, reason: { params: { field: 'lat' } } });
  });

  it('refuses a vertex on top of the previous one, which would make a zero-length segment', () => {
    expect(vertexFromInput('rd', '89446.95', '435790', [[89_446.95, 435_790]])).toEqual({ ok: false, reason: { key: 'coords.same' } });
  });
});
