import { Router } from 'express';
import type { Feature, Geometry } from 'geojson';
import { runCheck } from '../../check/run-check.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import { type ExplainedReport, explainReport, type StoredReport } from '../../messages/report.ts';
import type { Language } from '../../messages/language.ts';
import type { CheckRecord } from '../../store/check-store.ts';
import type { Store } from '../../store/index.ts';
import { principalOf, requires, seesAll } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import type { VertexLimits } from '../../geo/geometry.validation.ts';
import { notFound } from '../problem.ts';
import { invalidRequest } from '../invalid.ts';

export interface CheckRouteOptions {
  rules: RuleSet;
  maxCoordinates: number;
  vertexLimits?: Partial<VertexLimits>;
}

/** Trench checks: run one against every layer and store the report; read a stored one back. */
export function checksRouter(store: Store, doc: ApiDoc, options: CheckRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/checks');
  const tags = ['checks'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992: of the input without a crs member, and of the answer', lang: 'nl (default) or en: the language of each conflict\'s explanation; else Accept-Language' };

  api.post('/', {
    summary: 'Check a trench or route against every layer',
    description: 'Body: a trench Feature (LineString centreline with kind, width_m, depth_m; or a Polygon footprint with kind, depth_m), or a FeatureCollection with one. The report is stored with the rule set used.',
    tags,
    query: crsQuery,
    body: { 'application/geo+json': 'trench Feature or FeatureCollection with one Feature' },
    responses: { 201: '{id, created_at, ruleSet, report}', 400: 'the trench, naming the field and the reason', 403: 'role may not run checks' },
  }, requires('checks:run'), async (req, res) => {
    const result = await runCheck(store, options.rules, req.body, inputCrs(req), { maxCoordinates: options.maxCoordinates, vertexLimits: options.vertexLimits });
    if (!result.ok) {
      throw invalidRequest(req, result.errors);
    }
    const record = await store.checks.save(principalOf(res).organisation, result.report.ruleSet, result.trench as Feature<Geometry>, result.report);
    res.status(201).json(answer(record, outputCrs(req), answerLanguage(req)));
  });

  api.get('/:id', {
    summary: 'A stored check report',
    tags,
    query: crsQuery,
    responses: { 200: '{id, created_at, ruleSet, report}', 404: 'no such check, or one of another organisation you may not read' },
  }, requires('checks:read'), async (req, res) => {
    const id = String(req.params.id);
    const record = UUID.test(id) ? await store.checks.get<StoredReport>(id) : undefined;
    // Another organisation's check answers like a missing one: its existence is not the caller's business.
    if (!record || (!seesAll(res, 'checks:read') && record.organisation !== principalOf(res).organisation)) {
      throw notFound(`there is no check ${JSON.stringify(id)} you can read; use the id POST /api/checks answered`);
    }
    res.json(answer(record, outputCrs(req), answerLanguage(req)));
  });

  return router;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored record as the contract shapes it, conflict locations in the answer's CRS. */
export function answer(record: CheckRecord<StoredReport>, crs: Crs, language: Language) {
  return {
    id: record.id,
    created_at: record.created_at,
    ruleSet: { id: record.rule_set_id, version: record.rule_set_version },
    report: reportIn(record.report, crs, language),
  };
}

/** A report as stored (RD New) with its conflict locations in `crs` and its explanations in `language`. */
export function reportIn(report: StoredReport, crs: Crs, language: Language): ExplainedReport {
  const decimals = crs === RD_NEW ? 3 : 9;
  const explained = explainReport(report, language);
  return { ...explained, conflicts: explained.conflicts.map((c) => ({ ...c, location: roundGeometry(transformGeometry(c.location, RD_NEW, crs), decimals) })) };
}
