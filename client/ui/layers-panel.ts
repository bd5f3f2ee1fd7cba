import { fullExtent, type AppState } from '../core/app-state.ts';
import { formatNumber } from '../core/format.ts';
import { isTextKey } from '../core/i18n.ts';
import { COVERAGE_STYLE, legend, PRECAUTION_STYLE, type SymbolStyle } from '../core/styles.ts';
import { LAYER_NAMES, type LayerName } from '../core/types.ts';
import type { Context, Panel } from './context.ts';
import { h, replace } from './dom.ts';

/** Layer toggles with a legend per layer, the basemap switch and zoom to extent. */
export function layersPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'layers-title' });
  const entries = legend();
  const render = (state: AppState) => {
    const { t } = ctx;
    const all = fullExtent(state.summaries);
    replace(
      element,
      h('h2', { id: 'layers-title' }, t('tab.layers')),
      h('label', { class: 'toggle' }, h('input', { type: 'checkbox', id: 'basemap-toggle', checked: state.basemap, onchange: (e: Event) => ctx.store.set({ basemap: (e.target as HTMLInputElement).checked }) }), ' ', t('layers.basemap')),
      h('ul', { class: 'layer-list' }, LAYER_NAMES.map((name) => layerItem(ctx, state, name, entries[name]))),
      h('div', { class: 'coverage-item', 'data-layer': 'coverage' },
        h('label', { class: 'toggle' },
          h('input', { type: 'checkbox', id: 'coverage-toggle', checked: state.coverage, onchange: (e: Event) => ctx.store.set({ coverage: (e.target as HTMLInputElement).checked }) }),
          ' ', h('strong', {}, t('layers.coverage'))),
        h('ul', { class: 'legend' },
          h('li', {}, swatch(COVERAGE_STYLE), ' ', t('layers.coverageArea')),
          h('li', {}, swatch(PRECAUTION_STYLE), ' ', t('layers.precautionZone'))),
        h('p', { class: 'muted' }, t('layers.coverageHint'))),
      h('button', { type: 'button', disabled: !all, onclick: () => all && ctx.map.zoomToExtent(all) }, t('layers.zoomAll')),
    );
  };
  return {
    element,
    update(state, previous) {
      if (!previous || state.language !== previous.language || state.summaries !== previous.summaries || state.visible !== previous.visible || state.basemap !== previous.basemap || state.coverage !== previous.coverage) render(state);
    },
  };
}

function layerItem(ctx: Context, state: AppState, name: LayerName, entries: ReturnType<typeof legend>[LayerName]) {
  const { t } = ctx;
  const summary = state.summaries.find((s) => s.layer === name);
  const label = t(`layer.${name}`);
  return h(
    'li',
    { 'data-layer': name },
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        checked: state.visible[name],
        'data-layer-toggle': name,
        onchange: (e: Event) => ctx.store.set((s) => ({ visible: { ...s.visible, [name]: (e.target as HTMLInputElement).checked } })),
      }),
      ' ',
      h('strong', {}, label),
      ' ',
      h('span', { class: 'muted' }, t('layers.count', { count: formatNumber(summary?.count ?? 0, state.language) })),
    ),
    summary?.extent
      ? h('button', { type: 'button', class: 'link', 'aria-label': t('layers.zoomLayer', { layer: label }), onclick: () => ctx.map.zoomToExtent(summary.extent!, name) }, '⤢')
      : null,
    h('ul', { class: 'legend' }, entries.map((entry) => h('li', {}, swatch(entry.style), ' ', isTextKey(entry.label) ? t(entry.label) : entry.label))),
  );
}

/** A legend symbol drawn with the same rule as the map. */
export function swatch(style: SymbolStyle): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(ns, style.kind === 'line' ? 'line' : style.kind === 'point' ? 'circle' : 'rect');
  const attributes: Record<string, string | number> =
    style.kind === 'line'
      ? { x1: 2, y1: 7, x2: 26, y2: 7 }
      : style.kind === 'point'
        ? { cx: 14, cy: 7, r: Math.min(6, style.radius ?? 5) }
        : { x: 6, y: 2, width: 16, height: 10 };
  // Hatching is a canvas pattern on the map; in the legend the hatch colour at low opacity reads the same.
  const fill = style.hatch ? `${style.hatch}66` : style.fill ?? 'none';
  for (const [k, v] of Object.entries({ ...attributes, stroke: style.stroke, 'stroke-width': Math.min(style.width, 5), fill, opacity: style.opacity })) shape.setAttribute(k, String(v));
  if (style.dash) shape.setAttribute('stroke-dasharray', style.dash.join(' '));
  svg.appendChild(shape);
  return svg;
}
