import type { AppState } from '../core/app-state.ts';
import { formatDate } from '../core/format.ts';
import { filledDates, ROUTE_DATE_FIELDS, routeDateErrors, type RouteDates } from '../core/route-dates.ts';
import { trenchForApi } from '../core/trench.ts';
import type { RouteRecord } from '../core/types.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace, table } from './dom.ts';
import { unknownGround, watchWidth } from './report-view.ts';
import { showSewerSuggestions } from './sewer-suggestions.ts';
import { renderRouteReport, reviewControls, type RouteReportActions } from './route-report.ts';

const DATE_LABELS = { preferred_start: 'routes.preferredStart', earliest_start: 'routes.earliestStart', latest_end: 'routes.latestEnd' } as const;
const DATE_IDS = { preferred_start: 'route-preferred-start', earliest_start: 'route-earliest-start', latest_end: 'route-latest-end' } as const;

/**
 * A heat company submits the trench of the Check tab as a route, with the window it wants to work in, and follows its
 * review; the municipality approves or rejects (with a reason) in the same list. Choosing a route opens its full
 * report, history and versions. The server decides who may do what; a refusal shows its reason.
 */
export function routesPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'routes-title' });
  const form = h('div', { class: 'form' });
  const list = h('div', { id: 'route-list' });
  const report = h('section', { id: 'route-report', class: 'route-report', 'aria-labelledby': 'route-report-title' });
  element.append(form, list, report);
  let loaded = false;
  let open: RouteRecord | null = null;

  const showReport = (route: RouteRecord | null) => {
    open = route;
    renderRouteReport(ctx, report, open, ctx.store.get(), actions);
    renderList(ctx.store.get());
  };

  const actions: RouteReportActions = {
    close: () => {
      const id = open?.id;
      showReport(null);
      if (id) list.querySelector<HTMLElement>(`tr[data-route="${id}"]`)?.focus();
    },
    resubmit: (route) => void resubmit(ctx, route, datesOf(form)).then((next) => { if (next) void openRoute(next); }),
    decide: (route, decision, reason) => void decide(ctx, route, decision, reason).then((done) => { if (done && open?.id === route.id) void openRoute(done); }),
  };

  /** Reads the route with its history and versions, and shows it on the map and below the list. */
  const openRoute = async (route: RouteRecord) => {
    // Read again in RD New with history and versions: a decision's answer is in WGS84 and would send the map to sea.
    const full = await attempt(ctx, () => ctx.api.route(route.id));
    if (!full) return;
    show(ctx, full);
    showReport(full);
    report.querySelector<HTMLElement>('#route-report-title')?.focus();
  };

  watchWidth(report, () => renderRouteReport(ctx, report, open, ctx.store.get(), actions));

  const renderForm = () => {
    const { t } = ctx;
    const name = h('input', { type: 'text', id: 'route-name', required: true, autocomplete: 'off', 'aria-describedby': 'route-form-error' });
    replace(
      form,
      h('h2', { id: 'routes-title' }, t('routes.title')),
      h('p', { class: 'muted' }, t('routes.useTrench')),
      h('label', {}, t('routes.name'), ' ', name),
      h('fieldset', { class: 'route-dates' },
        h('legend', {}, t('routes.dates')),
        ROUTE_DATE_FIELDS.map((f) => h('label', {}, t(DATE_LABELS[f]), ' ', h('input', { type: 'date', id: DATE_IDS[f], 'data-field': f, 'aria-describedby': 'route-form-error' })))),
      h('p', { id: 'route-form-error', class: 'field-error', 'aria-live': 'polite' }),
      h('button', { type: 'button', id: 'submit-route', class: 'primary', onclick: () => submit(ctx, form).then((ok) => ok && (name.value = '')) }, t('routes.submit')),
    );
  };

  const renderList = (state: AppState) => {
    const { t } = ctx;
    replace(
      list,
      h('h3', {}, t('routes.mine'), ' ', h('button', { type: 'button', class: 'link', onclick: () => refresh(ctx) }, t('routes.refresh'))),
      state.routes.length === 0
        ? h('p', { class: 'muted' }, t('routes.empty'))
        : h('div', { class: 'table-scroll' }, table(
            [t('routes.name'), t('info.owner'), t('routes.statusHeader'), `${t('routes.findings')} (${t('routes.findingsHelp')})`, ''],
            state.routes.map((r) => ({
              attributes: { 'data-route': r.id, 'data-status': r.status, 'aria-current': open?.id === r.id ? 'true' : null },
              cells: [
                h('span', {}, r.name, h('br'), h('small', { class: 'muted' }, formatDate(r.submitted_at, state.language))),
                r.owner,
                h('span', { class: `status ${r.status}` }, t(`routes.status.${r.status}`), r.decision_reason ? h('small', {}, ` — ${r.decision_reason}`) : null),
                r.report
                  ? h('span', { class: 'findings', title: t('routes.findingsTitle', { blocking: r.report.summary.bySeverity.blocking, total: r.report.summary.total }) },
                      `${r.report.summary.bySeverity.blocking} / ${r.report.summary.total}`,
                      unknownGround(r.report.summary) ? h('small', { class: 'unknown-ground-tag error' }, ` ${t('rule.coverage')}`) : null)
                  : '—',
                r.status === 'submitted' && state.session?.grants['routes:decide'] !== undefined ? reviewControls(ctx, r, actions) : null,
              ],
              onChoose: () => void openRoute(r),
            })),
          )),
    );
  };

  return {
    element,
    update(state, previous) {
      if (state.tab === 'routes' && !loaded) {
        loaded = true;
        void refresh(ctx);
      }
      const lang = !previous || state.language !== previous.language;
      if (lang) renderForm();
      if (lang || state.routes !== previous?.routes) renderList(state);
      if (lang && open) renderRouteReport(ctx, report, open, state, actions);
    },
  };
}

