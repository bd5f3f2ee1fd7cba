// One planar operation per module in this folder (RD New metres); this barrel keeps the older import path working.
// New code imports the module it needs, so the client bundle takes only what it uses.
export type { BBox, Closest, Intersection, LinePiece, Shape } from './types.ts';
// The check's centreline still says Segment for a line piece; the alias goes when it moves to LinePiece.
export type { LinePiece as Segment } from './types.ts';
export { bboxNear, bboxOf, boxesMeet } from './bbox.ts';
export { convexHull } from './convex-hull.ts';
export { lineLength } from './length.ts';
export { minimumRectangleSides } from './minimum-rectangle.ts';
export { pointAtChainage } from './point-at-chainage.ts';
export { inPolygon, xyInPolygon } from './point-in-polygon.ts';
export { pointToLineDistance } from './point-line-distance.ts';
export { pointSegment, pointSegmentDistance, pointSegmentParam, projectionParam, xySegmentDistanceSquared } from './point-segment-distance.ts';
export { pointShapeDistance, xyShapeDistance } from './point-shape-distance.ts';
export { polygonArea } from './polygon-area.ts';
export { segmentDistance } from './segment-distance.ts';
export { segmentIntersection } from './segment-intersection.ts';
export { segmentParam } from './segment-param.ts';
export { shapeDistance } from './shape-distance.ts';
export { shapeOf } from './shape.ts';
export { withoutStraightVertices } from './straight-vertices.ts';
