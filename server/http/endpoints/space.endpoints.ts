import { type Request, type Response, Router } from 'express';
import { scanSpace } from '../../app/scan-space.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import { SPACE_LIMITS, type SpaceLimits } from '../../domain/space/space-request.validation.ts';
import { spaceToCsv } from '../../exports/space-csv.ts';
import { spaceCollection } from '../../exports/space-geojson.ts';
import { bboxToRd, type BBox } from '../../geo/crs.ts';
import { translator } from '../../messages/render.ts';
import { principalOf, requires } from '../auth.ts';
import { outputCrs } from '../crs-params.ts';
import { invalidRequest } from '../invalid.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError } from '../problem.ts';

export interface SpaceRouteOptions {
  rules: RuleSet;
  spaceLimits?: SpaceLimits;
  today?: () => string;
}

type Format = 'json' | 'csv' | 'geojson';

/** The space scan: does a trench of a kind and width fit in the streets of an area? As GeoJSON, or as CSV/GeoJSON files. */
export function spaceRouter(store: Parameters<typeof scanSpace>[0], doc: ApiDoc, { rules, spaceLimits = SPACE_LIMITS, today = () => new Date().toISOString().slice(0, 10) }: SpaceRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api');
  const tags = ['space'];
  const query = {
    kind: 'what the trench carries: heat, water, gas, cables or sewer',
    width_m: 'the trench width in metres (0.05–10), e.g. 0.9 for a twin heat pipe',
    bbox: `minx,miny,maxx,maxy in the crs; at most ${spaceLimits.maxArea_km2} km² and ${spaceLimits.maxSegments} segments`,
    segments: 'segment ids, comma-separated (with or instead of bbox)',
    crs: 'EPSG:4326 (default) or EPSG:28992, for the bbox and the answer',
    lang: 'nl (default) or en, for explanations and headers; else Accept-Language',
  };
  const responses = { 400: 'bad kind, width, bbox or segments: errors [{field, code, params, reason}]', 413: 'area or segment count over the limit, named' };

  const handle = (fixed?: Format) => async (req: Request, res: Response) => {
    const format = fixed ?? formatOf(req);
    const crs = outputCrs(req);
    const language = answerLanguage(req);
    const result = await scanSpace(store, rules, {
      kind: req.query.kind,
      width_m: req.query.width_m,
      ...bboxOf(req, crs),
      ...segmentsOf(req),
      organisation: principalOf(res).organisation,
      on: today(),
      limits: spaceLimits,
    });
    if (!result.ok) {
      const problem = invalidRequest(req, result.errors);
      throw result.reason === 'too-large' ? new AppError(413, 'Content too large', problem.detail, problem.extras) : problem;
    }
    const { request, segments, scans } = result;
    if (format === 'csv') return attach(res, spaceToCsv(scans, language), 'text/csv; charset=utf-8', `${translator(language)('space.export.filename')}-${request.kind}.csv`);
    const collection = spaceCollection(segments, scans, { kind: request.kind, width_m: request.width_m, crs, language });
    if (format === 'geojson') return attach(res, JSON.stringify(collection), 'application/geo+json', `${translator(language)('space.export.filename')}-${request.kind}.geojson`);
    res.type('application/geo+json').json(collection);
  };

  api.get('/space', {
    summary: 'Per street segment: does a trench of this kind and width fit, how wide is it where narrowest, what takes the space',
    tags,
    query: { ...query, format: 'csv or geojson for a file to download (else the answer itself)' },
    responses: { 200: 'FeatureCollection: per segment its geometry and verdict, its free corridor (role corridor) and narrowest point (role narrowest)', ...responses },
  }, requires('layers:read'), handle());
  api.get('/space.csv', { summary: 'The space scan as CSV for a report (headers and numbers in the reader\'s language)', tags, query, responses: { 200: 'text/csv attachment', ...responses } }, requires('layers:read'), handle('csv'));
  api.get('/space.geojson', { summary: 'The space scan as a GeoJSON file', tags, query, responses: { 200: 'application/geo+json attachment', ...responses } }, requires('layers:read'), handle('geojson'));
  return router;
}

function formatOf(req: Request): Format {
  const format = req.query.format;
  if (format === undefined) return 'json';
  if (format === 'csv' || format === 'geojson') return format;
  throw invalidRequest(req, [{ field: 'format', code: 'validation.space.format', params: { value: JSON.stringify(format).slice(0, 40) } }]);
}

/** The bbox in RD New; one that is not four numbers is refused here, with the text as sent. */
function bboxOf(req: Request, crs: ReturnType<typeof outputCrs>): { bbox?: BBox } {
  const raw = req.query.bbox;
  if (raw === undefined) return {};
  const parts = typeof raw === 'string' ? raw.split(',').map((v) => (v.trim() === '' ? NaN : Number(v))) : [];
  if (parts.length !== 4 || !parts.every(Number.isFinite)) {
    throw invalidRequest(req, [{ field: 'bbox', code: 'validation.space.bbox', params: { value: JSON.stringify(raw).slice(0, 80) } }]);
  }
  // RD New metres sent without saying so are no degrees: name the fix, not a bbox of nulls.
  if (crs !== 'EPSG:28992' && parts.some((v) => Math.abs(v) > 180)) {
    throw invalidRequest(req, [{ field: 'bbox', code: 'validation.space.bbox-rd', params: { value: JSON.stringify(raw).slice(0, 80) } }]);
  }
  return { bbox: bboxToRd(parts as BBox, crs) };
}

function segmentsOf(req: Request): { segments?: string[] } {
  const raw = req.query.segments;
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  return { segments: raw.split(',').map((s) => s.trim()).filter(Boolean) };
}

function attach(res: Response, body: string, type: string, filename: string): void {
  res.set('Content-Type', type);
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
