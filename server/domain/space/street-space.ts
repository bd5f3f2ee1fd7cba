import type { StreetSegment } from '../streets/street-segments.ts';
import { xyInPolygon } from '../../geo/point-in-polygon.ts';
import { xyShapeDistance } from '../../geo/point-shape-distance.ts';
import { shapeOf } from '../../geo/shape.ts';
import type { Shape } from '../../geo/types.ts';

/**
 * A street's space: where a trench may lie. A street drawn as a polygon (BGT road parts) is its own space; a street
 * drawn as a centreline is the band of its `width_m` around it (façade to façade), or DEFAULT_STREET_WIDTH_M when
 * the register gives no width.
 */

/** Width assumed for a street centreline without `width_m`: a residential street façade to façade (E). */
export const DEFAULT_STREET_WIDTH_M = 12;

export interface StreetSpace {
  segment: StreetSegment;
  /** The centreline or the polygon. */
  shape: Shape;
  /** Half the street's width around a centreline; 0 for a polygon. */
  halfWidth: number;
  /** Whether the width is the default rather than the register's. */
  widthAssumed: boolean;
}

/**
 * The space of a street segment.
 *
 * @example streetSpace({ id: 's1', street: 'Hudsonstraat', geometry: line, length_m: 120, width_m: 16 }).halfWidth // 8
 */
export function streetSpace(segment: StreetSegment): StreetSpace {
  const isLine = segment.geometry.type === 'LineString';
  const width = segment.width_m ?? DEFAULT_STREET_WIDTH_M;
  return { segment, shape: shapeOf(segment.geometry), halfWidth: isLine ? width / 2 : 0, widthAssumed: isLine && segment.width_m === undefined };
}

/**
 * Whether a trench centreline point at (x, y) keeps its half width `margin` inside the street: within
 * `halfWidth − margin` of a centreline, or inside a polygon at least `margin` from its outline.
 *
 * @example inStreetSpace(0, 7.5, streetSpace(sixteenMetreStreetAlongX), 0.45) // true (8 − 0.45 = 7.55)
 */
export function inStreetSpace(x: number, y: number, space: StreetSpace, margin = 0): boolean {
  if (space.halfWidth > 0) return xyShapeDistance(x, y, space.shape) <= space.halfWidth - margin;
  const inside = space.shape.polygons.some((rings) => xyInPolygon(x, y, rings));
  return inside && (margin <= 0 || edgeDistance(x, y, space.shape) >= margin);
}

/** Distance to the outline only (xyShapeDistance answers 0 inside a polygon). */
function edgeDistance(x: number, y: number, shape: Shape): number {
  return xyShapeDistance(x, y, { ...shape, polygons: [], points: [] });
}
