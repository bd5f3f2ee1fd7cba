import { may } from '../core/app-state.ts';
import type { Translate } from '../core/i18n.ts';
import type { RouteRecord, SewerSuggestionView } from '../core/types.ts';
import { attempt, type Context } from './context.ts';
import { h, replace } from './dom.ts';

/**
 * The line a suggestion reads as beside its route: street, length, age, class, what coupling saves, who must agree.
 *
 * @example suggestionLine({ street: 'Transistorstraat', length_m: 21.5, age_years: 26, condition_class: 4, openingsSaved: 1, householdDaysSaved: 0, parties: ['Gemeente Almere', 'Vattenfall'], ... }, t)
 *   // 'Transistorstraat: 21.5 m, 26 jaar, klasse 4; 1 opening en 0 huishoudendagen minder; instemming: Gemeente Almere, Vattenfall'
 */
export function suggestionLine(s: SewerSuggestionView, t: Translate): string {
  return t('ui.sewer.row', {
    street: s.street,
    length: Math.round(s.length_m * 10) / 10,
    age: s.age_years === undefined ? t('ui.sewer.age-unknown') : t('ui.sewer.age', { age: s.age_years }),
    class: s.condition_class ?? t('ui.sewer.class-unknown'),
    openings: s.openingsSaved,
    householdDays: s.householdDaysSaved,
    parties: s.parties.join(', '),
  });
}

const SECTION_ID = 'sewer-suggestions';

/**
 * Beside an approved route in the routes tab: the sewer pipes due for replacement in its opening, each with an
 * action to add it as the municipality's work for whoever may write works. Any other route clears the list.
 */
export async function showSewerSuggestions(ctx: Context, route: RouteRecord): Promise<void> {
  // Below the route's report when it is open (the report redraws itself; this section stays), else below the list.
  const anchor = document.getElementById('route-report') ?? document.getElementById('route-list');
  document.getElementById(SECTION_ID)?.remove();
  if (!anchor || route.status !== 'approved') return;
  const section = h('section', { id: SECTION_ID, 'aria-live': 'polite', 'data-route': route.id });
  anchor.after(section);
  const { language } = ctx.store.get();
  const answer = await attempt(ctx, () => ctx.api.sewerSuggestions(route.id, language));
  if (!answer) return;
  const { t } = ctx;
  const accept = (s: SewerSuggestionView) => async () => {
    const done = await attempt(ctx, () => ctx.api.acceptSewerSuggestion(route.id, s.sewerId, language));
    if (!done) return;
    ctx.store.set({ message: { kind: 'info', text: t('ui.sewer.accepted', { work: done.workId }) } });
    await showSewerSuggestions(ctx, route);
  };
  const canAdd = may(ctx.store.get(), 'works:write');
  replace(
    section,
    h('h3', {}, t('ui.sewer.title')),
    answer.suggestions.length === 0
      ? h('p', { class: 'muted' }, t('ui.sewer.none'))
      : h('ul', { class: 'sewer-suggestions' }, ...answer.suggestions.map((s) =>
          h('li', { 'data-sewer': s.sewerId, title: s.explanation },
            suggestionLine(s, t),
            canAdd ? h('button', { type: 'button', class: 'link', onclick: accept(s) }, t('ui.sewer.accept')) : null))),
  );
}
