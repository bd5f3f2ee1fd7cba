import { type AppState, may } from '../core/app-state.ts';
import { formatDate } from '../core/format.ts';
import type { Conflict, RouteRecord } from '../core/types.ts';
import type { Context } from './context.ts';
import { h, replace } from './dom.ts';
import { reportFindings, reportProfile } from './report-view.ts';

export interface RouteReportActions {
  close(): void;
  resubmit(route: RouteRecord): void;
  decide(route: RouteRecord, decision: 'approved' | 'rejected', reason?: string): void;
}

/**
 * One route as its reviewer and its company read it: the same findings table and longitudinal profile as the Check
 * tab (rule, distances, owner, chainage, explanation), the decision controls or the resubmit button where the role
 * has them, the history of submissions and decisions, and every version with what its check found.
 */
export function renderRouteReport(ctx: Context, target: HTMLElement, route: RouteRecord | null, state: AppState, actions: RouteReportActions): void {
  if (!route) return replace(target);
  const { t } = ctx;
  const language = state.language;
  const options = { t, language, idPrefix: 'route', onChoose: (c: Conflict, index: number) => choose(ctx, route, c, index) };
  const canResubmit = route.status !== 'approved' && may(state, 'routes:submit');
  const canDecide = route.status === 'submitted' && may(state, 'routes:decide');
  const stamp = (at: string) => `${formatDate(at, language)} ${at.slice(11, 16)}`;
  replace(
    target,
    h('div', { class: 'route-report-head' },
      h('h3', { id: 'route-report-title', tabindex: -1 }, t('routes.report', { name: route.name, version: route.version }), ' ',
        h('span', { class: `status ${route.status}` }, t(`routes.status.${route.status}`))),
      h('button', { type: 'button', class: 'link', id: 'close-route-report', onclick: () => actions.close() }, t('routes.close'))),
    route.decision_reason ? h('p', { class: 'decision-reason' }, t('routes.eventReason', { reason: route.decision_reason })) : null,
    canDecide ? reviewControls(ctx, route, actions) : null,
    canResubmit
      ? h('p', { class: 'row' },
          h('button', { type: 'button', id: 'resubmit-route', onclick: () => actions.resubmit(route) }, t('routes.resubmit')), ' ',
          h('small', { class: 'muted' }, t('routes.resubmitHint', { name: route.name })))
      : null,
    route.report ? reportFindings(route.report, options) : null,
    route.report && route.feature ? reportProfile(route.report, { depth_m: Number(route.feature.properties.depth_m) || 0 }, target.clientWidth || 720, options) : null,
    route.history?.length
      ? h('div', { class: 'route-history' },
          h('h4', { id: 'route-history-title' }, t('routes.history')),
          h('ol', { 'aria-labelledby': 'route-history-title' },
            route.history.map((e) => h('li', { 'data-event': e.event, 'data-version': e.version },
              t('routes.event', { at: stamp(e.at), version: e.version, event: t(`routes.status.${e.event as RouteRecord['status']}`), actor: e.actor ?? '—' }),
              e.reason ? h('span', {}, ` — ${t('routes.eventReason', { reason: e.reason })}`) : null))))
      : null,
    route.versions?.length
      ? h('div', { class: 'route-versions' },
          h('h4', { id: 'route-versions-title' }, t('routes.versions')),
          h('ul', { 'aria-labelledby': 'route-versions-title' },
            route.versions.map((v) => h('li', { 'data-version': v.version },
              t('routes.version', { at: stamp(v.submitted_at), version: v.version, blocking: v.summary?.bySeverity.blocking ?? '—', total: v.summary?.total ?? '—' }),
              v.version === route.version ? ` ${t('routes.current')}` : null))))
      : null,
  );
}

/** Approve, or reject with a reason; clicks and keys in the reason stay out of the row that would open the report. */
export function reviewControls(ctx: Context, route: RouteRecord, actions: Pick<RouteReportActions, 'decide'>): HTMLElement {
  const { t } = ctx;
  const reason = h('input', { type: 'text', class: 'reason', 'aria-label': t('routes.reason'), placeholder: t('routes.reason') });
  const stop = (e: Event) => e.stopPropagation();
  reason.addEventListener('click', stop);
  reason.addEventListener('keydown', stop);
  return h(
    'div',
    { class: 'review' },
    h('button', { type: 'button', class: 'approve', onclick: (e: Event) => (stop(e), actions.decide(route, 'approved')) }, t('routes.approve')),
    reason,
    h('button', { type: 'button', class: 'reject', onclick: (e: Event) => (stop(e), actions.decide(route, 'rejected', reason.value.trim())) }, t('routes.reject')),
  );
}

function choose(ctx: Context, route: RouteRecord, conflict: Conflict, index: number) {
  ctx.map.zoomToGeometry(conflict.location);
  if (route.report) ctx.map.showConflicts(route.report.conflicts, index);
}
