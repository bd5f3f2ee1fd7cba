import { Router } from 'express';
import { z } from 'zod';
import { generateReservations } from '../../app/generate-reservations.ts';
import type { StreetProfile } from '../../domain/space/street-profile.ts';
import { bboxToRd } from '../../geo/crs.ts';
import type { Store } from '../../store/index.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { invalidRequest } from '../invalid.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError } from '../problem.ts';
import { parse } from '../schemas.ts';
import { collection } from '../shape.ts';

export interface ReservationRouteOptions {
  profiles: readonly StreetProfile[];
  maxSegments: number;
}

const generateBody = z.object({
  profile: z.string().min(1).optional(),
  segments: z.array(z.string().min(1)).min(1).optional(),
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()], { message: 'bbox must be [minx, miny, maxx, maxy] (four numbers)' })
    .refine((v) => v[0] < v[2] && v[1] < v[3], { message: 'bbox min must be below max ([minx, miny, maxx, maxy])' })
    .optional(),
  crs: z.unknown().optional(),
}).strict();

/** Reservations made from street profiles: the municipality's division of the street's underground, laid on chosen segments. */
export function reservationsRouter(store: Store, doc: ApiDoc, options: ReservationRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/reservations');

  api.post('/generate', {
    summary: 'Lay lane reservations from a street profile on chosen street segments',
    description: `Body: {profile?, segments?: [segment_id or id, …], bbox?: [minx, miny, maxx, maxy]} (bbox in the crs). One reservation per lane of the profile (chosen per segment by street_type or width when not given), owned by your organisation (a municipality's), with a stable id <profile>:<segment>:<lane>:<side>: generating again updates them. At most ${options.maxSegments} segments per request. Written in one transaction, audited.`,
    tags: ['reservations'],
    query: { crs: 'EPSG:4326 (default) or EPSG:28992: of the bbox and of the answer' },
    body: { 'application/json': '{profile?, segments?, bbox?}' },
    responses: {
      200: 'FeatureCollection of the reservations laid, with created, updated, unchanged, removed and per segment the profile chosen',
      400: 'unknown profile or segment, no segments or bbox; errors [{field, code, reason}]',
      403: 'not a municipality, or a reservation of another owner',
      413: 'more segments than the limit; the limit is named',
    },
  }, requires('layers:write'), async (req, res) => {
    const body = parse(generateBody, req.body ?? {}, 'body');
    const crs = inputCrs(req);
    const result = await generateReservations(store, principalOf(res), options, {
      ...(body.profile ? { profile: body.profile } : {}),
      ...(body.segments ? { segments: body.segments } : {}),
      ...(body.bbox ? { bbox: bboxToRd(body.bbox, crs) } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'forbidden') throw forbidden(req, result.refusal);
      if (result.reason === 'too-many') {
        throw new AppError(413, 'Payload too large', `${result.count} street segments asked for, more than the limit of ${result.max} per request; ask in parts`, { count: result.count, max: result.max });
      }
      throw invalidRequest(req, result.errors);
    }
    const out = outputCrs(req);
    res.type('application/geo+json').json({
      ...collection(result.reservations, out),
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      removed: result.removed,
      segments: result.segments,
    });
  });

  return router;
}
