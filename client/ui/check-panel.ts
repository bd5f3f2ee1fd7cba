import type { AppState } from '../core/app-state.ts';
import { crossSection, sectionSvg } from '../core/cross-section.ts';
import { pointAtChainage } from '../../server/geo/point-at-chainage.ts';
import { drawnTrench, inputErrors, parseTrench, trenchForApi, trenchLength, trenchLine } from '../core/trench.ts';
import { TRENCH_KIND_NAMES, type Conflict, type TrenchKind } from '../core/types.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace, svgNode } from './dom.ts';
import { reportFindings, reportProfile, watchWidth } from './report-view.ts';
import { coordinateForm } from './coordinate-form.ts';

/** Draw or upload a trench, run the check, list and highlight the conflicts, and show a cross-section. */
export function checkPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'check-title' });
  const form = h('div', { class: 'form' });
  const results = h('div', { class: 'results', id: 'check-results' });
  const section = h('div', { class: 'section', id: 'cross-section' });
  element.append(form, results, section);
  const coordinates = coordinateForm(ctx);

  const renderForm = (state: AppState) => {
    const { t, store } = ctx;
    const input = state.trenchInput;
    const setInput = (patch: Partial<typeof input>) => store.set((s) => ({ trenchInput: { ...s.trenchInput, ...patch } }));
    replace(
      form,
      h('h2', { id: 'check-title' }, t('check.title')),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'draw-trench', 'aria-pressed': String(state.drawing), onclick: () => (state.drawing ? ctx.map.cancelDraw() : draw(ctx)) }, t('check.draw')),
        state.drawing ? h('button', { type: 'button', id: 'cancel-draw', onclick: () => ctx.map.cancelDraw() }, t('check.cancelDraw')) : null,
        h('label', { class: 'file' }, t('check.upload'), ' ', h('input', { type: 'file', id: 'trench-file', accept: '.geojson,.json,application/geo+json,application/json', onchange: (e: Event) => upload(ctx, e.target as HTMLInputElement) })),
      ),
      state.drawing ? h('p', { class: 'hint' }, t('check.drawHint')) : null,
      (coordinates.render(), coordinates.element),
      h('div', { class: 'row' },
        h('label', {}, t('check.kind'), ' ',
          h('select', { id: 'trench-kind', onchange: (e: Event) => setInput({ kind: (e.target as HTMLSelectElement).value as TrenchKind }) },
            TRENCH_KIND_NAMES.map((k) => h('option', { value: k, selected: k === input.kind }, t(`kind.${k}`))))),
        h('label', {}, t('check.width'), ' ', h('input', { type: 'number', id: 'trench-width', min: 0.1, max: 10, step: 0.1, value: input.width_m, onchange: (e: Event) => setInput({ width_m: Number((e.target as HTMLInputElement).value) }) })),
        h('label', {}, t('check.depth'), ' ', h('input', { type: 'number', id: 'trench-depth', min: 0.1, max: 10, step: 0.1, value: input.depth_m, onchange: (e: Event) => setInput({ depth_m: Number((e.target as HTMLInputElement).value) }) })),
      ),
      h('button', { type: 'button', id: 'run-check', class: 'primary', onclick: () => run(ctx) }, t('check.run')),
    );
  };

  const renderResults = (state: AppState) => {
    const report = state.check?.report;
    if (!report) return replace(results);
    const options = { t: ctx.t, language: state.language, focus: state.focus, onChoose: (c: Conflict, index: number) => choose(ctx, c, index) };
    replace(results, ...reportFindings(report, options), reportProfile(report, state.trenchInput, results.clientWidth || element.clientWidth || 720, options));
  };

  watchWidth(results, () => renderResults(ctx.store.get()));

  const renderSection = (state: AppState, keepSlider = false) => {
    const { t } = ctx;
    if (!state.trench || state.trench.geometry.type !== 'LineString') return replace(section);
    const length = Math.floor(trenchLength(state.trench));
    const at = Math.min(length, Math.max(0, state.sectionChainage ?? Math.round(length / 2)));
    const line = trenchLine(state.trench);
    const point = pointAtChainage(line, at).point;
    const model = crossSection(line, { ...state.trench.properties, ...state.trenchInput }, at, ctx.map.assetsNear(point, 10), { halfSpan_m: 6, assumedCover: state.rules?.check.assumedCover ?? [] });
    ctx.map.showTrench(state.trench.geometry, point);
    const drawing = svgNode(sectionSvg(model, { title: t('check.sectionTitle', { chainage: at }), measured: t('check.measuredDepth'), assumed: t('check.assumedDepth'), language: state.language }));
    const slider = section.querySelector<HTMLInputElement>('#section-chainage');
    if (keepSlider && slider) {
      slider.setAttribute('aria-valuetext', `${at} m`);
      section.querySelector('#section-at')?.replaceChildren(` ${at} m`);
      section.querySelector('svg')?.replaceWith(drawing);
      return;
    }
    replace(
      section,
      h('label', {}, t('check.section'), ' ',
        h('input', { type: 'range', id: 'section-chainage', min: 0, max: length, step: 1, value: at, 'aria-valuetext': `${at} m`, oninput: (e: Event) => ctx.store.set({ sectionChainage: Number((e.target as HTMLInputElement).value) }) }),
        h('span', { id: 'section-at' }, ` ${at} m`)),
      drawing,
    );
  };

  return {
    element,
    update(state, previous) {
      if (state.drawing && previous && state.tab !== previous.tab) ctx.map.cancelDraw();
      const lang = !previous || state.language !== previous.language;
      if (lang || state.drawing !== previous?.drawing) renderForm(state);
      else if (state.trenchInput !== previous?.trenchInput) syncInputs(form, state);
      if (lang || state.check !== previous?.check || state.focus !== previous?.focus) renderResults(state);
      if (lang || state.check !== previous?.check || state.focus !== previous?.focus) keepRowFocus(results, state.focus);
      if (lang || state.trench !== previous?.trench || state.check !== previous?.check || state.trenchInput !== previous?.trenchInput) renderSection(state);
      // Only the drawing and the marker: rebuilding the slider under a drag or an arrow key would drop both.
      else if (state.sectionChainage !== previous?.sectionChainage) renderSection(state, true);
    },
  };
}

