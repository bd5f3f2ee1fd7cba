import type { AppState } from '../core/app-state.ts';
import { formatNumber, percent } from '../core/format.ts';
import type { ImportResult } from '../core/types.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace } from './dom.ts';

/** Upload a KLIC delivery (or a register) with upload progress, then the import report. */
export function importPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'import-title' });
  const head = h('div', {});
  const progress = h('div', { id: 'import-progress', 'aria-live': 'polite' });
  const report = h('div', { id: 'import-report' });
  element.append(head, progress, report);
  let last: ImportResult | null = null;

  const renderHead = () => {
    const { t } = ctx;
    replace(
      head,
      h('h2', { id: 'import-title' }, t('import.title')),
      h('p', { class: 'muted' }, t('import.hint')),
      h('label', { class: 'file' }, t('import.choose'), ' ', h('input', { type: 'file', id: 'import-file', accept: '.zip,.xml,.gml,.geojson,.json,.rib', onchange: (e: Event) => {
        const file = (e.target as HTMLInputElement).files?.[0];
        if (file) void importFile(ctx, file).then((r) => r && ((last = r), renderReport(ctx.store.get())));
      } })),
    );
  };
  const renderProgress = (state: AppState) => {
    const { t } = ctx;
    const u = state.upload;
    if (!u) return replace(progress);
    replace(progress, h('progress', { max: 100, value: u.percent, 'aria-label': u.file }), ' ', u.phase === 'uploading' ? t('import.uploading', { percent: u.percent }) : t('import.processing'));
  };
  const renderReport = (state: AppState) => {
    const { t } = ctx;
    if (!last) return replace(report);
    const total = Object.values(last.counts).reduce((a, b) => a + (b ?? 0), 0);
    replace(
      report,
      h('p', { id: 'import-done', role: 'status' }, t('import.done', { file: last.file, total: formatNumber(total, state.language) })),
      h('table', { class: 'properties' }, h('tbody', {}, Object.entries(last.counts).map(([layer, n]) => h('tr', { 'data-layer': layer }, h('th', { scope: 'row' }, t(`layer.${layer}` as never)), h('td', {}, formatNumber(n ?? 0, state.language)))))),
      h('p', {}, t('import.skipped', { count: last.skipped.length }), '; ', t('import.warnings', { count: last.warnings.length })),
      last.coverage ? h('p', { id: 'import-coverage' }, t('import.coverage', { areas: last.coverage.areas, precautions: last.coverage.precautions })) : null,
      last.warnings.length ? h('ul', { class: 'warnings' }, last.warnings.slice(0, 10).map((w) => h('li', {}, `${w.id}: ${w.reason}`))) : null,
    );
  };

  ctx.store.subscribe((state, previous) => {
    if (state.upload !== previous.upload) renderProgress(state);
  });
  dropOnMap(ctx, (r) => {
    last = r;
    renderReport(ctx.store.get());
  });
  return {
    element,
    update(state, previous) {
      if (!previous || state.language !== previous.language) {
        renderHead();
        renderReport(state);
      }
    },
  };
}

async function importFile(ctx: Context, file: File): Promise<ImportResult | undefined> {
  ctx.store.set({ tab: 'import', upload: { file: file.name, percent: 0, phase: 'uploading' }, message: null });
  const result = await attempt(ctx, () =>
    ctx.api.importFile(file, file.name, (p) => {
      const done = percent(p.loaded, p.total);
      ctx.store.set({ upload: { file: file.name, percent: done, phase: done >= 100 ? 'processing' : 'uploading' } });
    }),
  );
  ctx.store.set({ upload: null });
  if (!result) return undefined;
  const summaries = await attempt(ctx, () => ctx.api.layers());
  if (summaries) ctx.store.set({ summaries });
  ctx.map.reload();
  return result;
}

/** Dropping a file anywhere on the map imports it. */
function dropOnMap(ctx: Context, done: (r: ImportResult) => void) {
  const target = document.getElementById('map');
  if (!target) return;
  const over = (on: boolean) => target.classList.toggle('drop-target', on);
  target.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    over(true);
  });
  target.addEventListener('dragleave', () => over(false));
  target.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    over(false);
    if (!file) return;
    e.preventDefault();
    void importFile(ctx, file).then((r) => r && done(r));
  });
}
