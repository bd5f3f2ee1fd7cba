import type { Polygon } from 'geojson';
import type { CoverageArea } from '../../server/domain/coverage/coverage.ts';
import { OBSTACLE_LAYERS } from '../../server/domain/check/search-distances.ts';
import { RD_BOUNDS } from '../../server/geo/crs.ts';
import type { Repositories } from '../../server/store/index.ts';

/** All of RD New: for tests about other rules, where the ground is known everywhere. */
export const EVERYWHERE: Polygon = {
  type: 'Polygon',
  coordinates: [[[RD_BOUNDS.minX, RD_BOUNDS.minY], [RD_BOUNDS.maxX, RD_BOUNDS.minY], [RD_BOUNDS.maxX, RD_BOUNDS.maxY], [RD_BOUNDS.minX, RD_BOUNDS.maxY], [RD_BOUNDS.minX, RD_BOUNDS.minY]]],
};

/**
 * Records `area` (default: everywhere) as known ground for every layer the check looks at, so a test about another
 * rule is not answered with unknown ground. Tests of coverage itself leave it out.
 *
 * @example await coverAll(store) // every later check in this store sees complete coverage
 */
export async function coverAll(store: Pick<Repositories, 'coverage'>, area: Polygon = EVERYWHERE, source = 'test:covered'): Promise<void> {
  const areas: CoverageArea[] = OBSTACLE_LAYERS.map((layer) => ({ source, layer, owner: '', kind: 'declared', geometry: area }));
  await store.coverage.replace(source, areas, []);
}
