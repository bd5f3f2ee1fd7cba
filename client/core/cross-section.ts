import type { Geometry, Position } from 'geojson';
import { pointAtChainage } from '../../server/geo/point-at-chainage.ts';
import { segmentIntersection } from '../../server/geo/segment-intersection.ts';
import { styleFor } from './styles.ts';
import { assumedCoverFor } from '../../server/domain/assets/assumed-cover.ts';
import type { AssetProperties, AssumedCover, LayerName, TrenchInput } from './types.ts';
import { formatFixed } from './format.ts';
import { spreadLabels } from './label-layout.ts';
import type { Language } from './i18n.ts';

/**
 * A cross-section through a trench at one chainage: the trench and every line asset crossing the section, at
 * their depth, drawn to one scale in both directions (metres → pixels), so what looks 0.6 m apart is 0.6 m apart.
 * An asset without a recorded depth is drawn at the assumed cover of the server's rule set (GET /api/rules) and
 * marked assumed, never as measured.
 */
export interface SectionAsset {
  id: string;
  layer: LayerName;
  /** Signed distance from the trench centreline, metres; positive to the right, looking along the trench. */
  offset_m: number;
  /** Top of the asset below the surface. */
  depth_m: number;
  diameter_m: number;
  depthSource: 'measured' | 'assumed';
  colour: string;
  /** Centre and radius in SVG pixels. */
  cx: number;
  cy: number;
  r: number;
  /** Where its label stands above the surface, kept clear of its neighbours' labels. */
  labelX: number;
}

export interface CrossSection {
  chainage_m: number;
  width_px: number;
  height_px: number;
  /** Pixels per metre, the same horizontally and vertically. */
  scale: number;
  halfSpan_m: number;
  depthRange_m: number;
  surfaceY: number;
  trench: { x: number; y: number; width: number; height: number; depth_m: number; width_m: number };
  assets: SectionAsset[];
  /** Depth gridlines every 0.5 m: y in pixels and the depth they mark. */
  depthTicks: { y: number; depth_m: number }[];
  /** Height of the band above the surface where the asset labels stand; `height_px` includes it. */
  labelBand_px: number;
}

export interface SectionAssetInput {
  id: string;
  layer: LayerName;
  geometry: Geometry;
  properties: Partial<AssetProperties>;
}

export interface SectionOptions {
  /** The rule set's assumed covers (`check.assumedCover` of GET /api/rules); without them an unrecorded depth is 0. */
  assumedCover?: readonly AssumedCover[];
  halfSpan_m?: number;
  width_px?: number;
  height_px?: number;
}

const MARGIN = { top: 18, left: 36, right: 10, bottom: 10 };
const CHAR_PX = 6;
const MAX_LABEL = 30;
const LINE_LAYERS: readonly LayerName[] = ['cables', 'pipes', 'sewers', 'heat'];

/**
 * @example crossSection([[0, 0], [20, 0]], { kind: 'heat', width_m: 0.8, depth_m: 1 }, 10, assets, { assumedCover: served.check.assumedCover }).assets.length
 */
export function crossSection(
  trenchLine: readonly Position[],
  trench: TrenchInput,
  chainage_m: number,
  assets: readonly SectionAssetInput[],
  { assumedCover = [], halfSpan_m = 6, width_px = 480, height_px = 240 }: SectionOptions = {},
): CrossSection {
  const { point, direction } = pointAtChainage(trenchLine, chainage_m);
  // Looking along the trench: right of the centreline is positive and drawn on the right.
  const normal: [number, number] = [direction[1], -direction[0]];
  const from: Position = [point[0]! - normal[0] * halfSpan_m, point[1]! - normal[1] * halfSpan_m];
  const to: Position = [point[0]! + normal[0] * halfSpan_m, point[1]! + normal[1] * halfSpan_m];

  const found: Omit<SectionAsset, 'cx' | 'cy' | 'r' | 'labelX'>[] = [];
  for (const asset of assets) {
    if (!LINE_LAYERS.includes(asset.layer) || asset.geometry.type !== 'LineString') continue;
    const line = asset.geometry.coordinates;
    for (let i = 1; i < line.length; i++) {
      const hit = segmentIntersection([from, to], [line[i - 1]!, line[i]!]);
      if (!hit) continue;
      const t = hit.s;
      const { depth_m, depthSource } = depthOf(asset.layer, asset.properties, assumedCover);
      found.push({
        id: asset.id,
        layer: asset.layer,
        offset_m: round(t * 2 * halfSpan_m - halfSpan_m),
        depth_m,
        diameter_m: diameterOf(asset.properties),
        depthSource,
        colour: styleFor(asset.layer, asset.properties).stroke,
      });
    }
  }

  const trenchBottom = trench.depth_m + 0.3;
  const deepest = Math.max(trenchBottom, ...found.map((a) => a.depth_m + a.diameter_m));
  const depthRange_m = Math.ceil((deepest + 0.4) * 2) / 2;
  const scale = Math.min((width_px - MARGIN.left - MARGIN.right) / (2 * halfSpan_m), (height_px - MARGIN.top - MARGIN.bottom) / depthRange_m);
  // Labels stand upright above the surface: "id 1,00 m*" in 11 px type, so the band is as tall as the longest.
  const labelBand_px = found.length ? 10 + Math.max(...found.map((a) => Math.min(a.id.length, MAX_LABEL) + 8)) * CHAR_PX : 0;
  const x = (offset: number) => MARGIN.left + (offset + halfSpan_m) * scale;
  const y = (depth: number) => labelBand_px + MARGIN.top + depth * scale;
  const labelAt = spreadLabels(found.map((a) => x(a.offset_m)), 13, MARGIN.left, width_px - MARGIN.right);

  const depthTicks = [];
  for (let d = 0; d <= depthRange_m + 1e-9; d += 0.5) depthTicks.push({ y: round(y(d)), depth_m: d });

  return {
    chainage_m,
    width_px,
    height_px: height_px + labelBand_px,
    scale: round(scale),
    halfSpan_m,
    depthRange_m,
    surfaceY: y(0),
    trench: { x: round(x(-trench.width_m / 2)), y: y(0), width: round(trench.width_m * scale), height: round(trenchBottom * scale), depth_m: trench.depth_m, width_m: trench.width_m },
    assets: found.map((a, k) => ({ ...a, cx: round(x(a.offset_m)), cy: round(y(a.depth_m + a.diameter_m / 2)), r: round(Math.max(2, (a.diameter_m / 2) * scale)), labelX: round(labelAt[k]!) })),
    depthTicks,
    labelBand_px,
  };
}

