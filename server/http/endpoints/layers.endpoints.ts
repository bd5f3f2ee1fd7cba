import { Router, type Request } from 'express';
import type { LayerName } from '../../domain/assets/layers.ts';
import { LAYERS, isLayerName } from '../../domain/assets/layers.ts';
import { type LayerRefusal, addFeatures, removeFeature, replaceFeature } from '../../app/layers.ts';
import { type Crs, RD_NEW, bboxToRd, transformPosition } from '../../geo/crs.ts';
import type { Store } from '../../store/index.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import { withOwner } from '../owner.ts';
import type { ApiDoc } from '../openapi.ts';
import type { VertexLimits } from '../../geo/geometry.validation.ts';
import { AppError, conflict, notFound } from '../problem.ts';
import { collection, output } from '../shape.ts';
import { featuresIn, invalidRequest } from '../invalid.ts';
import { deleteQuery, layerQuery, parse, versionedFeature } from '../schemas.ts';

export interface LayerRouteOptions {
  maxFeatures: number;
  maxCoordinates: number;
  vertexLimits?: Partial<VertexLimits>;
}

/** The layer API: read by bbox, add collections, and read/replace/delete one feature with its version. */
export function layersRouter(store: Store, doc: ApiDoc, options: LayerRouteOptions): Router {
  const { features } = store;
  const router = Router();
  const api = doc.on(router, '/api/layers');
  const tags = ['layers'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992' };

  api.get('/', { summary: 'Every layer with its feature count and extent', tags, query: crsQuery, responses: { 200: 'layer summaries' } }, requires('layers:read'), async (req, res) => {
    const crs = outputCrs(req);
    const summaries = await features.summaries();
    res.json(summaries.map((s) => ({ ...s, extent: s.extent && extentIn(s.extent, crs) })));
  });

  api.get('/:layer', {
    summary: 'Features of a layer, optionally inside a bbox',
    tags,
    query: { bbox: 'minx,miny,maxx,maxy in the crs', limit: 'at most this many features (default 100000)', ...crsQuery },
    responses: { 200: 'FeatureCollection', 400: 'bad bbox or crs', 404: 'unknown layer' },
  }, requires('layers:read'), async (req, res) => {
    const layer = layerParam(req);
    const crs = outputCrs(req);
    const { bbox, limit } = parse(layerQuery, req.query, 'query');
    const assets = await features.inBbox(layer, bbox && bboxToRd(bbox, crs), limit);
    res.type('application/geo+json').json(collection(assets, crs));
  });

  api.post('/:layer/features', {
    summary: 'Add a FeatureCollection to a layer, all or nothing',
    tags,
    query: crsQuery,
    body: { 'application/geo+json': 'FeatureCollection; a crs member naming EPSG:28992 marks RD New input' },
    responses: { 201: 'ids of the stored features', 400: 'every bad feature: errors [{field, code, params, reason}]', 403: 'an owner other than yours', 404: 'unknown layer', 409: 'an id already exists', 413: 'body too large' },
  }, requires('layers:write'), async (req, res) => {
    const layer = layerParam(req);
    const who = principalOf(res);
    const stored = await addFeatures(store, who, { layer, collection: withOwner(req.body, who.organisation), crs: inputCrs(req), limits: options });
    if (!stored.ok) {
      if (stored.reason === 'invalid') {
        const n = featuresIn(stored.errors);
        throw invalidRequest(req, stored.errors, `${n} feature${n === 1 ? '' : 's'} could not be accepted; nothing was stored`);
      }
      throw refusal(req, stored, layer, '', 0);
    }
    res.status(201).json({ layer, ids: stored.ids, created: stored.created });
  });

  api.get('/:layer/features/:id', { summary: 'One feature', tags, query: crsQuery, responses: { 200: 'Feature', 404: 'unknown layer or id' } }, requires('layers:read'), async (req, res) => {
    const layer = layerParam(req);
    const asset = await features.get(layer, String(req.params.id));
    if (!asset) throw notFound(`${layer} has no feature ${JSON.stringify(req.params.id)}`);
    res.type('application/geo+json').json(output(asset, outputCrs(req)));
  });

  api.put('/:layer/features/:id', {
    summary: 'Replace a feature; properties.version must be the version last read',
    tags,
    query: crsQuery,
    body: { 'application/geo+json': 'Feature with properties.version' },
    responses: { 200: 'the stored Feature with its new version', 400: 'invalid feature', 403: 'not your asset', 404: 'unknown layer or id', 409: 'stale version; the newer feature is returned' },
  }, requires('layers:write'), async (req, res) => {
    const layer = layerParam(req);
    const id = String(req.params.id);
    const { properties } = parse(versionedFeature, req.body, 'body');
    const who = principalOf(res);
    const result = await replaceFeature(store, who, { layer, id, feature: withOwner(req.body, who.organisation), crs: inputCrs(req), version: properties.version, limits: options });
    if (!result.ok) throw refusal(req, result, layer, id, properties.version);
    res.type('application/geo+json').json(output(result.asset, outputCrs(req)));
  });

  api.delete('/:layer/features/:id', {
    summary: 'Delete a feature at the version last read',
    tags,
    query: { version: 'the version last read (required)' },
    responses: { 204: 'deleted', 400: 'version missing', 403: 'not your asset', 404: 'unknown layer or id', 409: 'stale version' },
  }, requires('layers:write'), async (req, res) => {
    const layer = layerParam(req);
    const id = String(req.params.id);
    const { version } = parse(deleteQuery, req.query, 'query');
    const result = await removeFeature(store, principalOf(res), { layer, id, version });
    if (!result.ok) throw refusal(req, result, layer, id, version);
    res.status(204).end();
  });

  return router;
}


function layerParam(req: Request): LayerName {
  const layer = String(req.params.layer);
  if (!isLayerName(layer)) throw notFound(`there is no layer ${JSON.stringify(layer)}; the layers are ${LAYERS.join(', ')}`);
  return layer;
}

/** The problem a refused layer write answers as. */
function refusal(req: Request, result: LayerRefusal, layer: LayerName, id: string, version: number): AppError {
  switch (result.reason) {
    case 'invalid':
      return invalidRequest(req, result.errors);
    case 'forbidden':
      return forbidden(req, result.refusal);
    case 'id-exists':
      return conflict(`ids already exist in ${layer}: ${result.ids.join(', ')}; nothing was stored. Use PUT to change a feature`, { ids: result.ids });
    case 'not-found':
      return notFound(`${layer} has no feature ${JSON.stringify(id)}`);
    case 'stale-version':
      return new AppError(409, 'Conflict', `${layer}/${id} is at version ${result.current.properties.version}, not ${version}: someone changed it since you read it. Read it again and reapply your change`, {
        current: output(result.current, 'EPSG:4326'),
      });
  }
}

function extentIn(extent: [number, number, number, number], crs: Crs) {
  if (crs === RD_NEW) return extent;
  const [minX, minY, maxX, maxY] = extent;
  const corners = [[minX, minY], [minX, maxY], [maxX, minY], [maxX, maxY]].map((p) => transformPosition(p, RD_NEW, crs));
  const xs = corners.map((p) => p[0]!);
  const ys = corners.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => +v.toFixed(9));
}
