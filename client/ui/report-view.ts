import { formatFixed, formatMetres } from '../core/format.ts';
import { isTextKey, type Language, type Translate } from '../core/i18n.ts';
import { longitudinalProfile } from '../core/profile.ts';
import { SEVERITY_COLOURS } from '../core/styles.ts';
import type { CheckReport, Conflict, LayerName } from '../core/types.ts';
import { explanationOf } from '../../server/messages/report.ts';
import { h, svgNode, table } from './dom.ts';
import { profileSvg } from './profile-svg.ts';

/**
 * A check report as the Check tab and a route's review both show it: the coverage banner, the summary, the findings
 * table (rule, asset and owner, measured and required distance, chainage, the explanation in the reader's language)
 * and the longitudinal profile. One module, so a route under review reads exactly as the check its company saw.
 */
export interface ReportViewOptions {
  t: Translate;
  language: Language;
  /** The finding chosen, highlighted in the table. */
  focus?: number | null;
  onChoose?: (conflict: Conflict, index: number) => void;
  /** Prefix for element ids, so two reports on one page keep theirs apart. */
  idPrefix?: string;
}

/** Banner, summary and findings table. */
export function reportFindings(report: CheckReport, { t, language, focus = null, onChoose, idPrefix = 'check' }: ReportViewOptions): HTMLElement[] {
  const s = report.summary.bySeverity;
  const unknown = unknownGround(report.summary);
  const parts: (HTMLElement | null)[] = [
    unknown
      ? h('div', { id: idPrefix === 'check' ? 'unknown-ground' : `${idPrefix}-unknown-ground`, class: 'banner unknown-ground', role: 'alert' },
          t('check.unknownGround', { outside_m: formatMetres(unknown.outside_m, language), layers: unknown.layers.map((l) => t(`layer.${l}`).toLowerCase()) }))
      : null,
    h('p', { id: `${idPrefix}-summary`, role: 'status' }, t('check.summary', { total: report.summary.total, blocking: s.blocking, warning: s.warning, info: s.info })),
    report.conflicts.length === 0
      // Where part of the trench is unknown ground an empty list is no all-clear: never "no conflicts" then.
      ? h('p', {}, t(unknown ? 'check.unknownGroundNone' : 'check.none'))
      // A phone is narrower than six columns: the table scrolls on its own rather than the whole panel sideways.
      : h('div', { class: 'table-scroll' }, table(
          [t('check.severity'), t('check.rule'), t('check.asset'), t('check.measured'), t('check.required'), t('check.chainage')],
          report.conflicts.map((c, index) => ({
            className: `severity-${c.severity}${focus === index ? ' focused' : ''}`,
            attributes: { 'data-rule': c.rule, 'data-asset': c.assetId, 'data-severity': c.severity, 'data-code': c.message?.code ?? null },
            cells: [
              h('span', { class: `badge ${c.severity}` }, t(`severity.${c.severity}`)),
              isTextKey(`rule.${c.rule}`) ? t(`rule.${c.rule}` as never) : c.rule,
              // Rendered here from the code, so switching the interface language re-renders it without a refetch.
              h('span', {}, c.assetId ? `${c.assetId} (${c.owner})` : (c.layers ?? [c.layer]).map((l) => t(`layer.${l}`)).join(', '), h('br'), h('small', { class: 'explanation' }, explanationOf(c, language))),
              formatMetres(c.measured_m, language),
              formatMetres(c.required_m, language),
              chainage(c, language),
            ],
            ...(onChoose ? { onChoose: () => onChoose(c, index) } : {}),
          })),
        )),
  ];
  return parts.filter((e): e is HTMLElement => e !== null);
}

/**
 * The longitudinal profile with its legend, or null when the trench crosses nothing (a parallel run has no
 * crossing to draw; the cross-section shows it). `width_px` is the room there is, so labels keep their size.
 */
export function reportProfile(report: CheckReport, trench: { depth_m: number }, width_px: number, { t, language, idPrefix = 'check' }: ReportViewOptions): HTMLElement | null {
  const model = longitudinalProfile(report, trench, { width_px: Math.round(Math.max(340, Math.min(960, width_px))), language });
  if (model.crossings.length === 0) return null;
  const title = t('profile.title', { count: model.crossings.length, length: formatFixed(model.length_m, language, 1) });
  const swatch = (inner: string) => svgNode(`<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${inner}</svg>`);
  const box = (colour: string) => swatch(`<rect x="1" y="1" width="12" height="12" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-width="1.5"/>`);
  return h('figure', { class: 'profile', id: `${idPrefix}-profile` },
    h('figcaption', {}, title),
    svgNode(profileSvg(model, {
      title,
      chainage: t('profile.chainageAxis'),
      depth: t('profile.depthAxis'),
      measured: t('check.measuredDepth'),
      assumed: t('check.assumedDepth'),
      trenchBottom: t('profile.trenchBottom'),
      language,
    })),
    h('ul', { class: 'profile-legend' },
      h('li', {}, swatch('<circle cx="7" cy="7" r="5" fill="#444"/>'), ' ', t('check.measuredDepth')),
      h('li', {}, swatch('<circle cx="7" cy="7" r="5" fill="none" stroke="#444" stroke-dasharray="3 2"/><line x1="3" y1="11" x2="11" y2="3" stroke="#555"/>'), ' ', `${t('check.assumedDepth')} (*)`),
      h('li', {}, swatch('<rect x="1" y="4" width="12" height="6" fill="#ffd54f" fill-opacity="0.55" stroke="#7a5c00"/>'), ' ', t('profile.trench')),
      (['blocking', 'warning', 'info'] as const).map((s) => h('li', {}, box(SEVERITY_COLOURS[s]), ' ', t('profile.clearance', { severity: t(`severity.${s}`) })))),
  );
}

/**
 * Calls `rerender` when `element` gets noticeably wider or narrower (a phone turned, a window resized), so the profile
 * is drawn for the room there is and its labels keep their size instead of being scaled down to unreadable.
 */
export function watchWidth(element: HTMLElement, rerender: () => void): void {
  if (typeof ResizeObserver === 'undefined') return;
  let last = element.clientWidth;
  new ResizeObserver(() => {
    const width = element.clientWidth;
    // A hidden tab measures 0: nothing to draw for until it is shown again.
    if (width === 0 || Math.abs(width - last) < 24) return;
    last = width;
    rerender();
  }).observe(element);
}

/**
 * The part of the trench outside coverage: the largest length over the layers and which layers; undefined when the
 * trench is covered (or the report predates coverage).
 */
export function unknownGround(summary: CheckReport['summary']): { outside_m: number; layers: LayerName[] } | undefined {
  const outside = Object.entries(summary.outsideCoverage_m ?? {}).filter(([, m]) => (m ?? 0) > 0) as [LayerName, number][];
  if (!summary.coverage || summary.coverage === 'complete' || outside.length === 0) return undefined;
  return { outside_m: Math.max(...outside.map(([, m]) => m)), layers: outside.map(([l]) => l) };
}

/** Chainage along the trench in the reader's numbers, "14,4–22,0 m" beside "5,60 m" rather than "14.4–22.0". */
export const chainage = (c: Pick<Conflict, 'chainage_from_m' | 'chainage_to_m'>, language: Language) =>
  c.chainage_from_m === null ? '—'
  : c.chainage_to_m !== null && c.chainage_to_m !== c.chainage_from_m ? `${formatFixed(c.chainage_from_m, language, 1)}–${formatMetres(c.chainage_to_m, language, 1)}`
  : formatMetres(c.chainage_from_m, language, 1);
