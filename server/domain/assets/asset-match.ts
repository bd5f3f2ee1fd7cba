/**
 * True when an asset's properties satisfy a rule-set `match` (every named property has one of the listed values).
 * Kept free of the rule-set schema so the client can ask the same question of the rules it is served.
 *
 * @example matches({ network: 'lv' }, { network: ['lv', 'mv'] }) // true
 * @example matches({ network: 'hv' }, { network: ['lv', 'mv'] }) // false
 */
export function matches(properties: Record<string, unknown>, m: Readonly<Record<string, readonly string[]>> | undefined): boolean {
  if (!m) return true;
  return Object.entries(m).every(([key, values]) => values.includes(String(properties[key])));
}
