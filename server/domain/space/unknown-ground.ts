import type { LayerName } from '../assets/layers.ts';
import { centreline } from '../check/centreline.ts';
import { type CoverageArea, polygonsOf } from '../coverage/coverage.ts';
import { coveredIntervals, outsideIntervals } from '../coverage/covered-stretches.ts';
import type { StreetSegment } from '../streets/street-segments.ts';

/** Less than this (m) of a segment outside coverage is a drawing's slack at the edge of an area, not unknown ground. */
const SLACK_M = 0.01;

/**
 * The layers of `layers` the store knows nothing about somewhere along a street segment: part of its centreline (or,
 * for a street drawn as an area, of its outline) lies outside every coverage area of that layer. The space scan
 * calls such a segment `unknown` rather than claiming it fits.
 *
 * @example unknownLayersOf(hudsonstraat1, demoCoverage, ['cables', 'trees']) // []
 * @example unknownLayersOf(streetOutsideEveryDelivery, [], ['cables']) // ['cables']
 */
export function unknownLayersOf(segment: StreetSegment, coverage: readonly CoverageArea[], layers: readonly LayerName[]): LayerName[] {
  const g = segment.geometry;
  const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  const prepared = lines.filter((l) => l.length >= 2).map((l) => centreline(l));
  return layers.filter((layer) => {
    const polygons = coverage.filter((a) => a.layer === layer).flatMap((a) => polygonsOf(a.geometry));
    return prepared.some((line) => outsideIntervals(line.length, coveredIntervals(line, polygons)).some((s) => s.to - s.from > SLACK_M));
  });
}
