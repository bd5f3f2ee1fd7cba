import { Router, type Request } from 'express';
import { z } from 'zod';
import { decideRoute } from '../../app/decide-route.ts';
import { type Route, type RouteRefusal, type RouteResult, listRoutes, readRoute, resubmitRoute, submitRoute } from '../../app/heat-routes.ts';
import type { CheckReport } from '../../domain/check/check.types.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { VertexLimits } from '../../geo/geometry.validation.ts';
import type { Language } from '../../messages/language.ts';
import type { Store } from '../../store/index.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { invalidRequest } from '../invalid.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, problemOf } from '../problem.ts';
import { parse } from '../schemas.ts';
import { reportIn } from '../shape.ts';

export interface HeatRouteOptions {
  rules: RuleSet;
  maxCoordinates: number;
  vertexLimits?: Partial<VertexLimits>;
}

const name = z.string().trim().min(1, 'name is required: how the heat company calls this route').max(200);
const submission = z.object({ name, feature: z.unknown(), owner: z.string().trim().min(1).max(200).optional() });
const resubmission = z.object({ name: name.optional(), feature: z.unknown(), version: z.number().int().min(1) });
const decision = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(2_000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .refine((d) => d.decision === 'approved' || (d.reason ?? '').length > 0, {
    message: 'a rejection needs a reason the heat company can act on',
    path: ['reason'],
  });

/**
 * Heat-route submissions: a heat company submits a route and gets the check report at once; the municipality
 * approves or rejects it with a reason; an approved route becomes a planned heat feature and a heat work.
 */
export function heatRoutesRouter(store: Store, doc: ApiDoc, options: HeatRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/routes');
  const tags = ['routes'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992: of a feature without a crs member, and of the answer', lang: 'nl (default) or en: the language of each conflict\'s explanation; else Accept-Language' };

  api.post('/', {
    summary: 'Submit a heat route; it is checked at once and waits for review',
    tags,
    query: crsQuery,
    body: { 'application/json': '{name, feature}: feature a LineString Feature with width_m, depth_m (kind defaults to heat) and optional preferred_start, earliest_start, latest_end' },
    responses: { 201: 'the route with status submitted and its check report', 400: 'the route, naming the field', 403: 'not your organisation' },
  }, requires('routes:submit'), async (req, res) => {
    const body = parse(submission, req.body, 'body');
    const result = await submitRoute(store, principalOf(res), options, { name: body.name, feature: body.feature, crs: inputCrs(req, body.feature), ...(body.owner ? { owner: body.owner } : {}) });
    res.status(201).json(shaped(answered(req, result, ''), outputCrs(req), answerLanguage(req)));
  });

  api.get('/', {
    summary: 'Routes, newest first: all of them for the municipality, its own for a heat company',
    tags,
    query: { ...crsQuery, status: 'submitted, approved or rejected' },
    responses: { 200: '{routes}' },
  }, requires('routes:read'), async (req, res) => {
    const status = parse(z.enum(['submitted', 'approved', 'rejected']).optional(), req.query.status, 'query.status');
    const routes = await listRoutes(store, principalOf(res), status);
    const crs = outputCrs(req);
    res.json({ routes: routes.map((r) => shaped(r, crs, answerLanguage(req))) });
  });

  api.get('/:id', {
    summary: 'One route with its report, its history of submissions and decisions, and its versions (each with the summary of its check)',
    tags,
    query: crsQuery,
    responses: { 200: 'route with history and versions', 403: "another company's route", 404: 'no such route' },
  }, requires('routes:read'), async (req, res) => {
    const id = String(req.params.id);
    const route = answered(req, await readRoute(store, principalOf(res), id), id);
    const [history, versions] = await Promise.all([store.routes.history(route.id), store.routes.versions<CheckReport['summary']>(route.id)]);
    res.json({ ...shaped(route, outputCrs(req), answerLanguage(req)), history, versions });
  });

  api.post('/:id/resubmit', {
    summary: 'Submit a new version of a route; it is checked again and goes back to review',
    tags,
    query: crsQuery,
    body: { 'application/json': '{name?, feature, version}: version is the one last read' },
    responses: { 200: 'the new version', 400: 'the route, naming the field', 403: "another company's route", 404: 'no such route', 409: 'stale version' },
  }, requires('routes:submit'), async (req, res) => {
    const body = parse(resubmission, req.body, 'body');
    const id = String(req.params.id);
    const result = await resubmitRoute(store, principalOf(res), options, { id, version: body.version, feature: body.feature, crs: inputCrs(req, body.feature), ...(body.name ? { name: body.name } : {}) });
    res.json(shaped(answered(req, result, id, body.version), outputCrs(req), answerLanguage(req)));
  });

  api.post('/:id/decision', {
    summary: 'Approve or reject the current version; approval adds a planned heat feature and a heat work',
    tags,
    query: crsQuery,
    body: { 'application/json': "{decision: 'approved'|'rejected', reason (required to reject), version?}" },
    responses: { 200: 'the decided route', 400: 'no reason for a rejection', 404: 'no such route', 409: 'stale version or already decided' },
  }, requires('routes:decide'), async (req, res) => {
    const body = parse(decision, req.body, 'body');
    const id = String(req.params.id);
    const result = await decideRoute(store, principalOf(res), { id, decision: body.decision, ...(body.reason !== undefined ? { reason: body.reason } : {}), ...(body.version !== undefined ? { version: body.version } : {}) });
    res.json(shaped(answered(req, result, id, body.version), outputCrs(req), answerLanguage(req)));
  });

  return router;
}

/** The route of a result, or the problem its refusal answers as. */
function answered(req: Request, result: RouteResult, id: string, version?: number): Route {
  if (result.ok) return result.route;
  throw refused(req, result, id, version);
}

function refused(req: Request, result: RouteRefusal, id: string, version: number | undefined): AppError {
  switch (result.reason) {
    case 'not-found':
      return problemOf(404, { code: 'problem.route-not-found', params: { id: JSON.stringify(id) } });
    case 'forbidden':
      return forbidden(req, result.refusal);
    case 'invalid-route':
      return invalidRequest(req, result.errors, 'nothing was submitted');
    case 'not-a-line':
      return problemOf(400, { code: 'problem.route-polygon' });
    case 'stale-version':
      return problemOf(409, { code: 'problem.route-version', params: { id, current: String(result.current), version: String(version) } }, { current: result.current });
    case 'already-decided':
      return problemOf(409, { code: 'problem.route-decided', params: { id, current: String(result.current), status: { code: `routes.status.${result.status}` } } }, { status: result.status });
  }
}

/** A route as the API answers it: feature and conflict locations in `crs`, explanations in `language`. */
function shaped(route: Route, crs: Crs, language: Language) {
  const decimals = crs === RD_NEW ? 3 : 9;
  return {
    ...route,
    feature: { ...route.feature, geometry: roundGeometry(transformGeometry(route.feature.geometry, RD_NEW, crs), decimals) },
    report: reportIn(route.report, crs, language),
  };
}
