import { Router, type Request, type Response } from 'express';
import type { Feature, Geometry, LineString } from 'geojson';
import { z } from 'zod';
import { runCheck } from '../../check/run-check.ts';
import type { CheckReport, Trench } from '../../domain/check/check.types.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import { heatWork, ownRouteWork, plannedHeatAsset, plannedHeatId, routeWorkId } from '../../domain/routes/approved-route.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { VertexLimits } from '../../geo/geometry.validation.ts';
import type { Repositories, Store } from '../../store/index.ts';
import type { Language } from '../../messages/language.ts';
import type { RouteRecord, RouteWrite } from '../../store/route-store.ts';
import { assertAllowed, principalOf, requires, seesAll } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { badRequest, conflict, notFound } from '../problem.ts';
import { invalidRequest } from '../invalid.ts';
import { parse } from '../schemas.ts';
import { reportIn } from './checks.routes.ts';

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

  /** Checks the submitted feature; a route is a centreline and defaults to kind `heat`. */
  async function checked(req: Request, feature: unknown): Promise<{ trench: Trench & { geometry: LineString }; report: CheckReport }> {
    const result = await runCheck(store, options.rules, feature, inputCrs(req, feature), { defaultKind: 'heat', maxCoordinates: options.maxCoordinates, vertexLimits: options.vertexLimits });
    if (!result.ok) {
      throw invalidRequest(req, result.errors.map((e) => ({ ...e, field: `feature.${e.field}` })), 'nothing was submitted');
    }
    if (result.trench.geometry.type !== 'LineString') {
      throw badRequest('feature.geometry: a route is a LineString centreline; a Polygon footprint can be checked with POST /api/checks but not submitted');
    }
    return { trench: result.trench as Trench & { geometry: LineString }, report: result.report };
  }

  /** The route if it exists and the caller may read it: 404 when missing, 403 when it is another company's. */
  async function readable(res: Response, id: string): Promise<RouteRecord<CheckReport>> {
    const route = UUID.test(id) ? await store.routes.get<CheckReport>(id) : undefined;
    if (!route) throw notFound(`there is no route ${JSON.stringify(id)}; list yours with GET /api/routes`);
    assertAllowed(res, 'routes:read', route.owner);
    return route;
  }

  api.post('/', {
    summary: 'Submit a heat route; it is checked at once and waits for review',
    tags,
    query: crsQuery,
    body: { 'application/json': '{name, feature}: feature a LineString Feature with width_m, depth_m (kind defaults to heat) and optional preferred_start, earliest_start, latest_end' },
    responses: { 201: 'the route with status submitted and its check report', 400: 'the route, naming the field', 403: 'not your organisation' },
  }, requires('routes:submit'), async (req, res) => {
    const body = parse(submission, req.body, 'body');
    const who = principalOf(res);
    const owner = body.owner ?? who.organisation;
    assertAllowed(res, 'routes:submit', owner);
    const { trench, report } = await checked(req, body.feature);
    const route = await store.transaction(async (tx) => {
      const stored = await tx.routes.submit(owner, body.name, trench as Feature<Geometry>, report, who.organisation);
      await tx.access.audit(who, { action: 'submit', objectType: 'route', objectId: stored.id, afterVersion: 1 });
      return stored;
    });
    res.status(201).json(shaped(route, outputCrs(req), answerLanguage(req)));
  });

  api.get('/', {
    summary: 'Routes, newest first: all of them for the municipality, its own for a heat company',
    tags,
    query: { ...crsQuery, status: 'submitted, approved or rejected' },
    responses: { 200: '{routes}' },
  }, requires('routes:read'), async (req, res) => {
    const status = parse(z.enum(['submitted', 'approved', 'rejected']).optional(), req.query.status, 'query.status');
    const routes = await store.routes.list<CheckReport>(seesAll(res, 'routes:read') ? undefined : principalOf(res).organisation);
    const crs = outputCrs(req);
    res.json({ routes: routes.filter((r) => !status || r.status === status).map((r) => shaped(r, crs, answerLanguage(req))) });
  });

  api.get('/:id', {
    summary: 'One route with its report and its history of submissions and decisions',
    tags,
    query: crsQuery,
    responses: { 200: 'route with history', 403: "another company's route", 404: 'no such route' },
  }, requires('routes:read'), async (req, res) => {
    const route = await readable(res, String(req.params.id));
    res.json({ ...shaped(route, outputCrs(req), answerLanguage(req)), history: await store.routes.history(route.id) });
  });

  api.post('/:id/resubmit', {
    summary: 'Submit a new version of a route; it is checked again and goes back to review',
    tags,
    query: crsQuery,
    body: { 'application/json': '{name?, feature, version}: version is the one last read' },
    responses: { 200: 'the new version', 400: 'the route, naming the field', 403: "another company's route", 404: 'no such route', 409: 'stale version' },
  }, requires('routes:submit'), async (req, res) => {
    const body = parse(resubmission, req.body, 'body');
    const current = await readable(res, String(req.params.id));
    assertAllowed(res, 'routes:submit', current.owner);
    const { trench, report } = await checked(req, body.feature);
    const who = principalOf(res);
    const written = await store.transaction(async (tx) => {
      const result = await tx.routes.resubmit(current.id, body.version, body.name ?? current.name, trench as Feature<Geometry>, report, who.organisation);
      if (result.ok) await tx.access.audit(who, { action: 'resubmit', objectType: 'route', objectId: current.id, beforeVersion: body.version, afterVersion: result.route.version });
      return result;
    });
    res.json(shaped(decided(written, current.id, body.version), outputCrs(req), answerLanguage(req)));
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
    const route = await readable(res, id);
    assertAllowed(res, 'routes:decide', route.owner);
    const who = principalOf(res);
    const written = await store.transaction(async (tx) => {
      const result = await tx.routes.decide<CheckReport>(id, body.decision, body.reason ?? null, who.organisation, body.version);
      if (!result.ok) return result;
      await tx.access.audit(who, { action: body.decision === 'approved' ? 'approve' : 'reject', objectType: 'route', objectId: id, beforeVersion: result.route.version, afterVersion: result.route.version, detail: { reason: body.reason ?? null } });
      await applyDecision(tx, who, result.route);
      return result;
    });
    res.json(shaped(decided(written, id, body.version), outputCrs(req), answerLanguage(req)));
  });

  return router;
}