/**
 * After the conflict list is rebuilt (a row chosen with Enter re-renders it), the chosen row has the focus again
 * rather than the page: a keyboard user goes on from where they were.
 */
function keepRowFocus(results: HTMLElement, focus: number | null) {
  if (focus === null || document.activeElement !== document.body) return;
  results.querySelectorAll<HTMLElement>('tbody tr')[focus]?.focus();
}

/** Shows values set from elsewhere (an uploaded file) without rebuilding the form under the user's focus. */
function syncInputs(form: HTMLElement, state: AppState) {
  const set = (id: string, value: string) => {
    const input = form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`);
    if (input && input.value !== value) input.value = value;
  };
  set('trench-kind', state.trenchInput.kind);
  set('trench-width', String(state.trenchInput.width_m));
  set('trench-depth', String(state.trenchInput.depth_m));
}

/** Kept here for what imported them from the Check tab before the report view was shared with the routes. */
export { chainage, unknownGround } from './report-view.ts';

async function draw(ctx: Context) {
  const before = ctx.store.get();
  ctx.store.set({ drawing: true, check: null, focus: null });
  // Escape cancels, as in every drawing program; so does the cancel button or leaving the tab.
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') ctx.map.cancelDraw(); };
  document.addEventListener('keydown', onKey);
  const coordinates = await ctx.map.drawLine();
  document.removeEventListener('keydown', onKey);
  if (!coordinates) {
    // Cancelled: the trench and report from before the drawing come back.
    ctx.store.set({ drawing: false, check: before.check, focus: before.focus });
    ctx.map.showTrench(before.trench?.geometry ?? null);
    return;
  }
  ctx.store.set((s) => ({ drawing: false, trench: drawnTrench(coordinates, s.trenchInput), sectionChainage: null }));
}

async function upload(ctx: Context, input: HTMLInputElement) {
  const file = input.files?.[0];
  if (!file) return;
  const parsed = parseTrench(await file.text(), ctx.store.get().trenchInput);
  if (!parsed.ok) {
    const { reason } = parsed;
    ctx.store.set({ message: { kind: 'error', text: ctx.t('check.uploadError', { reason: ctx.t(reason.key, 'params' in reason ? reason.params : {}) }) } });
    return;
  }
  const { kind, width_m, depth_m } = parsed.feature.properties;
  ctx.store.set({ trench: parsed.feature, trenchInput: { kind, width_m, depth_m }, check: null, focus: null, sectionChainage: null, message: null });
  ctx.map.showTrench(parsed.feature.geometry);
  ctx.map.zoomToGeometry(parsed.feature.geometry);
}

async function run(ctx: Context) {
  const { trench, trenchInput } = ctx.store.get();
  if (!trench) {
    ctx.store.set({ message: { kind: 'error', text: ctx.t('check.noTrench') } });
    return;
  }
  const wrong = inputErrors(trenchInput);
  const field = { width_m: { id: 'trench-width', text: 'check.badWidth' }, depth_m: { id: 'trench-depth', text: 'check.badDepth' } } as const;
  for (const { id } of Object.values(field)) document.getElementById(id)?.removeAttribute('aria-invalid');
  if (wrong.length) {
    for (const w of wrong) document.getElementById(field[w.field].id)?.setAttribute('aria-invalid', 'true');
    const text = wrong.map((w) => ctx.t(field[w.field].text, { min: w.min, max: w.max })).join(' ');
    ctx.store.set({ message: { kind: 'error', text } });
    document.getElementById(field[wrong[0]!.field].id)?.focus();
    return;
  }
  ctx.store.set({ message: { kind: 'info', text: ctx.t('check.running') } });
  const result = await attempt(ctx, () => ctx.api.check(trenchForApi(trench, trenchInput)));
  if (result) ctx.store.set({ check: result, focus: null, message: null });
}

function choose(ctx: Context, conflict: Conflict, index: number) {
  ctx.map.zoomToGeometry(conflict.location);
  ctx.store.set({ focus: index, ...(conflict.chainage_from_m !== null ? { sectionChainage: Math.round(conflict.chainage_from_m) } : {}) });
}
