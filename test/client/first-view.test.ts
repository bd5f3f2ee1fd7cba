import { describe, expect, it } from 'vitest';
import { dataAreas, densestCluster, focusExtent, readSavedView, type DataArea, type Extent } from '../../client/core/first-view.ts';

const SIZE = [1000, 800] as const;
const area = (extent: Extent, layers: string[] = ['pipes']): DataArea => ({ extent, layers });
// Rotterdam: three deliveries side by side; Groningen: one register 200 km away.
const ROTTERDAM = [area([89_000, 435_500, 89_600, 436_000]), area([89_500, 435_800, 90_000, 436_300]), area([89_900, 436_200, 90_300, 436_500], ['cables'])];
const GRONINGEN = area([233_300, 581_950, 233_700, 582_150], ['pipes', 'sewers']);

describe('the extent the map opens on', () => {
  it('keeps an extent that fits at a loading resolution as it is (the demo district)', () => {
    expect(focusExtent([89_000, 435_500, 90_000, 436_500], [], SIZE, 8)).toEqual([89_000, 435_500, 90_000, 436_500]);
  });

  it('with data at both ends of the country, lands on the densest cluster, not on the empty middle at 265 m/px', () => {
    const whole: Extent = [89_000, 435_500, 233_700, 582_150];
    const target = focusExtent(whole, [...ROTTERDAM, GRONINGEN], SIZE, 8);
    expect(target).toEqual([89_000, 435_500, 90_300, 436_500]);
    expect(Math.max((target[2] - target[0]) / SIZE[0], (target[3] - target[1]) / SIZE[1])).toBeLessThanOrEqual(8);
  });

  it('for one layer, looks only at the areas covering it', () => {
    const whole: Extent = [89_000, 435_500, 233_700, 582_150];
    expect(focusExtent(whole, [...ROTTERDAM, GRONINGEN], SIZE, 8, 'sewers')).toEqual(GRONINGEN.extent);
  });

  it('when even the densest cluster is too large, shows a loading window around its centre', () => {
    const huge = [area([0, 300_000, 200_000, 500_000])];
    const target = focusExtent([0, 300_000, 200_000, 500_000], huge, SIZE, 8);
    expect(target).toEqual([100_000 - 3_200, 400_000 - 2_560, 100_000 + 3_200, 400_000 + 2_560]);
  });

  it('with no areas at all, still lands at a loading resolution, on the centre of the extent', () => {
    const target = focusExtent([0, 300_000, 200_000, 500_000], [], SIZE, 8);
    expect((target[2] - target[0]) / SIZE[0]).toBeLessThanOrEqual(8);
  });

  it('groups areas within a kilometre and prefers the cluster with the most of them', () => {
    expect(densestCluster([GRONINGEN.extent, ...ROTTERDAM.map((a) => a.extent)])).toEqual([89_000, 435_500, 90_300, 436_500]);
    expect(densestCluster([])).toBeNull();
  });
});

describe('the saved view', () => {
  it('is read back when it is a view on the Netherlands', () => {
    expect(readSavedView('{"center":[89500,436000],"resolution":0.5}')).toEqual({ center: [89_500, 436_000], resolution: 0.5 });
  });

  it('is ignored when missing, broken, outside RD New or with a nonsense resolution', () => {
    for (const raw of [null, '', '{', 'null', '{"center":[0,0],"resolution":1}', '{"center":[89500,436000],"resolution":0}', '{"center":[89500,436000]}', '{"center":["a",1],"resolution":1}']) {
      expect(readSavedView(raw), String(raw)).toBeNull();
    }
  });
});

describe('the data areas of a coverage answer', () => {
  it('keeps coverage areas with their layers and leaves precaution zones out', () => {
    const ring = [[0, 0], [4, 0], [4, 3], [0, 0]];
    expect(dataAreas({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { type: 'coverage', layers: ['pipes'] }, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: { type: 'coverage', layers: ['cables'] }, geometry: { type: 'MultiPolygon', coordinates: [[ring], [[[10, 10], [12, 10], [12, 14], [10, 10]]]] } },
      { type: 'Feature', properties: { type: 'precaution' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    ] })).toEqual([{ extent: [0, 0, 4, 3], layers: ['pipes'] }, { extent: [0, 0, 12, 14], layers: ['cables'] }]);
  });
});
