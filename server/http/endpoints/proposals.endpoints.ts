import { Router, type Request } from 'express';
import { type ProposeRouteResult, proposeRoute } from '../../app/propose-route.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import type { Bottleneck } from '../../domain/space/bottleneck.ts';
import { type Crs, KNOWN_CRS_NAMES, RD_NEW, parseCrs, roundGeometry, transformGeometry, transformPosition } from '../../geo/crs.ts';
import type { Language } from '../../messages/language.ts';
import { render } from '../../messages/render.ts';
import type { Store } from '../../store/index.ts';
import { principalOf, requires } from '../auth.ts';
import { inputCrs } from '../crs-params.ts';
import { invalidRequest, withReasons } from '../invalid.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, badRequest } from '../problem.ts';
import { reportIn } from '../shape.ts';

export interface ProposalRouteOptions {
  rules: RuleSet;
  /** Today as YYYY-MM-DD: the day reservations are read on. */
  today?: () => string;
}

/** Route proposals: where a heat route (or any trench) fits between two points, each proposal with its check report. */
export function proposalsRouter(store: Store, doc: ApiDoc, { rules, today = () => new Date().toISOString().slice(0, 10) }: ProposalRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/routes/propose');

  api.post('/', {
    summary: 'Propose up to three routes between two points that keep every clearance, each with its check report',
    description: 'Body: {from: [x, y], to: [x, y], via?: [[x, y], …], kind, width_m, depth_m, crs?}. Points in WGS84 unless crs (in the body, '
      + 'or ?crs=) is EPSG:28992; the answer is in the same CRS. A proposal the check blocks is never clean; when no route is clean the answer holds '
      + 'the least-bad one and the bottleneck: the street segment, the free width across it and what takes the space.',
    tags: ['routes'],
    query: { crs: 'EPSG:4326 (default) or EPSG:28992: of the points and of the answer', lang: 'nl (default) or en; else Accept-Language' },
    body: { 'application/json': '{from, to, via?, kind, width_m, depth_m, crs?}' },
    responses: {
      200: '{proposals: [{geometry, length_m, crossings, treeZone_m, clean, verdict, report}], bottleneck?}',
      400: 'a point, kind, width or depth, naming the field',
      413: 'too far apart, too many via points or too large an area: names the limit',
      422: 'no street space connects the points for a trench this wide',
      503: 'the server is busy with other long work',
    },
  }, requires('checks:run'), async (req, res) => {
    const crs = requestCrs(req);
    const result = await proposeRoute(store, principalOf(res), rules, { body: req.body, crs, today: today() });
    res.json(answer(req, result, crs, answerLanguage(req)));
  });

  return router;
}

/** The CRS of the points: the body's `crs` (a name, or a GeoJSON crs member), else ?crs=, else WGS84. */
function requestCrs(req: Request): Crs {
  const named = (req.body as { crs?: unknown } | undefined)?.crs;
  if (typeof named !== 'string') return inputCrs(req);
  const crs = parseCrs(named);
  if (!crs) throw badRequest(`crs ${JSON.stringify(named)} is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
  return crs;
}

function answer(req: Request, result: ProposeRouteResult, crs: Crs, language: Language) {
  if (!result.ok) {
    if (result.reason === 'no-path') throw new AppError(422, 'Unprocessable content', render(result.message, language), { code: result.message.code });
    if (result.reason === 'too-large') {
      const errors = withReasons(result.errors, language);
      throw new AppError(413, 'Content too large', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
    }
    throw invalidRequest(req, result.errors);
  }
  const decimals = crs === RD_NEW ? 3 : 9;
  const at = (p: number[]) => roundGeometry({ type: 'Point' as const, coordinates: transformPosition(p, RD_NEW, crs) }, decimals).coordinates;
  return {
    crs,
    proposals: result.proposals.map((p) => ({
      geometry: roundGeometry(transformGeometry(p.geometry, RD_NEW, crs), decimals),
      length_m: p.length_m,
      crossings: p.crossings.map((c) => ({ ...c, point: at(c.point) })),
      treeZone_m: p.treeZone_m,
      clean: p.clean,
      verdict: { ...p.verdict, text: render(p.verdict, language) },
      report: reportIn(p.report, crs, language),
    })),
    ...(result.bottleneck ? { bottleneck: bottleneckIn(result.bottleneck, at, language) } : {}),
  };
}

function bottleneckIn(b: Bottleneck, at: (p: number[]) => number[], language: Language) {
  return { ...b, at: at(b.at), explanation: render(b.message, language) };
}
