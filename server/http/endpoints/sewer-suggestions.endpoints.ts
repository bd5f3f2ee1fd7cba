import { Router, type Request } from 'express';
import type { Geometry } from 'geojson';
import { z } from 'zod';
import { type AcceptResult, type SuggestionsResult, acceptSewerSuggestion, routeSewerSuggestions, workSewerSuggestions } from '../../app/sewer-suggestions.ts';
import type { PlanningRules } from '../../domain/plan/planning-rules.ts';
import type { SewerSuggestion } from '../../domain/sewer/coupling.ts';
import type { SewerRules } from '../../domain/sewer/sewer-rules.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { Language } from '../../messages/language.ts';
import { render } from '../../messages/render.ts';
import { readSewerRulesFile } from '../../sewer-rules-file.ts';
import type { Store } from '../../store/index.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import { outputCrs } from '../crs-params.ts';
import { invalidRequest } from '../invalid.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, conflict, notFound, problemOf } from '../problem.ts';
import { parse } from '../schemas.ts';

export interface SewerSuggestionOptions {
  planningRules: PlanningRules;
  /** data/rules/sewer.json (or ONDERGROND_SEWER_RULES) when absent. */
  sewerRules?: SewerRules;
  /** Today as YYYY-MM-DD; the server's date when absent (tests fix it). */
  today?: () => string;
}

const acceptBody = z.object({ sewerId: z.string().trim().min(1).max(300) });

/**
 * Sewer replacements to couple to an approved heat route (issue 17): the list beside the route, and the one action
 * that adds a replacement as the municipality's work so the planner puts it in the heat opening.
 */
export function sewerSuggestionsRouter(store: Store, doc: ApiDoc, options: SewerSuggestionOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/routes');
  const tags = ['routes'];
  // Read when the app is built, so a malformed sewer rule file stops the server at start like the other rule files.
  const sewerRules = options.sewerRules ?? readSewerRulesFile();
  const settings = () => ({ planningRules: options.planningRules, sewerRules, today: options.today?.() ?? new Date().toISOString().slice(0, 10) });
  const query = { crs: 'EPSG:4326 (default) or EPSG:28992: of each suggested work', lang: 'nl (default) or en: the language of each explanation' };

  api.get('/:id/sewer-suggestions', {
    summary: 'Sewer pipes in the opening of an approved heat route that are due for replacement: couple them',
    tags,
    query,
    responses: { 200: '{routeId, suggestions: [{sewerId, street, length_m, age_years, condition_class, due, openingsSaved, householdDaysSaved, parties, work, explanation}]}', 403: "another company's route", 404: 'no such route', 409: 'the route is not approved' },
  }, requires('routes:read'), async (req, res) => {
    const id = String(req.params.id);
    const result = answered(req, await routeSewerSuggestions(store, principalOf(res), id, settings()), id);
    const crs = outputCrs(req);
    const language = answerLanguage(req);
    res.json({ routeId: result.routeId, suggestions: result.suggestions.map((s) => shaped(s, crs, language)) });
  });

  api.post('/:id/sewer-suggestions/accept', {
    summary: 'Add a suggested sewer replacement as a work of the pipe\'s owner (the municipality), to share the heat opening',
    tags,
    query,
    body: { 'application/json': '{sewerId}' },
    responses: { 201: '{workId, suggestion}', 400: 'sewerId missing', 403: 'you may not add works for the pipe\'s owner', 404: 'no such route, or the pipe is not suggested for it', 409: 'the route is not approved, or the work exists' },
  }, requires('works:write'), async (req, res) => {
    const id = String(req.params.id);
    const { sewerId } = parse(acceptBody, req.body, 'body');
    const language = answerLanguage(req);
    const result = await acceptSewerSuggestion(store, principalOf(res), id, sewerId, settings(), language);
    const accepted = answered(req, result, id);
    res.status(201).json({ workId: accepted.workId, suggestion: shaped(accepted.suggestion, outputCrs(req), language) });
  });

  return router;
}

/** The same suggestions for any heat work of the programme (GET /api/works/:id/sewer-suggestions). */
export function workSewerSuggestionsRouter(store: Store, doc: ApiDoc, options: SewerSuggestionOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/works');
  const sewerRules = options.sewerRules ?? readSewerRulesFile();
  api.get('/:id/sewer-suggestions', {
    summary: 'Sewer pipes in the opening of a heat work of the programme that are due for replacement; add one with POST /api/works',
    tags: ['works'],
    query: { crs: 'EPSG:4326 (default) or EPSG:28992: of each suggested work', lang: 'nl (default) or en' },
    responses: { 200: '{workId, suggestions}', 404: 'no such work', 409: 'not a heat work' },
  }, requires('works:read'), async (req, res) => {
    const id = String(req.params.id);
    const language = answerLanguage(req);
    const result = await workSewerSuggestions(store, principalOf(res), id, { planningRules: options.planningRules, sewerRules, today: options.today?.() ?? new Date().toISOString().slice(0, 10) });
    if (!result.ok) {
      if (result.reason === 'not-found') throw problemOf(404, { code: 'problem.work-not-found', params: { id: JSON.stringify(id) } });
      if (result.reason === 'forbidden') throw forbidden(req, result.refusal);
      throw conflict(render(result.refusal, language));
    }
    res.json({ workId: result.workId, suggestions: result.suggestions.map((s) => shaped(s, outputCrs(req), language)) });
  });
  return router;
}

function answered<R extends SuggestionsResult | AcceptResult>(req: Request, result: R, id: string): Extract<R, { ok: true }> {
  if (result.ok) return result as Extract<R, { ok: true }>;
  const language = answerLanguage(req);
  switch (result.reason) {
    case 'not-found':
      throw problemOf(404, { code: 'problem.route-not-found', params: { id: JSON.stringify(id) } });
    case 'forbidden':
      throw forbidden(req, result.refusal);
    case 'not-approved':
      throw conflict(render(result.refusal, language));
    case 'not-suggested':
      throw notFound(render(result.refusal, language));
    case 'id-exists':
      throw conflict(render({ code: 'sewer.accept.exists', params: { id: result.ids.join(', '), work: result.ids.join(', ') } }, language), { ids: result.ids });
    case 'invalid':
      throw invalidRequest(req, result.errors);
  }
  throw new AppError(500, 'Internal error', 'unknown refusal');
}

/** A suggestion as the API answers it: its sentences rendered beside their codes, its work in the requested CRS. */
function shaped(s: SewerSuggestion, crs: Crs, language: Language) {
  const geometry = roundGeometry(transformGeometry(s.work.geometry as Geometry, RD_NEW, crs), crs === RD_NEW ? 3 : 9);
  return { ...s, work: { ...s.work, geometry }, explanation: render(s.message, language), dueText: s.due.map((d) => render(d, language)) };
}