function datesOf(form: HTMLElement): RouteDates {
  const dates: RouteDates = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('.route-dates input[type=date]')) dates[input.dataset.field as keyof RouteDates] = input.value;
  return dates;
}

/**
 * The name and the window, checked in the form: a missing name or dates out of order are said in words next to the
 * fields, the field is marked and focused, and nothing is sent.
 */
function formErrors(ctx: Context, form: HTMLElement, needName: boolean): boolean {
  const error = form.querySelector('#route-form-error');
  const fields = [...form.querySelectorAll<HTMLInputElement>('#route-name, .route-dates input')];
  for (const f of fields) f.removeAttribute('aria-invalid');
  const name = form.querySelector<HTMLInputElement>('#route-name');
  const texts: string[] = [];
  let first: HTMLInputElement | null = null;
  if (needName && name && !name.value.trim()) {
    name.setAttribute('aria-invalid', 'true');
    texts.push(ctx.t('routes.nameMissing'));
    first = name;
  }
  for (const e of routeDateErrors(datesOf(form))) {
    const input = form.querySelector<HTMLInputElement>(`#${DATE_IDS[e.field]}`);
    input?.setAttribute('aria-invalid', 'true');
    const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, formatDate(v, ctx.store.get().language)]));
    texts.push(ctx.t(e.key, params));
    first ??= input;
  }
  if (error) error.textContent = texts.join(' ');
  if (texts.length === 0) return false;
  ctx.store.set({ message: { kind: 'error', text: texts.join(' ') } });
  first?.focus();
  return true;
}

async function refresh(ctx: Context) {
  const answer = await attempt(ctx, () => ctx.api.routes());
  if (answer) ctx.store.set({ routes: answer.routes });
}

async function submit(ctx: Context, form: HTMLElement): Promise<boolean> {
  const { trench, trenchInput } = ctx.store.get();
  if (formErrors(ctx, form, true)) return false;
  if (!trench) return (ctx.store.set({ message: { kind: 'error', text: ctx.t('check.noTrench') } }), false);
  const name = form.querySelector<HTMLInputElement>('#route-name')!.value.trim();
  const feature = trenchForApi(trench, trenchInput);
  const route = await attempt(ctx, () => ctx.api.submitRoute(name, { ...feature, properties: { ...feature.properties, ...filledDates(datesOf(form)) } }));
  if (!route) return false;
  ctx.store.set({ message: { kind: 'info', text: ctx.t('routes.submitted', { name }) } });
  if (route.report) ctx.store.set({ check: { id: route.id, created_at: route.submitted_at, ruleSet: route.report.ruleSet, report: route.report }, focus: null });
  await refresh(ctx);
  return true;
}

/** The trench of the Check tab as the next version of `route`, with the window of the form where one is filled in. */
async function resubmit(ctx: Context, route: RouteRecord, dates: RouteDates): Promise<RouteRecord | undefined> {
  const { trench, trenchInput } = ctx.store.get();
  const form = document.querySelector<HTMLElement>('#route-name')?.closest<HTMLElement>('.form');
  if (form && formErrors(ctx, form, false)) return undefined;
  if (!trench) return (ctx.store.set({ message: { kind: 'error', text: ctx.t('check.noTrench') } }), undefined);
  const feature = trenchForApi(trench, trenchInput);
  // A window not given again is kept from the version before, as the company set it then.
  const kept = filledDates((route.feature?.properties ?? {}) as RouteDates);
  const next = await attempt(ctx, () => ctx.api.resubmitRoute(route.id, route.version, { ...feature, properties: { ...feature.properties, ...kept, ...filledDates(dates) } }));
  if (!next) return undefined;
  ctx.store.set({ message: { kind: 'info', text: ctx.t('routes.resubmitted', { name: next.name, version: next.version }) } });
  await refresh(ctx);
  return next;
}

async function decide(ctx: Context, route: RouteRecord, decision: 'approved' | 'rejected', reason?: string): Promise<RouteRecord | undefined> {
  if (decision === 'rejected' && !reason) return (ctx.store.set({ message: { kind: 'error', text: ctx.t('routes.reasonRequired') } }), undefined);
  const done = await attempt(ctx, () => ctx.api.decide(route.id, decision, route.version, reason));
  if (!done) return undefined;
  ctx.store.set({ message: { kind: 'info', text: ctx.t('routes.decided', { status: ctx.t(`routes.status.${decision}`) }) } });
  // An approved route is a planned heat feature now: the heat layer and the layer counts show it without a reload.
  const summaries = decision === 'approved' ? await attempt(ctx, () => ctx.api.layers()) : undefined;
  if (summaries) ctx.store.set({ summaries });
  if (decision === 'approved') ctx.map.reload();
  await refresh(ctx);
  return done;
}

function show(ctx: Context, route: RouteRecord) {
  if (!route.feature) return;
  ctx.map.showTrench(route.feature.geometry);
  ctx.map.zoomToGeometry(route.feature.geometry);
  if (route.report) ctx.map.showConflicts(route.report.conflicts, null);
  void showSewerSuggestions(ctx, route);
}