/**
 * The heat layer and the works follow the latest decision: approval writes (or replaces) the planned feature and
 * the heat work; rejecting a later version takes them out again.
 */
async function applyDecision(tx: Repositories, who: ReturnType<typeof principalOf>, route: RouteRecord<CheckReport>): Promise<void> {
  const approved = { id: route.id, name: route.name, owner: route.owner, version: route.version, trench: route.feature as Trench & { geometry: LineString } };
  const existingWork = ownRouteWork(approved, await tx.works.get(routeWorkId(route.id)));
  if (route.status === 'approved') {
    await tx.features.insert('heat', [plannedHeatAsset(approved)], { upsert: true });
    const work = heatWork(approved);
    const stored = existingWork
      ? await tx.works.update(existingWork.id, { ...work, id: existingWork.id, properties: { ...work.properties, version: existingWork.properties.version } }, existingWork.properties.version)
      : { ok: true as const, work: await tx.works.create({ ...work, properties: { ...work.properties, version: 1 } }) };
    if (stored.ok) await tx.access.audit(who, { action: existingWork ? 'update' : 'create', objectType: 'work', objectId: stored.work.id, afterVersion: stored.work.properties.version });
    await tx.access.audit(who, { action: 'upsert', objectType: 'heat', objectId: plannedHeatId(route.id), detail: { route: route.id } });
    return;
  }
  const planned = await tx.features.get('heat', plannedHeatId(route.id));
  if (planned) await tx.features.remove('heat', planned.id, planned.properties.version);
  if (existingWork) await tx.works.remove(existingWork.id, existingWork.properties.version);
}

function decided(result: RouteWrite<CheckReport>, id: string, version: number | undefined): RouteRecord<CheckReport> {
  if (result.ok) return result.route;
  if (result.reason === 'not-found') throw notFound(`there is no route ${JSON.stringify(id)}`);
  if (result.reason === 'stale-version') {
    throw conflict(`route ${id} is at version ${result.current.version}, not ${version}; read it again and decide on what is there now`, { current: result.current.version });
  }
  throw conflict(`version ${result.current.version} of route ${id} was already ${result.current.status}; a new version must be submitted before another decision`, { status: result.current.status });
}

/** A route as the API answers it: feature and conflict locations in `crs`, explanations in `language`. */
function shaped(route: RouteRecord<CheckReport>, crs: Crs, language: Language) {
  const decimals = crs === RD_NEW ? 3 : 9;
  return {
    ...route,
    feature: { ...route.feature, geometry: roundGeometry(transformGeometry(route.feature.geometry, RD_NEW, crs), decimals) },
    report: reportIn(route.report, crs, language),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