function depthOf(layer: LayerName, p: Partial<AssetProperties>, covers: readonly AssumedCover[]): { depth_m: number; depthSource: 'measured' | 'assumed' } {
  if (typeof p.depth_m === 'number' && p.depth_source !== 'standard') return { depth_m: p.depth_m, depthSource: 'measured' };
  if (typeof p.depth_m === 'number') return { depth_m: p.depth_m, depthSource: 'assumed' };
  return { depth_m: assumedCoverFor(layer, p, covers)?.depth_m ?? 0, depthSource: 'assumed' };
}

function diameterOf(p: Partial<AssetProperties>): number {
  if (typeof p.pair_width_m === 'number') return p.pair_width_m;
  if (typeof p.diameter_mm === 'number') return p.diameter_mm / 1000;
  if (typeof p.width_m === 'number') return p.width_m;
  return 0.1;
}

const round = (n: number) => Math.round(n * 100) / 100;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The section as an SVG document string. Measured depths are filled circles, assumed ones hollow and dashed,
 * with a label per asset (id and depth, `*` when assumed) standing above the surface with a leader line, so assets
 * 0.8 m apart are told apart without hovering; the legend is the bottom row.
 */
export function sectionSvg(section: CrossSection, labels: { title: string; measured: string; assumed: string; language?: Language }): string {
  const number = (n: number, digits: number) => formatFixed(n, labels.language ?? 'nl', digits);
  const { width_px: w, trench } = section;
  const h = section.height_px + 18;
  const legend = section.height_px + 12;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escape(labels.title)}">`,
    `<title>${escape(labels.title)}</title>`,
    `<rect x="0" y="${section.surfaceY}" width="${w}" height="${section.height_px - section.surfaceY}" fill="#efe6d8"/>`,
    ...section.depthTicks.map((t) => `<line x1="30" x2="${w}" y1="${t.y}" y2="${t.y}" stroke="#cbbfae" stroke-width="0.5"/><text x="2" y="${t.y + 4}" font-size="10" fill="#333">${number(t.depth_m, 1)}</text>`),
    `<line x1="0" x2="${w}" y1="${section.surfaceY}" y2="${section.surfaceY}" stroke="#333" stroke-width="1.5"/>`,
    `<rect class="trench" x="${trench.x}" y="${trench.y}" width="${trench.width}" height="${trench.height}" fill="#ffffff" fill-opacity="0.7" stroke="#111" stroke-dasharray="6 3"/>`,
    ...section.assets.map((a) => {
      const assumed = a.depthSource === 'assumed';
      const label = `${a.id} ${number(a.depth_m, 2)} m${assumed ? ` (${labels.assumed})` : ''}`;
      const shown = `${a.id.length > MAX_LABEL ? `${a.id.slice(0, MAX_LABEL - 1)}…` : a.id} ${number(a.depth_m, 2)} m${assumed ? '*' : ''}`;
      const ly = section.surfaceY - 9;
      const leader = `<polyline points="${a.cx},${a.cy - a.r - 1} ${a.cx},${section.surfaceY} ${a.labelX},${section.surfaceY - 6}" fill="none" stroke="#888" stroke-width="0.75"/>`;
      const text = `<text class="label" x="${a.labelX + 4}" y="${ly}" font-size="11" fill="#111" transform="rotate(-90 ${a.labelX + 4} ${ly})">${escape(shown)}</text>`;
      return `<g class="asset ${a.depthSource}" data-id="${escape(a.id)}"><circle cx="${a.cx}" cy="${a.cy}" r="${a.r}" fill="${assumed ? 'none' : a.colour}" stroke="${a.colour}" stroke-width="2"${assumed ? ' stroke-dasharray="3 2"' : ''}/><title>${escape(label)}</title>${leader}${text}</g>`;
    }),
    `<g font-size="10" fill="#222"><circle cx="40" cy="${legend}" r="4" fill="#444"/><text x="48" y="${legend + 3}">${escape(labels.measured)}</text><circle cx="170" cy="${legend}" r="4" fill="none" stroke="#444" stroke-dasharray="2 1"/><text x="178" y="${legend + 3}">${escape(labels.assumed)} (*)</text></g>`,
    '</svg>',
  ];
  return parts.join('');
}
