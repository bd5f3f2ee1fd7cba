import type { Position } from 'geojson';
import { type Crs, RD_BOUNDS, WGS84, WGS84_NL_BOUNDS, transformPosition } from '../../geo/crs.ts';
import { lineLength } from '../../geo/length.ts';
import { TRENCH_KINDS, type TrenchKind } from '../check/check.types.ts';
import { TRENCH_RANGES, TRENCH_REASONS } from '../check/trench.validation.ts';
import { type Invalid, invalid, quoted } from '../validation.ts';

/** Reason codes (catalogue keys) for a proposal request that cannot be answered. */
export const PROPOSAL_REASONS = {
  notAnObject: 'validation.proposal.not-an-object',
  point: 'validation.proposal.point',
  outside: 'validation.proposal.outside',
  via: 'validation.proposal.via-not-a-list',
  tooManyVia: 'validation.proposal.too-many-via',
  tooFar: 'validation.proposal.too-far',
  tooManyCells: 'validation.proposal.too-many-cells',
  noStreet: 'validation.proposal.no-street-near',
} as const;

/** Reasons that are a limit on the request's size rather than a wrong value: answered as 413. */
export const PROPOSAL_LIMIT_REASONS: readonly string[] = [PROPOSAL_REASONS.tooManyVia, PROPOSAL_REASONS.tooFar, PROPOSAL_REASONS.tooManyCells];

/**
 * How large a proposal may be. A search costs in proportion to the cells of its area, so the limits bound the area:
 * 3 km of straight line through the points is a district's heat main, and 8 via points are more than a company
 * sets by hand.
 */
export const PROPOSAL_LIMITS = { maxSpan_m: 3_000, maxVia: 8 } as const;

export interface ProposalInput {
  /** RD New. */
  from: Position;
  to: Position;
  via: Position[];
  kind: TrenchKind;
  width_m: number;
  depth_m: number;
}

export type ProposalValidation = { valid: true; input: ProposalInput } | { valid: false; errors: Invalid[] };

/**
 * A proposal request `{from, to, via?, kind, width_m, depth_m}` with points in `crs`, as RD New, or every reason it
 * cannot be answered, each naming its field. Kind, width and depth are read as a trench's are.
 *
 * @example validateProposal({ from: [89300, 435800], to: [89805, 436140], kind: 'heat', width_m: 0.9, depth_m: 1.45 }, 'EPSG:28992')
 *   // { valid: true, input: { from: [89300, 435800], to: [89805, 436140], via: [], kind: 'heat', width_m: 0.9, depth_m: 1.45 } }
 * @example validateProposal({ from: [0, 0], to: [1, 1], via: new Array(9).fill([0, 0]), kind: 'heat', width_m: 0.9, depth_m: 1 }, 'EPSG:28992').valid
 *   // false: via holds 9 points, more than 8
 */
export function validateProposal(body: unknown, crs: Crs, limits: { maxSpan_m?: number; maxVia?: number } = {}): ProposalValidation {
  const { maxSpan_m, maxVia } = { ...PROPOSAL_LIMITS, ...limits };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { valid: false, errors: [invalid('(body)', PROPOSAL_REASONS.notAnObject)] };
  const raw = body as Record<string, unknown>;
  const errors: Invalid[] = [];
  const point = (field: string, value: unknown): Position | undefined => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      errors.push(invalid(field, PROPOSAL_REASONS.point, { value: quoted(value), crs }));
      return undefined;
    }
    const [x, y] = value as [number, number];
    const b = crs === WGS84 ? WGS84_NL_BOUNDS : RD_BOUNDS;
    if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) {
      errors.push(invalid(field, PROPOSAL_REASONS.outside, { value: quoted(value), crs }));
      return undefined;
    }
    return transformPosition([x, y], crs, 'EPSG:28992');
  };
  const from = point('from', raw.from);
  const to = point('to', raw.to);
  const via: Position[] = [];
  if (raw.via !== undefined) {
    if (!Array.isArray(raw.via)) errors.push(invalid('via', PROPOSAL_REASONS.via, { value: quoted(raw.via) }));
    else if (raw.via.length > maxVia) errors.push(invalid('via', PROPOSAL_REASONS.tooManyVia, { count: raw.via.length, max: maxVia }));
    else raw.via.forEach((v, i) => { const p = point(`via[${i}]`, v); if (p) via.push(p); });
  }
  if (!TRENCH_KINDS.includes(raw.kind as TrenchKind)) {
    errors.push(raw.kind === undefined
      ? invalid('kind', TRENCH_REASONS.kindMissing, { kinds: [...TRENCH_KINDS] })
      : invalid('kind', TRENCH_REASONS.kind, { value: quoted(raw.kind), kinds: [...TRENCH_KINDS] }));
  }
  const number = (name: 'width_m' | 'depth_m') => {
    const value = raw[name];
    const [min, max] = TRENCH_RANGES[name];
    const what = { code: `validation.trench.what.${name}` };
    if (value === undefined) errors.push(invalid(name, TRENCH_REASONS.required, { name, what }));
    else if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(invalid(name, TRENCH_REASONS.notANumber, { name, value: quoted(value), what }));
    else if (value < min || value > max) errors.push(invalid(name, TRENCH_REASONS.outOfRange, { name, value, min, max, what }));
    return value as number;
  };
  const width_m = number('width_m');
  const depth_m = number('depth_m');
  if (from && to && errors.length === 0) {
    const span = lineLength([from, ...via, to]);
    if (span > maxSpan_m) errors.push(invalid('to', PROPOSAL_REASONS.tooFar, { span_m: Math.round(span), max_m: maxSpan_m }));
  }
  if (errors.length || !from || !to) return { valid: false, errors };
  return { valid: true, input: { from, to, via, kind: raw.kind as TrenchKind, width_m, depth_m } };
}
