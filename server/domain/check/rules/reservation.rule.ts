import type { LayeredAsset, ReservationPurpose } from '../../assets/layers.ts';
import { RESERVATION_PURPOSES } from '../../assets/layers.ts';
import { reservationHalfWidth, reservationInForce, reservationMeantFor } from '../../assets/reservation.ts';
import { type Message, msg } from '../../message.ts';
import { type Rule, assetMessage, conflictFor, crossingsOf, near, newKind, whereMessage } from '../rule-context.ts';
import type { TrenchKind } from '../check.types.ts';
import type { SearchReach } from '../search-distances.ts';

/**
 * A trench that enters a reservation in force that is not meant for it: space kept for future trees, climate
 * adaptation or free of everything, or a lane for other kinds or another organisation. The severity is the rule
 * set's per purpose (`reservations.purposes`); a lane meant for the trench's kind or organisation, and a
 * reservation not in force on the day asked, give nothing. Measured is the edge distance from the trench to the
 * reserved space (negative: overlap); required the rule set's margin (0: touching is allowed, entering is not).
 *
 * @example reservationRule(ctx, futureTreesAlongHudsonstraat, shape)
 *   // [{ rule: 'reservation', severity: 'blocking', measured_m: -0.45, required_m: 0, chainage_from_m: 12, chainage_to_m: 40, ... }]
 */
export const reservationRule: Rule = (ctx, asset, shape) => {
  if (ctx.on !== undefined && !reservationInForce(asset, ctx.on)) return [];
  if (reservationMeantFor(asset, { kind: ctx.kind, ...(ctx.organisation ? { organisation: ctx.organisation } : {}) })) return [];
  const purpose = purposeOf(asset);
  const entry = ctx.rules.reservations.purposes[purpose];
  const margin = ctx.rules.reservations.margin_m.value;
  const half = reservationHalfWidth(asset);
  // A lane drawn as a line crossed at the rule set's crossing angle or steeper is crossed, not taken: every house
  // connection crosses the lanes of its street. Running along it, or into space kept free, is entering.
  const steep = purpose === 'lane' && asset.geometry.type === 'LineString'
    ? crossingsOf(ctx, shape).filter((c) => c.angle_deg >= ctx.rules.crossingAngle.warnBelow_deg - 1e-9)
    : [];
  return near(ctx, shape, half + margin + ctx.halfWidth)
    .filter((stretch) => stretch.min - ctx.halfWidth - half < margin - 1e-9)
    .filter((stretch) => !crossedOnly(stretch, steep, half + margin + ctx.halfWidth))
    .map((stretch) => conflictFor(asset, {
      rule: 'reservation',
      severity: entry.severity,
      measured_m: stretch.min - ctx.halfWidth - half,
      required_m: margin,
      chainage_from_m: stretch.from,
      chainage_to_m: stretch.to,
      location: stretch.location,
      message: msg('check.reservation.enters', {
        kind: newKind(ctx.kind),
        where: whereMessage(stretch),
        asset: assetMessage(asset),
        purpose: msg(`check.reservation.purpose.${purpose}`),
        meant: meantFor(asset),
        advice: msg(purpose === 'lane' ? 'check.reservation.advice-lane' : 'check.reservation.advice-keep-out', { owner: asset.properties.owner || msg('check.owner.unknown') }),
      }),
      basis: msg('check.basis.rule', { source: entry.source, status: entry.status }),
    }));
};

/**
 * Whether a stretch inside a lane is only the lane being crossed: it holds a steep crossing and is no longer than a
 * crossing at that angle takes (the lane's and the trench's width over its sine, plus 0.5 m). A longer stretch runs
 * along the lane as well, and is entering it.
 */
function crossedOnly(stretch: { from: number | null; to: number | null }, steep: readonly { chainage: number; angle_deg: number }[], reach: number): boolean {
  if (stretch.from === null || stretch.to === null) return false;
  const inside = steep.filter((c) => c.chainage >= stretch.from! - 1e-6 && c.chainage <= stretch.to! + 1e-6);
  if (inside.length === 0) return false;
  const sine = Math.sin((Math.max(...inside.map((c) => c.angle_deg)) * Math.PI) / 180);
  return stretch.to - stretch.from <= (2 * reach) / sine + 0.5;
}

/** A purpose the rule set knows; an unreadable one is read as space kept free, the cautious reading. */
function purposeOf(asset: LayeredAsset): ReservationPurpose {
  const p = asset.properties.purpose;
  return (RESERVATION_PURPOSES as readonly unknown[]).includes(p) ? (p as ReservationPurpose) : 'keep-free';
}

/** Whom the reserved space is for, in words: the kinds and/or organisation of a lane, or no trench at all. */
function meantFor(asset: LayeredAsset): Message {
  const p = asset.properties;
  if (p.purpose !== 'lane') return msg('check.reservation.for-none');
  const kinds = Array.isArray(p.kinds) ? p.kinds.map((k) => newKind(k as TrenchKind)) : [];
  const organisation = typeof p.organisation === 'string' && p.organisation !== '' ? p.organisation : undefined;
  if (kinds.length > 0 && organisation) return msg('check.reservation.for-kinds-of', { kinds, organisation });
  if (organisation) return msg('check.reservation.for-organisation', { organisation });
  return msg('check.reservation.for-kinds', { kinds });
}

/**
 * The rule set's margin; half a reservation line's width is covered by the search's reservation radius
 * (`search.assetRadius_m.reservations`).
 *
 * @example reservationReach(trench, rules, 'reservations') // 0
 */
export const reservationReach: SearchReach = (_trench, rules) => rules.reservations.margin_m.value;
