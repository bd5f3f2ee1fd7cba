import type { AppState } from '../core/app-state.ts';
import type { SpaceQuery } from '../core/api.ts';
import { spaceLegend, segmentLines, type SpaceAnswer, type SpaceSegmentProperties } from '../core/space.ts';
import { spaceLayer } from '../map/space-layer.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace } from './dom.ts';

const KINDS = ['heat', 'water', 'gas', 'cables', 'sewer'] as const;

/**
 * The Ruimte tab: kind and trench width (a twin heat pipe of 0.9 m by default), scan the streets in view, see each
 * segment as fits / tight / does not fit / unknown with a legend, click one for its narrowest point and what takes
 * the space, and export the scan as CSV or GeoJSON.
 */
export function spacePanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'space-title' });
  const form = h('form', { id: 'space-form' });
  const result = h('div', { id: 'space-result' });
  const detail = h('div', { id: 'space-detail', role: 'status', 'aria-live': 'polite' });
  element.append(form, result, detail);
  let layer: ReturnType<typeof spaceLayer> | null = null;
  let kind = 'heat';
  let width = 0.9;
  let answer: SpaceAnswer | null = null;
  let chosen: string | null = null;
  let busy = false;

  const query = (): SpaceQuery | null => {
    const extent = ctx.map.map.getView().calculateExtent(ctx.map.map.getSize());
    const bbox = extent.map((n) => Math.round(n)) as [number, number, number, number];
    return { kind, width_m: width, bbox, lang: ctx.store.get().language };
  };
  const scan = async () => {
    const q = query();
    if (!q) return;
    busy = true;
    renderResult();
    const got = await attempt(ctx, () => ctx.api.space(q));
    busy = false;
    answer = got ?? answer;
    chosen = null;
    layer ??= spaceLayer(ctx.map, (id) => { chosen = id; layer?.choose(id); renderDetail(ctx.store.get()); });
    layer.show(answer);
    layer.choose(null);
    renderResult();
    renderDetail(ctx.store.get());
  };
  const download = async (format: 'csv' | 'geojson') => {
    const q = query();
    if (!q) return;
    const file = await attempt(ctx, () => ctx.api.spaceFile(q, format));
    if (!file) return;
    const url = URL.createObjectURL(file.blob);
    const a = h('a', { href: url, download: file.filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const renderForm = () => {
    const { t } = ctx;
    replace(
      form,
      h('h2', { id: 'space-title' }, t('space.ui.title')),
      h('label', {}, t('space.ui.kind'), ' ', h('select', { id: 'space-kind', onchange: (e: Event) => (kind = (e.target as HTMLSelectElement).value) },
        KINDS.map((k) => h('option', { value: k, selected: k === kind }, t(`kind.${k}`))))),
      ' ',
      h('label', {}, t('space.ui.width'), ' ', h('input', { id: 'space-width', type: 'number', min: 0.05, max: 10, step: 0.05, value: width, onchange: (e: Event) => (width = Number((e.target as HTMLInputElement).value)) })),
      ' ',
      h('button', { type: 'submit', id: 'space-scan', class: 'primary' }, t('space.ui.scan')),
    );
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void scan();
  });

  const renderResult = () => {
    const { t } = ctx;
    if (busy) return replace(result, h('p', { role: 'status' }, t('space.ui.scanning')));
    if (!answer) return replace(result);
    const s = answer.summary;
    replace(
      result,
      h('p', { id: 'space-summary' }, t('space.ui.summary', { fits: s.fits, tight: s.tight, no: s['does-not-fit'], unknown: s.unknown })),
      h('h3', {}, t('space.ui.legend')),
      h('ul', { class: 'legend', id: 'space-legend' },
        spaceLegend().map((entry) => h('li', { 'data-verdict': entry.verdict },
          h('span', { class: `swatch${entry.style.dash ? ' hatched' : ''}`, style: `background:${entry.style.stroke}` }), ' ', t(entry.label))),
        h('li', {}, h('span', { class: 'swatch corridor', style: 'background:#1a964133' }), ' ', t('space.ui.corridor'))),
      h('p', { class: 'exports' }, t('space.ui.export'), ' ',
        h('button', { type: 'button', 'data-export': 'csv', onclick: () => void download('csv') }, 'CSV'), ' ',
        h('button', { type: 'button', 'data-export': 'geojson', onclick: () => void download('geojson') }, 'GeoJSON')),
    );
  };
  const renderDetail = (state: AppState) => {
    const { t } = ctx;
    const feature = answer?.features.find((f) => f.properties.role === 'segment' && f.properties.segment_id === chosen);
    if (!feature) return replace(detail, answer ? h('p', { class: 'hint' }, t('space.ui.pick')) : null);
    const p = feature.properties as SpaceSegmentProperties;
    const lines = segmentLines(p, t, state.language);
    replace(
      detail,
      h('h3', { id: 'space-chosen', 'data-verdict': p.verdict }, lines.title),
      h('p', {}, lines.narrowest),
      lines.taken.length ? h('div', {}, h('h4', {}, t('space.ui.taken')), h('ul', { id: 'space-taken' }, lines.taken.map((line) => h('li', {}, line)))) : null,
      h('p', { class: 'explanation' }, p.explanation),
    );
  };

  return {
    element,
    update(state, previous) {
      if (!previous || state.language !== previous.language) {
        renderForm();
        renderResult();
        renderDetail(state);
      }
    },
  };
}
