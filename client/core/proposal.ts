import type { LineString, Position } from 'geojson';
import type { Message, MessageParam } from '../../server/domain/message.ts';
import type { Translate } from './i18n.ts';
import type { CheckReport, LayerName, TrenchFeature, TrenchInput } from './types.ts';

/**
 * The heat company's "propose" flow as plain data: the two clicked points, the request POST /api/routes/propose
 * takes, how a proposal is summed up in the list, and the feature that submits the chosen one as a route.
 */

/** A twin heat pipe at the usual cover: what a heat company proposes unless it says otherwise. */
export const PROPOSE_DEFAULTS: TrenchInput = { kind: 'heat', width_m: 0.9, depth_m: 1.0 };

/** One colour per proposal, from the Okabe–Ito set: told apart with any colour vision, and none is a layer's colour. */
export const PROPOSAL_COLOURS = ['#0072b2', '#e69f00', '#cc79a7'] as const;

export interface ProposedRoute {
  geometry: LineString;
  length_m: number;
  crossings: { assetId: string; layer: LayerName; angle_deg: number; point: Position }[];
  treeZone_m: number;
  clean: boolean;
  /** The verdict as a message code with its numbers (and the server's sentence in the request's language). */
  verdict: { code: string; params?: Record<string, MessageParam>; text: string };
  report: CheckReport;
}

export interface ProposalAnswer {
  proposals: ProposedRoute[];
  bottleneck?: { segment: string; street: string; at: Position; free_m: number; width_m: number; cause: 'width' | 'crossing'; suggested_depth_m?: number; message: Message; explanation: string };
}

/**
 * The points after a click on the map: the first click sets the start, the second the end, a third starts over.
 *
 * @example nextPoints([], [1, 2]) // [[1, 2]]
 * @example nextPoints([[1, 2], [3, 4]], [5, 6]) // [[5, 6]]
 */
export function nextPoints(points: readonly Position[], clicked: Position): Position[] {
  return points.length === 1 ? [points[0]!, clicked] : [clicked];
}

/**
 * The request body for two RD New points and the form's values.
 *
 * @example proposalRequest([89300, 435800], [89805, 436140], PROPOSE_DEFAULTS)
 *   // { from: [89300, 435800], to: [89805, 436140], kind: 'heat', width_m: 0.9, depth_m: 1, crs: 'EPSG:28992' }
 */
export function proposalRequest(from: Position, to: Position, input: TrenchInput) {
  return { from: [from[0]!, from[1]!], to: [to[0]!, to[1]!], kind: input.kind, width_m: input.width_m, depth_m: input.depth_m, crs: 'EPSG:28992' as const };
}

/**
 * One line about a proposal: length, crossings, metres in root zones and the check's blocking and warning counts.
 *
 * @example proposalSummary(proposal, translator('en')) // '852.4 m · 31 crossings · 120.5 m in root zones · 0 blocking · 28 warnings'
 */
export function proposalSummary(p: ProposedRoute, t: Translate): string {
  const { blocking, warning } = p.report.summary.bySeverity;
  return t('propose.summary', { length_m: p.length_m, crossings: p.crossings.length, tree_m: p.treeZone_m, blocking, warnings: warning });
}

/**
 * The chosen proposal as the route submission takes it: its centreline with the kind, width and depth it was
 * proposed for, so the route's check is the proposal's.
 *
 * @example routeFeature(proposal, PROPOSE_DEFAULTS).properties // { kind: 'heat', width_m: 0.9, depth_m: 1 }
 */
export function routeFeature(p: Pick<ProposedRoute, 'geometry'>, input: TrenchInput): TrenchFeature {
  return { type: 'Feature', geometry: p.geometry, properties: { kind: input.kind, width_m: input.width_m, depth_m: input.depth_m } };
}
