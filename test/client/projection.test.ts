import { transform } from 'ol/proj.js';
import { describe, expect, it } from 'vitest';
import { rdProjection } from '../../client/map/projection.ts';
import { RD_NEW, transformPosition, WGS84 } from '../../server/geo/crs.ts';

describe('the map projection', () => {
  it('is RD New with the transforms OpenLayers needs, the same numbers as the server, and no others', async () => {
    const rd = rdProjection();
    expect(rd.getCode()).toBe(RD_NEW);
    expect(rd.getUnits()).toBe('m');
    const lonLat = [4.4325, 51.9125];
    const [x, y] = transform(lonLat, 'EPSG:4326', RD_NEW);
    const [sx, sy] = transformPosition(lonLat, WGS84, RD_NEW);
    expect(Math.abs(x! - sx!)).toBeLessThan(0.001);
    expect(Math.abs(y! - sy!)).toBeLessThan(0.001);
    const back = transform(transform(lonLat, 'EPSG:4326', 'EPSG:3857'), 'EPSG:3857', RD_NEW);
    expect(Math.hypot(back[0]! - x!, back[1]! - y!)).toBeLessThan(0.001);
    // The UTM zones proj4 ships are not paired with every other system at start (half a second in the browser)…
    const { get: cached } = await import('ol/proj/projections.js');
    expect(cached('EPSG:32631')).toBeNull();
    // …and still resolve through proj4 when asked for.
    const { get } = await import('ol/proj.js');
    expect(get('EPSG:32631')?.getCode()).toBe('EPSG:32631');
  });
});
