import { Router, type Request } from 'express';
import type { Asset, LayerName } from '../../domain/assets/layers.ts';
import { LAYERS, isLayerName } from '../../domain/assets/layers.ts';
import { validateFeature, validateFeatureCollection } from '../../domain/assets/asset.validation.ts';
import { type Crs, RD_NEW, bboxToRd, roundGeometry, transformGeometry, transformPosition } from '../../geo/crs.ts';
import type { FeatureStore } from '../../store/feature-store.ts';
import { inputCrs, outputCrs } from '../crs-params.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, badRequest, conflict, notFound } from '../problem.ts';
import { deleteQuery, layerQuery, parse, versionedFeature } from '../schemas.ts';

export interface LayerRouteOptions {
  maxFeatures: number;
  maxCoordinates: number;
}

/** The layer API: read by bbox, add collections, and read/replace/delete one feature with its version. */
export function layersRouter(features: FeatureStore, doc: ApiDoc, options: LayerRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/layers');
  const tags = ['layers'];
  const crsQuery = { crs: 'EPSG:4326 (default) or EPSG:28992' };

  api.get('/', { summary: 'Every layer with its feature count and extent', tags, query: crsQuery, responses: { 200: 'layer summaries' } }, async (req, res) => {
    const crs = outputCrs(req);
    const summaries = await features.summaries();
    res.json(summaries.map((s) => ({ ...s, extent: s.extent && extentIn(s.extent, crs) })));
  });

  api.get('/:layer', {
    summary: 'Features of a layer, optionally inside a bbox',
    tags,
    query: { bbox: 'minx,miny,maxx,maxy in the crs', limit: 'at most this many features (default 100000)', ...crsQuery },
    responses: { 200: 'FeatureCollection', 400: 'bad bbox or crs', 404: 'unknown layer' },
  }, async (req, res) => {
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
    responses: { 201: 'ids of the stored features', 400: 'every bad feature by index with its reason', 404: 'unknown layer', 409: 'an id already exists', 413: 'body too large' },
  }, async (req, res) => {
    const layer = layerParam(req);
    const result = validateFeatureCollection(req.body, layer, inputCrs(req), options);
    if (!result.valid) {
      const n = result.errors.length;
      throw badRequest(`${n} feature${n === 1 ? '' : 's'} could not be accepted; nothing was stored`, { errors: result.errors });
    }
    const stored = await features.insert(layer, result.assets);
    if (!stored.ok) {
      throw conflict(`ids already exist in ${layer}: ${stored.ids.join(', ')}; nothing was stored. Use PUT to change a feature`, { ids: stored.ids });
    }
    res.status(201).json({ layer, ids: stored.ids, created: stored.created });
  });

  api.get('/:layer/features/:id', { summary: 'One feature', tags, query: crsQuery, responses: { 200: 'Feature', 404: 'unknown layer or id' } }, async (req, res) => {
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
    responses: { 200: 'the stored Feature with its new version', 400: 'invalid feature', 404: 'unknown layer or id', 409: 'stale version; the newer feature is returned' },
  }, async (req, res) => {
    const layer = layerParam(req);
    const { properties } = parse(versionedFeature, req.body, 'body');
    const asset = validateFeature(req.body, layer, inputCrs(req), options.maxCoordinates);
    if ('code' in asset) throw badRequest(asset.reason, { errors: [{ index: 0, code: asset.code, reason: asset.reason }] });
    const result = await features.update(layer, String(req.params.id), asset, properties.version);
    res.type('application/geo+json').json(output(written(result, layer, String(req.params.id), properties.version), outputCrs(req)));
  });

  api.delete('/:layer/features/:id', {
    summary: 'Delete a feature at the version last read',
    tags,
    query: { version: 'the version last read (required)' },
    responses: { 204: 'deleted', 400: 'version missing', 404: 'unknown layer or id', 409: 'stale version' },
  }, async (req, res) => {
    const layer = layerParam(req);
    const { version } = parse(deleteQuery, req.query, 'query');
    const result = await features.remove(layer, String(req.params.id), version);
    written(result, layer, String(req.params.id), version);
    res.status(204).end();
  });

  return router;
}

function layerParam(req: Request): LayerName {
  const layer = String(req.params.layer);
  if (!isLayerName(layer)) throw notFound(`there is no layer ${JSON.stringify(layer)}; the layers are ${LAYERS.join(', ')}`);
  return layer;
}

function written(result: Awaited<ReturnType<FeatureStore['update']>>, layer: LayerName, id: string, version: number): Asset {
  if (result.ok) return result.asset;
  if (result.reason === 'not-found') throw notFound(`${layer} has no feature ${JSON.stringify(id)}`);
  throw new AppError(409, 'Conflict', `${layer}/${id} is at version ${result.current.properties.version}, not ${version}: someone changed it since you read it. Read it again and reapply your change`, {
    current: output(result.current, 'EPSG:4326'),
  });
}

/** An asset in the requested CRS, rounded to well under a millimetre. */
export function output(asset: Asset, crs: Crs): Asset {
  const geometry = transformGeometry(asset.geometry, RD_NEW, crs);
  return { ...asset, geometry: roundGeometry(geometry, crs === RD_NEW ? 3 : 9) };
}

export function collection(assets: Asset[], crs: Crs) {
  return {
    type: 'FeatureCollection' as const,
    ...(crs === RD_NEW ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } } : {}),
    features: assets.map((a) => output(a, crs)),
  };
}

function extentIn(extent: [number, number, number, number], crs: Crs) {
  if (crs === RD_NEW) return extent;
  const [minX, minY, maxX, maxY] = extent;
  const corners = [[minX, minY], [minX, maxY], [maxX, minY], [maxX, maxY]].map((p) => transformPosition(p, RD_NEW, crs));
  const xs = corners.map((p) => p[0]!);
  const ys = corners.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => +v.toFixed(9));
}
