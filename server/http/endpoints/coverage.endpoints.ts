import { Router } from 'express';
import { listCoverage } from '../../app/coverage.ts';
import { RD_NEW, bboxToRd, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { Store } from '../../store/index.ts';
import { requires } from '../auth.ts';
import { outputCrs } from '../crs-params.ts';
import type { ApiDoc } from '../openapi.ts';
import { layerQuery, parse } from '../schemas.ts';

/** Where the ground is known: coverage areas per import and the KLIC precaution zones. */
export function coverageRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/coverage');
  api.get('/', {
    summary: 'Coverage areas and precaution zones, optionally inside a bbox',
    description:
      'Each coverage area says where an import knows a layer (a KLIC Graafpolygoon or Orientatiepolygoon per consulted operator, a register\'s area or hull, the demo district): properties {type: "coverage", source, kind, layers, owners}. Each KLIC AanduidingEisVoorzorgsmaatregel is a zone: {type: "precaution", id, owner, layer, demand, network, contact, attachment}. Outside every area of a layer the check reports unknown ground.',
    tags: ['coverage'],
    query: { bbox: 'minx,miny,maxx,maxy in the crs', crs: 'EPSG:4326 (default) or EPSG:28992' },
    responses: { 200: 'FeatureCollection', 400: 'bad bbox or crs' },
  }, requires('layers:read'), async (req, res) => {
    const crs = outputCrs(req);
    const { bbox } = parse(layerQuery, req.query, 'query');
    const known = await listCoverage(store, bbox && bboxToRd(bbox, crs));
    const decimals = crs === RD_NEW ? 3 : 9;
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      ...(crs === RD_NEW ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } } : {}),
      features: known.features.map((f) => ({ ...f, geometry: roundGeometry(transformGeometry(f.geometry, RD_NEW, crs), decimals) })),
    });
  });
  return router;
}
