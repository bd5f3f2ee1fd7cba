import type { Language, TextKey, Translate } from './i18n.ts';
import { formatFixed } from '../../server/messages/format.ts';
import type { SymbolStyle } from './styles.ts';

/**
 * The space scan in the client: the answer of GET /api/space as types, how each verdict looks on the map and in
 * the legend, and what the panel says about a chosen segment. No OpenLayers here.
 */

export const SPACE_VERDICTS = ['fits', 'tight', 'does-not-fit', 'unknown'] as const;
export type SpaceVerdict = (typeof SPACE_VERDICTS)[number];

export interface SpaceTakenBy {
  asset_id: string;
  layer: string;
  owner: string;
  reason: string;
  required_m: number;
}

export interface SpaceSegmentProperties {
  role: 'segment';
  segment_id: string;
  street: string;
  verdict: SpaceVerdict;
  narrowest_m: number;
  at_chainage_m: number;
  taken_by: SpaceTakenBy[];
  crossings: number;
  explanation: string;
  message: { code: string; params?: Record<string, unknown> };
}

export interface SpaceFeature {
  type: 'Feature';
  id: string;
  geometry: import('geojson').Geometry;
  properties: SpaceSegmentProperties | { role: 'corridor' | 'narrowest'; segment_id: string; verdict: SpaceVerdict; narrowest_m?: number };
}

export interface SpaceAnswer {
  type: 'FeatureCollection';
  kind: string;
  width_m: number;
  summary: Record<SpaceVerdict, number>;
  features: SpaceFeature[];
}

export const VERDICT_COLOURS: Record<SpaceVerdict, string> = { fits: '#1a9641', tight: '#e69500', 'does-not-fit': '#c00000', unknown: '#7f7f7f' };

/**
 * How a feature of the scan is drawn: segments thick in their verdict's colour (unknown dashed grey, the hatch of
 * "we know nothing here"), corridors a faint fill, the narrowest point a ring.
 *
 * @example spaceStyle('segment', 'tight', false).stroke // '#e69500'
 */
export function spaceStyle(role: 'segment' | 'corridor' | 'narrowest', verdict: SpaceVerdict, chosen: boolean): SymbolStyle {
  const colour = VERDICT_COLOURS[verdict];
  if (role === 'corridor') return { kind: 'polygon', stroke: colour, width: 0.5, fill: `${colour}33`, opacity: 0.5, zIndex: 11 };
  if (role === 'narrowest') return { kind: 'point', stroke: '#111111', width: 1.5, fill: colour, radius: chosen ? 7 : 4, opacity: 1, zIndex: 13 };
  return { kind: 'line', stroke: colour, width: chosen ? 10 : 6, opacity: 0.85, zIndex: 12, ...(verdict === 'unknown' ? { dash: [6, 6] } : {}) };
}

/**
 * The legend: each verdict with its label key and line style.
 *
 * @example spaceLegend()[0] // { verdict: 'fits', label: 'space.verdict.fits', style: { kind: 'line', stroke: '#1a9641', … } }
 */
export function spaceLegend(): { verdict: SpaceVerdict; label: TextKey; style: SymbolStyle }[] {
  return SPACE_VERDICTS.map((verdict) => ({ verdict, label: `space.verdict.${verdict}` as TextKey, style: spaceStyle('segment', verdict, false) }));
}

/**
 * What the panel says about a chosen segment: its verdict, the narrowest width and where, and each asset that takes
 * the space there, in the reader's language.
 *
 * @example segmentLines(hudson, t, 'en') // ['Hudsonstraat (hudsonstraat-1): does not fit', 'narrowest 0.00 m at 30.0 m', …]
 */
export function segmentLines(p: SpaceSegmentProperties, t: Translate, language: Language): { title: string; narrowest: string; taken: string[] } {
  return {
    title: `${p.street} (${p.segment_id}): ${t(`space.verdict.${p.verdict}`)}`,
    narrowest: t('space.ui.narrowest', { narrowest: formatFixed(p.narrowest_m, language, 2), at: formatFixed(p.at_chainage_m, language, 1) }),
    taken: p.taken_by.map((b) => t('space.taken-by', { asset_id: b.asset_id, layer: { code: `layer.${b.layer}` }, owner: b.owner, reason: { code: `space.reason.${b.reason}` }, required_m: b.required_m })),
  };
}
