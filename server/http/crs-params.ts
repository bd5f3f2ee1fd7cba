import type { Request } from 'express';
import { type Crs, KNOWN_CRS_NAMES, WGS84, crsMember, parseCrs } from '../geo/crs.ts';
import { badRequest } from './problem.ts';

/** The CRS the client asks answers in: `?crs=`, default WGS84 (RFC 7946). */
export function outputCrs(req: Request): Crs {
  const name = req.query.crs;
  if (name === undefined) return WGS84;
  const crs = typeof name === 'string' ? parseCrs(name) : undefined;
  if (!crs) throw badRequest(`crs ${JSON.stringify(name)} is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
  return crs;
}

/** The CRS of a request body (or of a GeoJSON object inside it): its `crs` member, else `?crs=`, else WGS84. */
export function inputCrs(req: Request, geojson: unknown = req.body): Crs {
  const member = crsMember(geojson);
  if (member && 'unknown' in member) {
    throw badRequest(`crs member names ${JSON.stringify(member.unknown)}, which is not supported; use one of ${KNOWN_CRS_NAMES.join(', ')}`);
  }
  return member?.crs ?? outputCrs(req);
}
