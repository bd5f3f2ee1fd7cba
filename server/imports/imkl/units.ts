/** Metres per unit for the length uoms IMKL writes as `urn:ogc:def:uom:OGC::<unit>` (or a bare unit). */
const METRES_PER_UNIT: Readonly<Record<string, number>> = { mm: 0.001, cm: 0.01, dm: 0.1, m: 1, km: 1000 };

/**
 * The unit of an IMKL `uom` attribute: `urn:ogc:def:uom:OGC::cm` → `cm`.
 *
 * @example uomUnit('urn:ogc:def:uom:OGC::mm') // 'mm'
 */
export function uomUnit(uom: string | undefined): string | undefined {
  if (uom === undefined) return undefined;
  const unit = uom.trim().split(/[:#/]/).pop();
  return unit === '' ? undefined : unit;
}

export type Measure = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Converts an IMKL length (text + uom) to `target` units. Real deliveries write pipeDiameter in both cm (Vattenfall)
 * and mm (Enexis, WML); a value without a unit is refused rather than guessed, and nil/empty/zero/negative values
 * mean "unknown" in practice.
 *
 * @example toLength({ text: '7', uom: 'urn:ogc:def:uom:OGC::cm' }, 'mm') // { ok: true, value: 70 }
 */
export function toLength(measure: { text: string; uom: string | undefined } | undefined, target: 'mm' | 'm'): Measure | undefined {
  if (measure === undefined || measure.text === '') return undefined;
  const value = Number(measure.text);
  if (!Number.isFinite(value)) return { ok: false, reason: `value ${JSON.stringify(measure.text)} is not a number` };
  if (value <= 0) return undefined;
  const unit = uomUnit(measure.uom);
  const factor = unit === undefined ? undefined : METRES_PER_UNIT[unit];
  if (factor === undefined) {
    return { ok: false, reason: `value ${value} has unit ${JSON.stringify(measure.uom ?? 'none')}, not one of ${Object.keys(METRES_PER_UNIT).join(', ')}` };
  }
  const metres = value * factor;
  const out = target === 'm' ? metres : metres * 1000;
  return { ok: true, value: Math.round(out * 1000) / 1000 };
}

/**
 * Reads a number with an expected uom (volts, bar); undefined when absent, nil, non-numeric or not positive.
 *
 * @example positiveNumber({ text: '10000', uom: 'urn:ogc:def:uom:OGC::V' }) // 10000
 */
export function positiveNumber(measure: { text: string } | undefined): number | undefined {
  if (measure === undefined || measure.text === '') return undefined;
  const value = Number(measure.text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Last path segment of a codelist URI: `.../Thema/gasLageDruk` → `gasLageDruk`. */
export const codeOf = (href: string | undefined): string | undefined => href?.split('/').pop() || undefined;
