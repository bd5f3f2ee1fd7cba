import { Router } from 'express';
import { z } from 'zod';
import { computePlan } from '../../app/compute-plan.ts';
import type { PlanningRules } from '../../domain/plan/planning-rules.ts';
import type { Plan, PlanMetrics, PlanOptions } from '../../domain/plan/plan.types.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { Language } from '../../messages/language.ts';
import { renderPlan } from '../../messages/plan-text.ts';
import type { Store } from '../../store/index.ts';
import type { PlanRecord } from '../../store/plan-store.ts';
import { principalOf, requires } from '../auth.ts';
import { outputCrs } from '../crs-params.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { problemOf } from '../problem.ts';
import { invalidRequest } from '../invalid.ts';
import { parse } from '../schemas.ts';

const planBody = z.object({ options: z.unknown().optional() }).loose().optional();

/** Compute a plan from the stored works and the streets layer, keep it as computed, read it back. */
export function plansRouter(store: Store, doc: ApiDoc, { planningRules, today = () => new Date().toISOString().slice(0, 10) }: { planningRules: PlanningRules; today?: () => string }): Router {
  const router = Router();
  const api = doc.on(router, '/api/plans');
  const tags = ['plans'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992, for opening geometries', lang: 'nl (default) or en, for explanations; else Accept-Language' };

  api.post('/', {
    summary: 'Plan every stored work on the streets layer: one street-opening sequence',
    tags,
    query: crsQuery,
    body: { 'application/json': '{options?: {horizonStart, moratoriumYears, maxOpenSegments, separateNeighbours, crews, '
      + 'blackouts?: [{id, from, to, yearly?, districts?, types?, reason}], maxOpenPerDistrict?: {[district or "*"]: n}, '
      + 'dependencies?: [{before: workId, after: workId, gapDays?}], diversions?: [{segment, via}], '
      + 'solveSeconds?: 1..30 (time to prove the lower bound), flexibility?: {months?: 0..60, parties?: [owner], series?: true | [months]}}}' },
    responses: { 201: '{id, created_at, options, plan} (plan.flexibility = {series, opportunities} when options.flexibility.series asked it)', 400: 'bad options: a dependency cycle, unknown work or segment ids, each by field' },
  }, requires('plans:compute'), async (req, res) => {
    const body = parse(planBody, req.body ?? {}, 'body');
    const result = await computePlan(store, principalOf(res), { options: body?.options, today: today(), rules: planningRules });
    if (!result.ok) throw invalidRequest(req, result.errors);
    res.status(201).json(answer(result.record, outputCrs(req), answerLanguage(req)));
  });

  api.get('/', {
    summary: 'Stored plans, newest first, with their metrics (not their openings)',
    tags,
    query: { limit: 'at most this many (default 50, at most 500)' },
    responses: { 200: '{plans: [{id, created_at, organisation, options, metrics}]}' },
  }, requires('plans:read'), async (req, res) => {
    const limit = parse(z.coerce.number().int().min(1).max(500).default(50), req.query.limit, 'query.limit');
    res.json({ plans: await store.plans.list<PlanMetrics, PlanOptions>(limit) });
  });

  api.get('/:id', { summary: 'A stored plan', tags, query: crsQuery, responses: { 200: '{id, created_at, options, plan}', 404: 'unknown plan' } }, requires('plans:read'), async (req, res) => {
    const record = await store.plans.get<Plan, PlanOptions>(String(req.params.id));
    if (!record) throw problemOf(404, { code: 'problem.plan-not-found', params: { id: JSON.stringify(req.params.id) } });
    res.json(answer(record, outputCrs(req), answerLanguage(req)));
  });

  return router;
}

/** A stored plan as the API answers it: sentences in the reader's language beside their codes, geometry in `crs`. */
function answer(record: PlanRecord<Plan, PlanOptions>, crs: Crs, language: Language) {
  const plan = renderPlan(record.plan, language);
  return {
    id: record.id,
    created_at: record.created_at,
    options: record.options,
    plan: { ...plan, openings: plan.openings.map((o) => ({ ...o, geometry: roundGeometry(transformGeometry(o.geometry, RD_NEW, crs), crs === RD_NEW ? 3 : 9) })) },
  };
}
