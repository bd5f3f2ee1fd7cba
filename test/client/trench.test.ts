import { describe, expect, it } from 'vitest';
import { formatMetres, percent } from '../../client/core/format.ts';
import { parseTrench, trenchLength } from '../../client/core/trench.ts';

const defaults = { kind: 'cables' as const, width_m: 0.5, depth_m: 0.6 };

describe('reading an uploaded trench', () => {
  it('takes an RD New line with its own kind, width and depth', () => {
    const parsed = parseTrench(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[89_446.95, 435_790], [89_446.95, 436_170]] }, properties: { kind: 'heat', width_m: 0.6, depth_m: 1 } }] }), defaults);
    expect(parsed).toMatchObject({ ok: true, feature: { properties: { kind: 'heat', width_m: 0.6, depth_m: 1 } } });
    if (parsed.ok) expect(trenchLength(parsed.feature)).toBeCloseTo(380, 6);
  });

  it('converts WGS84 to RD New and fills missing values from the form', () => {
    const parsed = parseTrench(JSON.stringify({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.4353, 51.9086], [4.4363, 51.9086]] }, properties: {} }), defaults);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [x, y] = parsed.feature.geometry.coordinates[0] as number[];
    expect(x).toBeGreaterThan(89_000);
    expect(y).toBeGreaterThan(435_000);
    expect(parsed.feature.properties).toMatchObject(defaults);
  });

  it('says what is wrong with a file that is not one line or polygon', () => {
    expect(parseTrench('{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}', defaults)).toEqual({ ok: false, reason: { key: 'check.upload.geometry', params: { got: 'Point' } } });
    expect(parseTrench('{"type":"FeatureCollection","features":[]}', defaults)).toEqual({ ok: false, reason: { key: 'check.upload.featureCount', params: { count: 0 } } });
    expect(parseTrench('not json', defaults)).toEqual({ ok: false, reason: { key: 'check.upload.notJson' } });
  });

  it('says it in the reader\'s language, never in the parser\'s English', async () => {
    const { translator } = await import('../../server/messages/render.ts');
    const parsed = parseTrench('{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}', defaults);
    if (parsed.ok) throw new Error('a point is not a trench');
    const t = translator('nl');
    const reason = parsed.reason;
    expect(t('check.uploadError', { reason: t(reason.key, 'params' in reason ? reason.params : {}) })).toBe('Dit bestand is geen GeoJSON-lijn of -vlak: verwacht een LineString of Polygon, maar het is een Point');
  });
});

describe('formatting', () => {
  it('writes metres the Dutch or the English way', () => {
    expect(formatMetres(0.6, 'nl')).toBe('0,60 m');
    expect(formatMetres(1234.5, 'en', 1)).toBe('1,234.5 m');
    expect(formatMetres(null, 'nl')).toBe('—');
  });

  it('caps upload progress at 100 % and copes with an unknown total', () => {
    expect(percent(150, 100)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('checking the form before sending', () => {
  it('names an empty, zero, negative or too large width or depth with the range it must lie in', async () => {
    const { inputErrors } = await import('../../client/core/trench.ts');
    const { translator } = await import('../../server/messages/render.ts');
    expect(inputErrors({ width_m: 0.6, depth_m: 1 })).toEqual([]);
    expect(inputErrors({ width_m: -1, depth_m: 1 })).toEqual([{ field: 'width_m', min: 0.05, max: 10 }]);
    expect(inputErrors({ width_m: Number(''), depth_m: 11 }).map((e) => e.field)).toEqual(['width_m', 'depth_m']);
    expect(inputErrors({ width_m: Number.NaN, depth_m: 0 }).map((e) => e.field)).toEqual(['width_m']);
    expect(translator('nl')('check.badWidth', { min: 0.05, max: 10 })).toBe('Vul bij breedte een getal in van 0,05 tot en met 10 m.');
  });
});

describe('chainage in the conflict list', () => {
  it('reads as the reader writes numbers, with its unit, like the distances beside it', async () => {
    const { chainage } = await import('../../client/ui/check-panel.ts');
    expect(chainage({ chainage_from_m: 14.44, chainage_to_m: 22 }, 'nl')).toBe('14,4–22,0 m');
    expect(chainage({ chainage_from_m: 1234.5, chainage_to_m: 1234.5 }, 'en')).toBe('1,234.5 m');
    expect(chainage({ chainage_from_m: null, chainage_to_m: null }, 'nl')).toBe('—');
  });
});
