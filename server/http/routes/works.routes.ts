import { Router, type Response } from 'express';
import type { Geometry } from 'geojson';
import type { Work } from '../../domain/plan/plan.types.ts';
import { serverSetErrors, validateWork, validateWorks } from '../../domain/plan/work.validation.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../../geo/crs.ts';
import type { Store } from '../../store/index.ts';
import type { WorkFeature, WorkWrite } from '../../store/work-store.ts';
import { assertAllowed, principalOf, requires } from '../auth.ts';
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
    const result = validateWorks(withOwner(req.body, who.organisation), inputCrs(req), options);
    if (!result.valid) {
      const n = featuresIn(result.errors);
      throw invalidRequest(req, result.errors, `${n} work${n === 1 ? '' : 's'} could not be accepted; nothing was stored`);
    }
    for (const owner of new Set(result.works.map((w) => w.properties.owner))) assertAllowed(res, 'works:write', owner);
    const ids = await store.transaction(async (tx) => {
      const taken: string[] = [];
      for (const w of result.works) if (w.id !== '' && (await tx.works.get(w.id))) taken.push(w.id);
      if (taken.length) throw conflict(`works already exist: ${taken.join(', ')}; nothing was stored. Use PUT to change a work`, { ids: taken });
      const created: string[] = [];
      for (const w of result.works) created.push((await tx.works.create(toStored(w))).id);
      await tx.access.auditMany(who, created.map((id) => ({ action: 'create', objectType: 'work', objectId: id, afterVersion: 1 })));
      return created;
    });
    res.status(201).json({ ids });
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
    const checked = validateWork(withOwner(req.body, principalOf(res).organisation), inputCrs(req), '', options.maxCoordinates);
    if (!checked.valid) throw invalidRequest(req, checked.errors);
    const stored = await assertOwnsStored(res, id);
    assertAllowed(res, 'works:write', checked.work.properties.owner);
    const serverSet = stored ? serverSetErrors(checked.work, stored) : [];
    if (serverSet.length) throw invalidRequest(req, serverSet);
    const result = await store.transaction(async (tx) => {
      const updated = await tx.works.update(id, { ...toStored(checked.work), id }, properties.version);
      if (updated.ok) await tx.access.audit(principalOf(res), { action: 'update', objectType: 'work', objectId: id, beforeVersion: properties.version, afterVersion: updated.work.properties.version });
      return updated;
    });
    res.type('application/geo+json').json(output(written(result, id, properties.version), outputCrs(req)));
  });

  api.delete('/:id', {
    summary: 'Delete a work at the version last read',
    tags,
    query: { version: 'the version last read (required)' },
    responses: { 204: 'deleted', 400: 'version missing', 403: 'not your work', 404: 'unknown id', 409: 'stale version' },
  }, requires('works:write'), async (req, res) => {
    const id = String(req.params.id);
    const { version } = parse(deleteQuery, req.query, 'query');
    await assertOwnsStored(res, id);
    const result = await store.transaction(async (tx) => {
      const removed = await tx.works.remove(id, version);
      if (removed.ok) await tx.access.audit(principalOf(res), { action: 'delete', objectType: 'work', objectId: id, beforeVersion: version });
      return removed;
    });
    written(result, id, version);
    res.status(204).end();
  });

  async function assertOwnsStored(res: Response, id: string) {
    const stored = await store.works.get(id);
    if (stored) assertAllowed(res, 'works:write', stored.properties.owner);
    return stored;
  }

  return router;
}

function toStored(work: Work): Omit<WorkFeature, 'id'> & { id?: string } {
  const { version: _v, ...properties } = work.properties;
  return { type: 'Feature', ...(work.id ? { id: work.id } : {}), geometry: work.geometry, properties: { ...properties, version: 1 } };
}

function written(result: WorkWrite, id: string, version: number): WorkFeature {
  if (result.ok) return result.work;
  if (result.reason === 'not-found') throw notFound(`there is no work ${JSON.stringify(id)}`);
  throw new AppError(409, 'Conflict', `work ${id} is at version ${result.current.properties.version}, not ${version}: someone changed it since you read it. Read it again and reapply your change`, {
    current: output(result.current, 'EPSG:4326'),
  });
}

/** A work in the requested CRS. */
export function output(work: WorkFeature, crs: Crs): WorkFeature {
  return { ...work, geometry: roundGeometry(transformGeometry(work.geometry as Geometry, RD_NEW, crs), crs === RD_NEW ? 3 : 9) };
}
