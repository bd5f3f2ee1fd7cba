import type { Plan, PlanFlexibility } from '../../server/domain/plan/plan.types.ts';
import { couplingText, infeasibilityText, shiftText } from '../../server/messages/plan-text.ts';
import { type AppState, may } from '../core/app-state.ts';
import type { ExportFormat } from '../core/api.ts';
import { flexibilityChartSvg } from '../core/flexibility-chart.ts';
import { isTextKey, render } from '../core/i18n.ts';
import { formatDate } from '../core/format.ts';
import { addDays, movedWorks, openAt, periodLegend, planRange, timeline, timelineSvg, WORK_TYPE_COLOURS, workTypeName } from '../core/timeline.ts';
import type { WorkFeature } from '../core/types.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace, svgNode, table } from './dom.ts';
import type { Language } from '../core/i18n.ts';

/** The months of the what-if series, and of the plan's own flexibility to choose from (issue 14). */
const SERIES_MONTHS = [0, 3, 6, 12, 24, 60];
const EXPORTS: [ExportFormat, string][] = [['xlsx', 'XLSX'], ['csv', 'CSV'], ['ics', 'iCalendar'], ['geojson', 'GeoJSON'], ['letters.txt', '']];

/**
 * A download in the interface's language. A Dutch reader's CSV is the semicolon flavour with a byte order mark,
 * which Excel under a Dutch locale opens in columns on a double click (a comma file opens as one column there).
 */
export function exportHref(ctx: Pick<Context, 'api'>, planId: string, format: ExportFormat, language: Language): string {
  return `${ctx.api.exportUrl(planId, format)}&lang=${language}${format === 'csv' && language === 'nl' ? '&delimiter=semicolon' : ''}`;
}

/**
 * Works, the computed plan as a timeline per street segment, what moved and why, and the exports. Why a work moved
 * is rendered here from its message code, so switching the interface language re-renders it without a refetch.
 */
