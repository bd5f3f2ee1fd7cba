import type { Position } from 'geojson';
import { type AppState, may } from '../core/app-state.ts';
import { formatDate } from '../core/format.ts';
import { render } from '../core/i18n.ts';
import { nextPoints, PROPOSAL_COLOURS, PROPOSE_DEFAULTS, type ProposalAnswer, proposalRequest, proposalSummary, routeFeature } from '../core/proposal.ts';
import { TRENCH_KIND_NAMES, type TrenchInput, type TrenchKind } from '../core/types.ts';
import { proposalOverlay } from '../map/proposal-overlay.ts';
import { attempt, type Context, type Panel } from './context.ts';
import { h, replace } from './dom.ts';

/**
 * The heat company's question before the check: where does it fit? Click a start and an end on the map, get up to
 * three routes that keep every clearance (each with its check report), pick one and submit it as a route in one
 * step; it then waits in the Routes tab for the municipality's review like any other.
 */
export function proposePanel(ctx: Context): Panel {
  const element = h('section', { class: 'panel', 'aria-labelledby': 'propose-title' });
  const form = h('div', { class: 'form' });
  const results = h('div', { class: 'results', id: 'proposal-results' });
  element.append(form, results);
  let points: Position[] = [];
  let input: TrenchInput = { ...PROPOSE_DEFAULTS };
  let answer: ProposalAnswer | null = null;
  let chosen = 0;
  let busy = false;

  const overlay = proposalOverlay(ctx.map.map, (clicked) => {
    // A click here places a point; the asset under it, which the map selected as on any tab, is not the question.
    ctx.store.set({ selected: null });
    points = nextPoints(points, clicked);
    answer = null;
    redraw();
  });

  const redraw = () => {
    overlay.show(points, (answer?.proposals ?? []).map((p, i) => ({ geometry: p.geometry, colour: PROPOSAL_COLOURS[i % PROPOSAL_COLOURS.length]!, chosen: i === chosen })));
    renderForm(ctx.store.get());
    renderResults(ctx.store.get());
  };

  const make = async () => {
    if (points.length !== 2 || busy) return;
    busy = true;
    answer = null;
    redraw();
    const body = proposalRequest(points[0]!, points[1]!, input);
    answer = (await attempt(ctx, () => ctx.api.propose(body))) ?? null;
    chosen = 0;
    busy = false;
    redraw();
    if (answer?.proposals[0]) ctx.map.zoomToGeometry(answer.proposals[0].geometry);
  };

  const submit = async () => {
    const proposal = answer?.proposals[chosen];
    if (!proposal) return;
    const { t, store } = ctx;
    const name = t('propose.name', { n: chosen + 1, date: formatDate(new Date().toISOString().slice(0, 10), store.get().language) });
    const route = await attempt(ctx, () => ctx.api.submitRoute(name, routeFeature(proposal, input)));
    if (!route) return;
    ctx.map.showTrench(proposal.geometry);
    const listed = await attempt(ctx, () => ctx.api.routes());
    store.set({ message: { kind: 'info', text: t('propose.submitted', { n: chosen + 1, name }) }, tab: 'routes', ...(listed ? { routes: listed.routes } : {}) });
  };

  const renderForm = (state: AppState) => {
    const { t } = ctx;
    const point = (p: Position | undefined) => (p ? `${Math.round(p[0]!)}, ${Math.round(p[1]!)}` : t('propose.notSet'));
    const set = (patch: Partial<TrenchInput>) => (input = { ...input, ...patch });
    replace(
      form,
      h('h2', { id: 'propose-title' }, t('propose.title')),
      h('p', { class: 'hint' }, may(state, 'checks:run') ? t('propose.hint') : t('propose.mayNot')),
      h('p', { id: 'propose-points' }, t('propose.points', { from: point(points[0]), to: point(points[1]) })),
      h('div', { class: 'row' },
        h('label', {}, t('check.kind'), ' ',
          h('select', { id: 'propose-kind', onchange: (e: Event) => set({ kind: (e.target as HTMLSelectElement).value as TrenchKind }) },
            TRENCH_KIND_NAMES.map((k) => h('option', { value: k, selected: k === input.kind }, t(`kind.${k}`))))),
        h('label', {}, t('check.width'), ' ', h('input', { type: 'number', id: 'propose-width', min: 0.1, max: 10, step: 0.1, value: input.width_m, onchange: (e: Event) => set({ width_m: Number((e.target as HTMLInputElement).value) }) })),
        h('label', {}, t('check.depth'), ' ', h('input', { type: 'number', id: 'propose-depth', min: 0.1, max: 10, step: 0.05, value: input.depth_m, onchange: (e: Event) => set({ depth_m: Number((e.target as HTMLInputElement).value) }) })),
      ),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'make-proposal', class: 'primary', disabled: points.length !== 2 || busy, onclick: () => void make() }, busy ? t('propose.busy') : t('propose.make')),
        h('button', { type: 'button', id: 'clear-proposal', onclick: () => { points = []; answer = null; redraw(); } }, t('propose.clear')),
      ),
    );
  };

  // Verdicts and the bottleneck are rendered here from their codes, so they follow the interface language.
  const renderResults = (state: AppState) => {
    const { t } = ctx;
    if (!answer) return replace(results);
    replace(
      results,
      answer.proposals.length === 0 ? h('p', {}, t('propose.none')) : h('ol', { class: 'proposals', id: 'proposal-list' },
        answer.proposals.map((p, i) => h('li', {
          class: `proposal${i === chosen ? ' chosen' : ''}`, id: `proposal-${i + 1}`, 'data-clean': String(p.clean), tabindex: 0, role: 'button', 'aria-pressed': String(i === chosen),
          onclick: () => { chosen = i; redraw(); },
          onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') { e.preventDefault(); chosen = i; redraw(); } },
        },
        h('span', { class: 'swatch', style: `background:${PROPOSAL_COLOURS[i % PROPOSAL_COLOURS.length]}` }),
        h('strong', {}, t('propose.option', { n: i + 1 })), ' ',
        h('span', { class: `badge ${p.clean ? 'clean' : 'blocking'}` }, p.clean ? t('propose.clean') : t('propose.notClean')),
        h('br'),
        h('small', {}, proposalSummary(p, t)),
        h('br'),
        h('small', { class: 'muted' }, render(p.verdict, state.language))))),
      answer.bottleneck ? h('p', { id: 'bottleneck', class: 'error' }, render(answer.bottleneck.message, state.language)) : null,
      // The depth that would pass under the lines in the way: one click asks again at it.
      answer.bottleneck?.suggested_depth_m !== undefined
        ? h('button', { type: 'button', id: 'try-deeper', onclick: () => { input = { ...input, depth_m: answer!.bottleneck!.suggested_depth_m! }; void make(); } }, t('propose.tryDepth', { depth_m: answer.bottleneck.suggested_depth_m }))
        : null,
      answer.proposals.length && may(ctx.store.get(), 'routes:submit')
        ? h('button', { type: 'button', id: 'submit-proposal', class: 'primary', onclick: () => void submit() }, t('propose.submit'))
        : null,
    );
  };

  return {
    element,
    update(state, previous) {
      if (!previous || state.tab !== previous.tab) overlay.setActive(state.tab === 'propose');
      if (!previous || state.language !== previous.language || state.session !== previous.session) redraw();
    },
  };
}
