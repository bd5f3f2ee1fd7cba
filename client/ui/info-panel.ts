import type { AppState } from '../core/app-state.ts';
import { assumedCoverFor } from '../../server/domain/assets/assumed-cover.ts';
import { isLayerName } from '../../server/domain/assets/layers.ts';
import { formatMetres, formatValue } from '../core/format.ts';
import { reservationFacts } from '../core/reservation-info.ts';
import type { Context, Panel } from './context.ts';
import { h, replace } from './dom.ts';

/**
 * Everything known about the clicked feature: owner, depth and where the depth came from, for a reservation what it
 * keeps space for, for whom, when and from which source, then every property.
 */
export function infoPanel(ctx: Context): Panel {
  const element = h('section', { class: 'info', id: 'feature-info', 'aria-live': 'polite', 'aria-labelledby': 'info-title' });
  const render = (state: AppState) => {
    const { t } = ctx;
    const selected = state.selected;
    if (!selected) {
      replace(element, h('h2', { id: 'info-title' }, t('info.title')), h('p', { class: 'muted' }, t('info.none')));
      return;
    }
    const p = selected.properties;
    const { geometry: _g, ...rest } = p as Record<string, unknown>;
    replace(
      element,
      h('h2', { id: 'info-title' }, t('info.title'), ' ', h('button', { type: 'button', class: 'link', onclick: () => ctx.store.set({ selected: null }) }, t('info.close'))),
      h(
        'dl',
        {},
        h('dt', {}, t('info.layer')), h('dd', {}, t(`layer.${selected.layer}`)),
        h('dt', {}, 'id'), h('dd', {}, selected.id),
        h('dt', {}, t('info.owner')), h('dd', {}, formatValue(p.owner)),
        h('dt', {}, t('info.depth')), h('dd', {}, typeof p.depth_m === 'number' ? formatMetres(p.depth_m, state.language) : '—'),
        h('dt', {}, t('info.depthSource')), h('dd', { 'data-depth-source': '' }, depthSource(ctx, state, selected.layer, p)),
        selected.layer === 'reservations' ? reservationFacts(p, t, state.language).flatMap(([label, value]) => [h('dt', {}, label), h('dd', { 'data-reservation': '' }, value)]) : [],
      ),
      h('table', { class: 'properties' }, h('tbody', {}, Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, formatValue(v)))))),
    );
  };
  return {
    element,
    update(state, previous) {
      if (!previous || state.selected !== previous.selected || state.language !== previous.language) render(state);
    },
  };
}

function depthSource(ctx: Context, state: AppState, layer: string, p: Record<string, unknown>): string {
  const { t } = ctx;
  if (p.depth_source === 'standard') return t('info.depthStandard');
  // A reservation's depth is the top of the band it keeps (a profile's), not a measured object.
  if (layer === 'reservations') return '—';
  if (typeof p.depth_m === 'number') return t('info.depthMeasured');
  if (layer === 'trees' || layer === 'stations' || layer === 'streets') return '—';
  const assumed = isLayerName(layer) ? assumedCoverFor(layer, p, state.rules?.check.assumedCover ?? [])?.depth_m : undefined;
  return assumed === undefined ? t('info.depthUnknown') : t('info.depthAssumed', { depth: formatMetres(assumed, state.language) });
}
