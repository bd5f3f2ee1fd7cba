import { describe, expect, it } from 'vitest';
import { validateGeometry } from '../../server/geo/geometry.validation.ts';

// Found by test/http/fuzz.test.ts: POST /api/checks and /api/routes answered 500 because turf's rewind threw on
// a polygon without rings, and an empty MultiPolygon passed as valid.
describe('geometries without parts', () => {
  it.each([
    [{ type: 'Polygon', coordinates: [] }, 'polygon has no rings'],
    [{ type: 'MultiPolygon', coordinates: [[]] }, 'polygon has no rings'],
    [{ type: 'MultiPolygon', coordinates: [] }, 'MultiPolygon has no polygons'],
    [{ type: 'MultiLineString', coordinates: [] }, 'MultiLineString has no lines'],
  ])('when a %j arrives, refuses it as degenerate instead of throwing', (geometry, reason) => {
    const result = validateGeometry(geometry, 'EPSG:28992');
    expect(result).toMatchObject({ valid: false, code: 'geometry-degenerate' });
    expect((result as { reason: string }).reason).toContain(reason);
  });
});
