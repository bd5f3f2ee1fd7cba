import { formatFixed } from '../core/format.ts';
import type { Language } from '../core/i18n.ts';
import type { LongitudinalProfile } from '../core/profile.ts';

export interface ProfileLabels {
  title: string;
  chainage: string;
  depth: string;
  measured: string;
  assumed: string;
  trenchBottom: string;
  language: Language;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The profile as an SVG string: labels stand upright above the surface (eight assets within a few metres still
 * read), each with a leader line to its asset; measured depths solid, assumed ones hollow and dashed; the clearance
 * box in the colour of the worst finding there. The legend is HTML beside it (profileLegend), so it wraps
 * on a phone.
 */
export function profileSvg(p: LongitudinalProfile, labels: ProfileLabels): string {
  const n = (v: number, digits: number) => formatFixed(v, labels.language, digits);
  const { plot, trench } = p;
  const height = p.height_px;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="profile" viewBox="0 0 ${p.width_px} ${height}" width="${p.width_px}" height="${height}" role="img" aria-label="${escape(labels.title)}">`,
    `<title>${escape(labels.title)}</title>`,
    `<defs><pattern id="assumed-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="4" stroke="#555" stroke-width="1"/></pattern></defs>`,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="#efe6d8"/>`,
    ...p.depthTicks.map((t) => `<line x1="${plot.left}" x2="${plot.right}" y1="${t.y}" y2="${t.y}" stroke="#cbbfae" stroke-width="0.5"/><text class="depth-tick" x="${plot.left - 4}" y="${t.y + 4}" font-size="11" text-anchor="end" fill="#222">${n(t.depth_m, 1)}</text>`),
    ...p.chainageTicks.map((t) => `<line x1="${t.x}" x2="${t.x}" y1="${plot.bottom}" y2="${plot.bottom + 4}" stroke="#333"/><text class="chainage-tick" x="${t.x}" y="${plot.bottom + 15}" font-size="11" text-anchor="middle" fill="#222">${n(t.chainage_m, 0)}</text>`),
    `<text x="${plot.right}" y="${plot.bottom + 27}" font-size="11" text-anchor="end" fill="#222">${escape(labels.chainage)}</text>`,
    `<text x="4" y="${plot.top - 4}" font-size="11" fill="#222">${escape(labels.depth)}</text>`,
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.top}" y2="${plot.top}" stroke="#333" stroke-width="1.5"/>`,
    `<g class="trench"><rect x="${trench.x}" y="${trench.yTop}" width="${trench.width}" height="${Math.max(2, trench.yBottom - trench.yTop)}" fill="#ffd54f" fill-opacity="0.55" stroke="#7a5c00"/>`,
    `<line class="trench-bottom" x1="${trench.x}" x2="${trench.x + trench.width}" y1="${trench.yBottom}" y2="${trench.yBottom}" stroke="#7a5c00" stroke-width="2"/>`,
    `<text x="${trench.x + trench.width - 4}" y="${trench.yBottom + 12}" font-size="11" text-anchor="end" fill="#5a4300">${escape(labels.trenchBottom)} ${n(trench.bottom_m, 2)} m</text></g>`,
    ...p.crossings.map((c) => {
      const assumed = c.depthSource === 'assumed';
      const box = c.box ? `<rect class="clearance" x="${c.box.x}" y="${c.box.y}" width="${c.box.width}" height="${c.box.height}" fill="${c.colour}" fill-opacity="0.12" stroke="${c.colour}" stroke-width="1.5"/>` : '';
      const asset = `<circle cx="${c.x}" cy="${c.cy}" r="${c.r}" fill="${assumed ? 'url(#assumed-hatch)' : '#444'}" stroke="${assumed ? '#444' : '#111'}" stroke-width="1.5"${assumed ? ' stroke-dasharray="3 2"' : ''}/>`;
      const leader = `<polyline points="${c.x},${(c.box?.y ?? c.cy - c.r) - 1} ${c.x},${plot.top} ${c.labelX},${plot.top - 6}" fill="none" stroke="#888" stroke-width="0.75"/>`;
      const text = `<text class="label" x="${c.labelX + 4}" y="${plot.top - 9}" font-size="11" fill="#111" transform="rotate(-90 ${c.labelX + 4} ${plot.top - 9})">${escape(c.label)}</text>`;
      const tip = `${c.label} (${assumed ? labels.assumed : labels.measured}), ${c.owner}`;
      return `<g class="crossing ${c.depthSource} ${c.severity}" data-id="${escape(c.assetId)}" data-severity="${c.severity}" data-index="${c.index}"><title>${escape(tip)}</title>${box}${asset}${leader}${text}</g>`;
    }),
    '</svg>',
  ];
  return parts.join('');
}
