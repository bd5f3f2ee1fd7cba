import type { PrecautionZone } from '../../coverage/coverage.ts';
import { msg } from '../../message.ts';
import { shapeOf } from '../../../geo/shape.ts';
import type { Conflict } from '../check.types.ts';
import { type RuleContext, near, whereMessage } from '../rule-context.ts';

/**
 * A trench touching a KLIC precaution zone (`AanduidingEisVoorzorgsmaatregel`): blocking until agreed, because
 * WIBON allows digging there only after contact with the operator — a legal demand, not a municipal number, so it
 * is not in the rule file. The finding names the operator, the demand and whom to call. Measured is the edge
 * distance from the trench to the zone (0 or less: it is in it).
 *
 * @example precautionRule(ctx, [gasZone])[0].message // { code: 'check.precaution.zone', params: { owner: 'Enexis B.V.', demand: 'O_GHDW3-hoog', ... } }
 */
export function precautionRule(ctx: RuleContext, zones: readonly PrecautionZone[]): Conflict[] {
  const out: Conflict[] = [];
  for (const zone of zones) {
    for (const stretch of near(ctx, shapeOf(zone.geometry), ctx.halfWidth + 1e-9)) {
      out.push({
        rule: 'precaution',
        severity: 'blocking',
        assetId: zone.id,
        layer: zone.layer,
        owner: zone.owner,
        measured_m: stretch.min - ctx.halfWidth,
        required_m: null,
        chainage_from_m: stretch.from,
        chainage_to_m: stretch.to,
        location: stretch.location,
        message: msg('check.precaution.zone', {
          where: whereMessage(stretch),
          owner: zone.owner || msg('check.owner.unknown'),
          demand: zone.demand,
          network: zone.network ?? zone.theme ?? '—',
          contact: contactOf(zone),
        }),
        basis: msg('check.basis.precaution', { source: zone.source, ...(zone.attachment?.file ? { file: zone.attachment.file } : { file: '—' }) }),
      });
    }
  }
  return out;
}

function contactOf(zone: PrecautionZone) {
  const parts = [zone.contact?.name, zone.contact?.phone, zone.contact?.email].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : msg('check.precaution.no-contact', { owner: zone.owner || msg('check.owner.unknown') });
}