export function planPanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'plan-title' });
  const top = h('div', {});
  const worksBox = h('div', { id: 'works' });
  const result = h('div', { id: 'plan-result' });
  element.append(top, worksBox, result);
  let works: WorkFeature[] | null = null;
  // What the next computation asks of flexibility; kept here so a language switch redraws the controls as they were.
  const flexibility = { series: false, months: 0 };

  const renderTop = () => {
    const { t } = ctx;
    replace(
      top,
      h('h2', { id: 'plan-title' }, t('plan.title')),
      h('fieldset', { class: 'plan-flex' },
        h('legend', {}, t('plan.flex.title')),
        h('label', {}, h('input', { type: 'checkbox', id: 'plan-flex-series', checked: flexibility.series, onchange: (e: Event) => { flexibility.series = (e.target as HTMLInputElement).checked; } }), ' ', t('plan.flex.series')),
        ' ',
        h('label', {}, t('plan.flex.months'), ' ', h('select', { id: 'plan-flex-months', onchange: (e: Event) => { flexibility.months = Number((e.target as HTMLSelectElement).value); } },
          SERIES_MONTHS.map((m) => h('option', { value: m, ...(m === flexibility.months ? { selected: true } : {}) }, m === 0 ? t('plan.flex.none') : t('plan.flex.option', { months: m })))))),
      // A role that may not compute is told who does, rather than offered a button that answers 403.
      may(ctx.store.get(), 'plans:compute')
        ? h('button', { type: 'button', id: 'compute-plan', class: 'primary', onclick: () => compute(ctx, flexibility) }, t('plan.compute'))
        : h('p', { class: 'hint', id: 'plan-may-not' }, t('plan.mayNotCompute')),
    );
  };
  const renderWorks = (state: AppState) => {
    const { t } = ctx;
    // The type as the reader says it ("kabels"); a type the catalogue does not know stays as stored.
    const workType = (type: string) => { const key = `plan.work-type.${type}`; return isTextKey(key) ? t(key) : type; };
    if (!works) return replace(worksBox);
    replace(
      worksBox,
      h('details', {}, h('summary', {}, `${t('plan.works')} (${works.length})`),
        works.length === 0 ? h('p', {}, t('plan.noWorks')) : table([t('plan.column.type'), t('plan.column.owner'), t('plan.column.name'), t('plan.column.preferred-start')], works.map((w) => ({
          cells: [workType(w.properties.type), w.properties.owner, String(w.properties.name ?? w.properties.description ?? w.id), w.properties.preferred_start ? formatDate(w.properties.preferred_start, state.language) : '—'],
          onChoose: () => ctx.map.zoomToGeometry(w.geometry),
        })))),
    );
  };
  /** How good the plan is: proven optimal, its gap to the proven bound, or why the bound does not apply. */
  const gapText = ({ t }: typeof ctx, m: { lowerBound: number; windowViolations: number }, gap: number) =>
    m.windowViolations > 0 ? t('plan.gap-violations', { lowerBound: m.lowerBound, count: m.windowViolations })
    : gap === 0 ? t('plan.gap-optimal', { lowerBound: m.lowerBound })
    : t('plan.gap', { lowerBound: m.lowerBound, gap });
  const showDate = (state: AppState) => {
    const plan = state.plan?.plan;
    const range = plan && planRange(plan);
    if (!plan || !range) return;
    const date = state.sliderDate ?? range.from;
    const text = formatDate(date, state.language);
    result.querySelector('#plan-slider-date')?.replaceChildren(text);
    result.querySelector('#plan-slider')?.setAttribute('aria-valuetext', text);
    const box = result.querySelector('#plan-timeline');
    if (box) replace(box, timelineNode(plan, date, state.language));
  };
  const renderResult = (state: AppState) => {
    const { t } = ctx;
    const planned = state.plan;
    if (!planned) return replace(result);
    const { plan } = planned;
    const m = plan.metrics;
    const range = planRange(plan);
    const date = state.sliderDate ?? range?.from ?? '';
    const moved = movedWorks(plan);
    // The proven bound's gap, once the planner reports it; an older stored plan has none to show.
    const gap = m.gap_pct;
    replace(
      result,
      h('p', { id: 'plan-metrics', role: 'status' }, t('plan.metrics', { openings: m.openings, baseline: m.baselineOpenings, saved: m.disruptionDaysSaved })),
      gap === undefined ? null : h('p', { id: 'plan-gap' }, gapText(ctx, m, gap)),
      plan.flexibility ? flexibilitySection(ctx, plan.flexibility, state) : null,
      h('h3', {}, t('plan.export')),
      // Downloads in the interface's language: sheet names, headers, explanations and letters.
      h('p', { class: 'exports' }, EXPORTS.map(([format, label]) => h('a', { href: exportHref(ctx, planned.id, format, state.language), download: '', class: 'button', 'data-export': format }, label || t('plan.letters')))),
      range
        ? h('label', {}, t('plan.slider'), ' ',
            h('input', { type: 'range', id: 'plan-slider', min: 0, max: range.days, step: 1, value: daysBetween(range.from, date), 'aria-valuetext': formatDate(date, state.language), oninput: (e: Event) => ctx.store.set({ sliderDate: addDays(range.from, Number((e.target as HTMLInputElement).value)) }) }),
            ' ', h('output', { id: 'plan-slider-date' }, formatDate(date, state.language)))
        : null,
      h('h3', {}, t('plan.timeline')),
      // Focusable, so a keyboard can scroll it where it is wider than the panel (a phone).
      h('div', { class: 'timeline', id: 'plan-timeline', tabindex: 0, role: 'region', 'aria-label': t('plan.timeline') }, timelineNode(plan, date, state.language)),
      timelineLegend(ctx, plan, state.language),
      couplingSection(ctx, plan, state.language),
      h('h3', {}, t('plan.moved')),
      moved.length === 0 ? h('p', {}, t('plan.nothingMoved')) : h('ul', { id: 'moved' }, moved.map((w) => h('li', {}, h('strong', {}, `${w.street}: ${w.workId}`), ` (${w.shift_days > 0 ? '+' : ''}${w.shift_days} d) `, shiftText(w, state.language) ?? ''))),
      plan.infeasible.length ? [h('h3', {}, t('plan.infeasible')), h('ul', {}, plan.infeasible.map((i) => h('li', {}, `${i.workIds.join(', ')}: ${infeasibilityText(i, state.language)}`)))] : null,
    );
  };

  return {
    element,
    update(state, previous) {
      if (state.tab === 'plan' && works === null) {
        works = [];
        void attempt(ctx, () => ctx.api.works()).then((answer) => {
          works = answer?.works ?? [];
          renderWorks(ctx.store.get());
        });
      }
      const lang = !previous || state.language !== previous.language;
      if (lang || state.session !== previous?.session) renderTop();
      if (lang) renderWorks(state);
      if (lang || state.plan !== previous?.plan) {
        renderResult(state);
        showOnMap(ctx, state);
      } else if (state.sliderDate !== previous?.sliderDate) {
        // Only what the date changes: rebuilding the slider under a drag or an arrow key would drop both.
        showDate(state);
        showOnMap(ctx, state);
      }
    },
  };
}

