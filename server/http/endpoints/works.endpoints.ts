import { Router, type Request } from 'express';
import type { Geometry } from 'geojson';
import { type WorkRefusal, createWorks, deleteWork, updateWork } from '../../app/works.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { Store } from '../../store/index.ts';
import type { WorkFeature } from '../../store/work-store.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { withOwner } from '../owner.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, conflict, notFound } from '../problem.ts';
import { featuresIn, invalidRequest } from '../invalid.ts';
import { deleteQuery, parse, versionedFeature } from '../schemas.ts';

/** The works API: a programme of planned works, each with a version for optimistic concurrency. */
export function worksRouter(store: Store, doc: ApiDoc, options: { maxFeatures: number; maxCoordinates: number }): Router {
  const router = Router();
  const api = doc.on(router, '/api/works');
  const tags = ['works'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992' };

  api.get('/', { summary: 'Every planned work', tags, query: crsQuery, responses: { 200: '{works: Feature[]}' } }, requires('works:read'), async (req, res) => {
    const crs = outputCrs(req);
    res.json({ works: (await store.works.list()).map((w) => output(w, crs)) });
  });

  api.post('/', {
    summary: 'Add works (a Feature or a FeatureCollection), all or nothing; owner defaults to your organisation',
    tags,
    query: crsQuery,
    body: { 'application/geo+json': 'Feature or FeatureCollection of works: type, owner, duration_days, preferred_start, earliest_start, latest_end, depth_m' },
    responses: { 201: '{ids}', 400: 'every bad work: errors [{field, code, params, reason}]', 403: 'an owner other than yours', 409: 'an id already exists' },
  }, requires('works:write'), async (req, res) => {
    const who = principalOf(res);
    const result = await createWorks(store, who, { works: withOwner(req.body, who.organisation), crs: inputCrs(req), limits: options });
    if (!result.ok) {
      if (result.reason === 'invalid') {
        const n = featuresIn(result.errors);
        throw invalidRequest(req, result.errors, `${n} work${n === 1 ? '' : 's'} could not be accepted; nothing was stored`);
      }
      throw refusal(req, result, '', 0);
    }
    res.status(201).json({ ids: result.ids });
  });

  api.get('/:id', { summary: 'One work', tags, query: crsQuery, responses: { 200: 'Feature', 404: 'unknown id' } }, requires('works:read'), async (req, res) => {
    const work = await store.works.get(String(req.params.id));
    if (!work) throw notFound(`there is no work ${JSON.stringify(req.params.id)}`);
    res.type('application/geo+json').json(output(work, outputCrs(req)));
  });

  api.put('/:id', {
    summary: 'Replace a work; properties.version must be the version last read',
    tags,
    query: crsQuery,
    body: { 'application/geo+json': 'Feature with properties.version' },
    responses: { 200: 'the stored work with its new version', 400: 'invalid work', 403: 'not your work', 404: 'unknown id', 409: 'stale version; the newer work is returned' },
  }, requires('works:write'), async (req, res) => {
    const id = String(req.params.id);
    const { properties } = parse(versionedFeature, req.body, 'body');
    const who = principalOf(res);
    const result = await updateWork(store, who, { id, work: withOwner(req.body, who.organisation), crs: inputCrs(req), version: properties.version, maxCoordinates: options.maxCoordinates });
    if (!result.ok) throw refusal(req, result, id, properties.version);
    res.type('application/geo+json').json(output(result.work, outputCrs(req)));
  });

  api.delete('/:id', {
    summary: 'Delete a work at the version last read',
    tags,
    query: { version: 'the version last read (required)' },
    responses: { 204: 'deleted', 400: 'version missing', 403: 'not your work', 404: 'unknown id', 409: 'stale version' },
  }, requires('works:write'), async (req, res) => {
    const id = String(req.params.id);
    const { version } = parse(deleteQuery, req.query, 'query');
    const result = await deleteWork(store, principalOf(res), { id, version });
    if (!result.ok) throw refusal(req, result, id, version);
    res.status(204).end();
  });

  return router;
}

/** The problem a refused works write answers as. */
function refusal(req: Request, result: WorkRefusal, id: string, version: number): AppError {
  switch (result.reason) {
    case 'invalid':
      return invalidRequest(req, result.errors);
    case 'forbidden':
      return forbidden(req, result.refusal);
    case 'id-exists':
      return conflict(`works already exist: ${result.ids.join(', ')}; nothing was stored. Use PUT to change a work`, { ids: result.ids });
    case 'not-found':
      return notFound(`there is no work ${JSON.stringify(id)}`);
    case 'stale-version':
      return new AppError(409, 'Conflict', `work ${id} is at version ${result.current.properties.version}, not ${version}: someone changed it since you read it. Read it again and reapply your change`, {
        current: output(result.current, 'EPSG:4326'),
      });
  }
}

/** A work in the requested CRS. */
export function output(work: WorkFeature, crs: Crs): WorkFeature {
  return { ...work, geometry: roundGeometry(transformGeometry(work.geometry as Geometry, RD_NEW, crs), crs === RD_NEW ? 3 : 9) };
}
