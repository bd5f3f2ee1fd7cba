import type { LineString } from 'geojson';
import { type Principal, can } from '../domain/access/policy.ts';
import type { Trench } from '../domain/check/check.types.ts';
import { heatWork, routeWorkId } from '../domain/heat-routes/approved-route.ts';
import { type Message, msg } from '../domain/message.ts';
import type { PlanningRules } from '../domain/plan/planning-rules.ts';
import type { Work } from '../domain/plan/plan.types.ts';
import { type SewerSuggestion, sewerSuggestions } from '../domain/sewer/coupling.ts';
import type { SewerRules } from '../domain/sewer/sewer-rules.ts';
import { segmentsFromStreets } from '../domain/streets/street-segments.ts';
import { bboxOf } from '../geo/bbox.ts';
import { RD_NEW } from '../geo/crs.ts';
import type { Language } from '../messages/language.ts';
import { render } from '../messages/render.ts';
import type { Repositories, Store } from '../store/index.ts';
import { plannable } from './compute-plan.ts';
import { readRoute } from './heat-routes.ts';
import { type WorkRefusal, createWorks } from './works.ts';

export interface SewerCouplingSettings {
  planningRules: PlanningRules;
  sewerRules: SewerRules;
  /** Today as YYYY-MM-DD. */
  today: string;
}

export type SuggestionsResult =
  | { ok: true; routeId: string; suggestions: SewerSuggestion[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'forbidden'; refusal: Message }
  /** Suggestions are for routes the municipality approved: before that the route may still move. */
  | { ok: false; reason: 'not-approved'; refusal: Message };

/** How far beyond a heat work the sewers and streets are read (m): the widest opening margin plus a street's half-width. */
const READ_MARGIN_M = 30;

/**
 * The sewer replacements to couple to an approved heat route: the route's heat work (as stored, with any windows
 * the planner gave it, else as the approval made it) against the sewers, streets and works near it.
 *
 * @example const result = await routeSewerSuggestions(store, principal, id, settings);
 *   result.ok ? result.suggestions.map((s) => s.street) : result.reason // ['Transistorstraat'] or 'not-approved'
 */
export async function routeSewerSuggestions(store: Pick<Repositories, 'routes' | 'features' | 'works'>, who: Principal, routeId: string, settings: SewerCouplingSettings): Promise<SuggestionsResult> {
  const read = await readRoute(store, who, routeId);
  if (!read.ok) return read;
  const route = read.route;
  if (route.status !== 'approved') return { ok: false, reason: 'not-approved', refusal: msg('sewer.route.not-approved', { id: route.id }) };
  const trench = route.feature as Trench & { geometry: LineString };
  const stored = await store.works.get(routeWorkId(route.id));
  const heat = (stored as unknown as Work | undefined) ?? heatWork({ id: route.id, name: route.name, owner: route.owner, version: route.version, trench });
  const suggestions = await suggestionsFor(store, heat, settings, trench.properties.width_m);
  return { ok: true, routeId: route.id, suggestions };
}

/**
 * Suggestions for any heat work, reading what lies near it from the store: the plan uses it for every heat work in
 * the programme.
 *
 * @example await suggestionsFor(store, heat, settings) // [{ sewerId: 'sewer:gemeente-almere:2200231', ... }]
 */
export async function suggestionsFor(store: Pick<Repositories, 'features' | 'works'>, heat: Work, settings: SewerCouplingSettings, width_m?: number): Promise<SewerSuggestion[]> {
  if (heat.geometry.type !== 'LineString') return [];
  const [minx, miny, maxx, maxy] = bboxOf([heat.geometry.coordinates]);
  const around: [number, number, number, number] = [minx - READ_MARGIN_M, miny - READ_MARGIN_M, maxx + READ_MARGIN_M, maxy + READ_MARGIN_M];
  const [sewers, streets, works] = await Promise.all([store.features.inBbox('sewers', around), store.features.inBbox('streets', around), store.works.list()]);
  return sewerSuggestions(heat, sewers, segmentsFromStreets(streets), plannable(works), settings.sewerRules, settings.planningRules, { today: settings.today, ...(width_m ? { width_m } : {}) });
}

/**
 * Suggestions for a heat work of the programme (any heat work, not only one an approved route made): read by whoever
 * may read works; the suggested `work` can be added through the works API by whoever may write the pipe owner's works.
 *
 * @example const result = await workSewerSuggestions(store, principal, 'work-route-a1', settings); result.ok ? result.suggestions : result.reason
 */
export async function workSewerSuggestions(store: Pick<Repositories, 'features' | 'works'>, who: Principal, workId: string, settings: SewerCouplingSettings): Promise<{ ok: true; workId: string; suggestions: SewerSuggestion[] } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'forbidden'; refusal: Message } | { ok: false; reason: 'not-heat'; refusal: Message }> {
  const decision = can(who, 'works:read');
  if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  const stored = await store.works.get(workId);
  if (!stored) return { ok: false, reason: 'not-found' };
  const work = stored as unknown as Work;
  if (work.properties.type !== 'heat') return { ok: false, reason: 'not-heat', refusal: msg('sewer.work.not-heat', { id: workId, type: String(work.properties.type) }) };
  const width = typeof work.properties.width_m === 'number' ? work.properties.width_m : undefined;
  return { ok: true, workId, suggestions: await suggestionsFor(store, work, settings, width) };
}

export type AcceptResult =
  | { ok: true; workId: string; suggestion: SewerSuggestion }
  | Exclude<SuggestionsResult, { ok: true }>
  | { ok: false; reason: 'not-suggested'; refusal: Message }
  | Extract<WorkRefusal, { reason: 'invalid' | 'forbidden' | 'id-exists' }>;

/**
 * Adds the suggested replacement of `sewerId` as a work, in the name of the pipe's owner (the municipality): only a
 * caller who may write that owner's works (a municipal engineer, a planner, an admin) may; a heat company may not.
 * The work's name is written in `language`.
 *
 * @example const result = await acceptSewerSuggestion(store, principal, routeId, 'sewer:gemeente-almere:2200231', settings, 'nl');
 *   result.ok ? result.workId : result.reason // 'work-sewer-gemeente-almere-2200231', or 'forbidden'
 */
export async function acceptSewerSuggestion(store: Store, who: Principal, routeId: string, sewerId: string, settings: SewerCouplingSettings, language: Language): Promise<AcceptResult> {
  const listed = await routeSewerSuggestions(store, who, routeId, settings);
  if (!listed.ok) return listed;
  const suggestion = listed.suggestions.find((s) => s.sewerId === sewerId);
  if (!suggestion) return { ok: false, reason: 'not-suggested', refusal: msg('sewer.accept.not-suggested', { id: sewerId }) };
  const name = render(msg('sewer.suggestion.work-name', { street: suggestion.street, pipe: String(suggestion.work.properties.sewer_id ?? sewerId).split(':').pop()! }), language);
  const work = { ...suggestion.work, properties: { ...suggestion.work.properties, name } };
  const created = await createWorks(store, who, { works: work, crs: RD_NEW, limits: { maxFeatures: 1, maxCoordinates: 10_000 } });
  if (!created.ok) return created;
  return { ok: true, workId: created.ids[0]!, suggestion };
}
