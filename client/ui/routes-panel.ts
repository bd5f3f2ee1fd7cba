import { type AppState, may } from '../core/app-state.ts';
import { formatDate } from '../core/format.ts';
import { trenchForApi } from '../core/trench.ts';
import type { RouteRecord } from '../core/types.ts';
import { unknownGround } from './check-panel.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace, table } from './dom.ts';
import { showSewerSuggestions } from './sewer-suggestions.ts';

/**
 * A heat company submits the trench of the Check tab as a route and follows its review; the municipality approves
 * or rejects (with a reason) in the same list. The server decides who may do what; a refusal shows its reason.
 */
export function routesPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'routes-title' });
  const form = h('div', { class: 'form' });
  const list = h('div', { id: 'route-list' });
  element.append(form, list);
  let loaded = false;

  const renderForm = () => {
    const { t } = ctx;
    const name = h('input', { type: 'text', id: 'route-name', required: true, autocomplete: 'off' });
    replace(
      form,
      h('h2', { id: 'routes-title' }, t('routes.title')),
      h('p', { class: 'muted' }, t('routes.useTrench')),
      h('label', {}, t('routes.name'), ' ', name),
      h('button', { type: 'button', id: 'submit-route', class: 'primary', onclick: () => submit(ctx, name.value.trim()).then(() => (name.value = '')) }, t('routes.submit')),
    );
  };

  const renderList = (state: AppState) => {
    const { t } = ctx;
    replace(
      list,
      h('h3', {}, t('routes.mine'), ' ', h('button', { type: 'button', class: 'link', onclick: () => refresh(ctx) }, t('routes.refresh'))),
      state.routes.length === 0
        ? h('p', { class: 'muted' }, t('routes.empty'))
        : table(
            [t('routes.name'), t('info.owner'), 'Status', t('check.summary', { total: '', blocking: '', warning: '', info: '' }).split(':')[0]!, ''],
            state.routes.map((r) => ({
              attributes: { 'data-route': r.id, 'data-status': r.status },
              cells: [
                h('span', {}, r.name, h('br'), h('small', { class: 'muted' }, formatDate(r.submitted_at, state.language))),
                r.owner,
                h('span', { class: `status ${r.status}` }, t(`routes.status.${r.status}`), r.decision_reason ? h('small', {}, ` — ${r.decision_reason}`) : null),
                r.report
                  ? h('span', {}, `${r.report.summary.bySeverity.blocking} / ${r.report.summary.total}`,
                      unknownGround(r.report.summary) ? h('small', { class: 'unknown-ground-tag error' }, ` ${t('rule.coverage')}`) : null)
                  : '—',
                r.status === 'submitted' && may(state, 'routes:decide') ? review(ctx, r) : null,
              ],
              onChoose: () => show(ctx, r),
            })),
          ),
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
    },
  };
}

function review(ctx: Context, route: RouteRecord) {
  const { t } = ctx;
  const reason = h('input', { type: 'text', class: 'reason', 'aria-label': t('routes.reason'), placeholder: t('routes.reason') });
  const stop = (e: Event) => e.stopPropagation();
  reason.addEventListener('click', stop);
  reason.addEventListener('keydown', stop);
  return h(
    'div',
    { class: 'review' },
    h('button', { type: 'button', class: 'approve', onclick: (e: Event) => (stop(e), decide(ctx, route, 'approved')) }, t('routes.approve')),
    reason,
    h('button', { type: 'button', class: 'reject', onclick: (e: Event) => (stop(e), decide(ctx, route, 'rejected', reason.value.trim())) }, t('routes.reject')),
  );
}

async function refresh(ctx: Context) {
  const answer = await attempt(ctx, () => ctx.api.routes());
  if (answer) ctx.store.set({ routes: answer.routes });
}

async function submit(ctx: Context, name: string) {
  const { trench, trenchInput } = ctx.store.get();
  if (!trench) return ctx.store.set({ message: { kind: 'error', text: ctx.t('check.noTrench') } });
  if (!name) return ctx.store.set({ message: { kind: 'error', text: ctx.t('routes.name') } });
  const route = await attempt(ctx, () => ctx.api.submitRoute(name, trenchForApi(trench, trenchInput)));
  if (!route) return;
  ctx.store.set({ message: { kind: 'info', text: ctx.t('routes.submitted', { name }) } });
  if (route.report) ctx.store.set({ check: { id: route.id, created_at: route.submitted_at, ruleSet: route.report.ruleSet, report: route.report }, focus: null });
  await refresh(ctx);
}

async function decide(ctx: Context, route: RouteRecord, decision: 'approved' | 'rejected', reason?: string) {
  if (decision === 'rejected' && !reason) return ctx.store.set({ message: { kind: 'error', text: ctx.t('routes.reasonRequired') } });
  const done = await attempt(ctx, () => ctx.api.decide(route.id, decision, route.version, reason));
  if (!done) return;
  ctx.store.set({ message: { kind: 'info', text: ctx.t('routes.decided', { status: ctx.t(`routes.status.${decision}`) }) } });
  await refresh(ctx);
}

function show(ctx: Context, route: RouteRecord) {
  if (!route.feature) return;
  ctx.map.showTrench(route.feature.geometry);
  ctx.map.zoomToGeometry(route.feature.geometry);
  if (route.report) ctx.map.showConflicts(route.report.conflicts, null);
  void showSewerSuggestions(ctx, route);
}
