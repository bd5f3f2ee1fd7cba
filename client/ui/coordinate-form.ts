import type { Position } from 'geojson';
import { type CoordinateSystem, vertexFromInput } from '../core/coordinate-entry.ts';
import { formatFixed, formatMetres } from '../core/format.ts';
import { drawnTrench, trenchLength } from '../core/trench.ts';
import type { Context } from './context.ts';
import { h, replace } from './dom.ts';

/**
 * Drawing without a mouse: vertices typed as RD x/y or longitude/latitude, listed with a remove button each, then
 * used as the trench exactly as a drawn one. Every control is a labelled form element in Tab order; an error is
 * said next to the field it concerns (aria-describedby) as well as in the message line.
 */
export function coordinateForm(ctx: Context): { element: HTMLElement; render(): void } {
  const element = h('details', { class: 'coordinates', id: 'coordinate-entry' });
  const vertices: Position[] = [];
  let system: CoordinateSystem = 'rd';

  const render = () => {
    const { t } = ctx;
    const language = ctx.store.get().language;
    const wasOpen = element.hasAttribute('open');
    const first = h('input', { type: 'text', inputmode: 'decimal', id: 'coord-a', autocomplete: 'off', 'aria-describedby': 'coord-error' });
    const second = h('input', { type: 'text', inputmode: 'decimal', id: 'coord-b', autocomplete: 'off', 'aria-describedby': 'coord-error' });
    const error = h('p', { id: 'coord-error', class: 'field-error', 'aria-live': 'polite' });
    const add = () => {
      const entry = vertexFromInput(system, first.value, second.value, vertices);
      first.removeAttribute('aria-invalid');
      second.removeAttribute('aria-invalid');
      if (!entry.ok) {
        const text = entry.reason.key === 'coords.bad'
          ? t('coords.bad', { ...entry.reason.params, field: fieldName(entry.reason.params.field) })
          : t('coords.same');
        const wrong = entry.reason.key === 'coords.bad' && ['y', 'lat'].includes(entry.reason.params.field) ? second : first;
        wrong.setAttribute('aria-invalid', 'true');
        error.textContent = text;
        wrong.focus();
        return;
      }
      vertices.push(entry.position);
      render();
      element.querySelector<HTMLInputElement>('#coord-a')?.focus();
    };
    const fieldName = (field: 'x' | 'y' | 'lon' | 'lat') => t(field === 'x' ? 'coords.x' : field === 'y' ? 'coords.y' : field === 'lon' ? 'coords.lon' : 'coords.lat');
    const onEnter = (e: Event) => {
      if ((e as KeyboardEvent).key === 'Enter') {
        e.preventDefault();
        add();
      }
    };
    first.addEventListener('keydown', onEnter);
    second.addEventListener('keydown', onEnter);
    replace(
      element,
      h('summary', {}, t('coords.title')),
      h('p', { class: 'hint' }, t('coords.hint')),
      h('div', { class: 'row' },
        h('label', {}, t('coords.system'), ' ',
          h('select', { id: 'coord-system', onchange: (e: Event) => { system = (e.target as HTMLSelectElement).value as CoordinateSystem; render(); element.querySelector<HTMLElement>('#coord-system')?.focus(); } },
            h('option', { value: 'rd', selected: system === 'rd' }, t('coords.rd')),
            h('option', { value: 'lonlat', selected: system === 'lonlat' }, t('coords.lonlat'))))),
      h('div', { class: 'row' },
        h('label', {}, t(system === 'rd' ? 'coords.x' : 'coords.lon'), ' ', first),
        h('label', {}, t(system === 'rd' ? 'coords.y' : 'coords.lat'), ' ', second),
        h('button', { type: 'button', id: 'coord-add', onclick: add }, t('coords.add'))),
      error,
      h('p', { id: 'coord-list-title', class: 'muted' }, t('coords.list')),
      vertices.length === 0
        ? h('p', { class: 'muted', id: 'coord-list' }, t('coords.empty'))
        : h('ol', { id: 'coord-list', 'aria-labelledby': 'coord-list-title' },
            vertices.map((v, i) => h('li', {},
              `${formatFixed(v[0]!, language, 2)}, ${formatFixed(v[1]!, language, 2)} `,
              h('button', { type: 'button', class: 'link remove-vertex', 'aria-label': t('coords.remove', { n: i + 1 }), onclick: () => { vertices.splice(i, 1); render(); element.querySelector<HTMLElement>('#coord-a')?.focus(); } }, '✕')))),
      h('button', { type: 'button', id: 'coord-use', onclick: () => use() }, t('coords.use')),
    );
    if (wasOpen) element.setAttribute('open', '');
  };

  const use = () => {
    const { t } = ctx;
    if (vertices.length < 2) {
      ctx.store.set({ message: { kind: 'error', text: t('coords.tooFew', { count: vertices.length }) } });
      element.querySelector<HTMLElement>('#coord-a')?.focus();
      return;
    }
    if (ctx.store.get().drawing) ctx.map.cancelDraw();
    const trench = drawnTrench(vertices.map((v) => [...v]), ctx.store.get().trenchInput);
    ctx.store.set({ trench, check: null, focus: null, sectionChainage: null, message: { kind: 'info', text: t('coords.used', { count: vertices.length, length: formatMetres(trenchLength(trench), ctx.store.get().language, 1) }) } });
    ctx.map.showTrench(trench.geometry);
    ctx.map.zoomToGeometry(trench.geometry);
    document.getElementById('run-check')?.focus();
  };

  return { element, render };
}