/** The timeline per street segment, the openings open on `date` marked, segments with a coupling opportunity marked. */
function timelineNode(plan: Plan, date: string, language: Language): Node {
  const coupling = new Map(plan.couplingOpportunities.map((c) => [c.segmentId, couplingText(c, language)]));
  return svgNode(timelineSvg(timeline(plan, { width_px: 620, language }), new Set(openAt(plan, date).map((o) => o.id)), coupling));
}

/** What the colours of the timeline mean: the start year of an opening, the kind of each work, the coupling mark. */
function timelineLegend(ctx: Context, plan: Plan, language: Language) {
  const { t } = ctx;
  const types = [...new Set(plan.openings.flatMap((o) => o.works.map((w) => w.type)))];
  const swatch = (colour: string, shape = 'bar') => h('span', { class: `swatch ${shape}`, style: `background:${colour}`, 'aria-hidden': 'true' });
  return h('div', { class: 'timeline-legend', id: 'plan-legend' },
    h('h4', {}, t('plan.legend')),
    h('p', {}, t('plan.legend.period'), ': ', periodLegend(plan).map(({ year, colour }) => [h('span', { class: 'legend-item' }, swatch(colour), ` ${year}`), ' '])),
    h('p', {}, t('plan.legend.works'), ': ', types.map((type) => [h('span', { class: 'legend-item', 'data-type': type }, swatch(WORK_TYPE_COLOURS[type] ?? '#333', 'strip'), ` ${workTypeName(type, language)}`), ' '])),
    plan.couplingOpportunities.length ? h('p', {}, h('span', { class: 'swatch diamond', 'aria-hidden': 'true' }), ' ', t('plan.legend.coupling')) : null);
}

/** The plan's own coupling opportunities (the XLSX "Koppelkansen"): where a street would open once less, and what would have to give. */
function couplingSection(ctx: Context, plan: Plan, language: Language) {
  const { t } = ctx;
  return h('section', { id: 'plan-coupling' },
    h('h3', {}, t('plan.coupling.title')),
    plan.couplingOpportunities.length === 0
      ? h('p', {}, t('plan.coupling.none'))
      : h('ul', {}, plan.couplingOpportunities.map((c) => h('li', { 'data-segment': c.segmentId },
          h('strong', {}, `${c.street} (${c.segmentId})`), `: ${c.workIds.join(', ')} — `, couplingText(c, language), ' ',
          h('span', { class: 'muted' }, `(${t('plan.coupling.saves', { openings: c.openingsSaved, days: c.disruptionDaysSaved })})`)))));
}

function showOnMap(ctx: Context, state: AppState) {
  const plan = state.plan?.plan;
  if (!plan) return ctx.map.showOpenings([], new Set(), 0);
  const range = planRange(plan);
  const date = state.sliderDate ?? range?.from ?? '';
  ctx.map.showOpenings(plan.openings, new Set(openAt(plan, date).map((o) => o.id)), Number((range?.from ?? '2000').slice(0, 4)));
}

/** The what-if chart (openings and household-days against months of flexibility) and the ranked opportunities. */
function flexibilitySection(ctx: Context, flexibility: PlanFlexibility, state: AppState) {
  const { t } = ctx;
  const chart = flexibilityChartSvg(flexibility.series, { months: t('plan.flex.axis'), openings: t('plan.flex.openings'), householdDays: t('plan.flex.householdDays') }, state.language);
  return h('section', { id: 'plan-flex' },
    h('h3', {}, t('plan.flex.title')),
    h('div', { class: 'flex-chart' }, svgNode(chart)),
    flexibility.segmentsWithoutHouseholds ? h('p', { class: 'note' }, t('plan.flex.noHouseholds', { count: flexibility.segmentsWithoutHouseholds })) : null,
    h('h4', {}, t('plan.flex.opportunities')),
    flexibility.opportunities.length === 0
      ? h('p', {}, t('plan.flex.noOpportunities'))
      : h('ol', { id: 'plan-flex-opportunities' }, flexibility.opportunities.map((o) => h('li', { 'data-segment': o.segmentId }, render(o.message, state.language)))));
}

async function compute(ctx: Context, flexibility: { series: boolean; months: number }) {
  ctx.store.set({ message: { kind: 'info', text: ctx.t('plan.computing') } });
  const asked = flexibility.series || flexibility.months > 0
    ? { flexibility: { ...(flexibility.series ? { series: [...SERIES_MONTHS] } : {}), ...(flexibility.months ? { months: flexibility.months } : {}) } }
    : {};
  const planned = await attempt(ctx, () => ctx.api.computePlan(asked));
  if (planned) ctx.store.set({ plan: planned, sliderDate: planRange(planned.plan)?.from ?? null, message: null });
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
