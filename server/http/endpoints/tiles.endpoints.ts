import { Router, type Request, type Response } from 'express';
import { LAYERS, type LayerName, isLayerName } from '../../domain/assets/layers.ts';
import { RD_MAX_ZOOM, type RdTile, isRdTile } from '../../geo/rd-tile-grid.ts';
import type { Store } from '../../store/index.ts';
import { layerVersions, readTiles } from '../../store/tile-store.ts';
import { requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';
import { problemOf } from '../problem.ts';
import { TileCache } from '../tile-cache.ts';

/**
 * Memory for made tiles: a city overview at level 6 costs the embedded store most of a second per tile, and every
 * reader of the same view asks for the same ones. 64 MB holds a few thousand typical tiles.
 */
const TILE_CACHE_BYTES = 64 * 1024 * 1024;

/** Bumped when the encoding changes, so a tile cached by an older server is not taken for a current one. */
const TILE_FORMAT = 3;

/**
 * Vector tiles in the RD New tile grid of the PDOK basemap, for the map's overview of a whole city: one tile with
 * every layer (or the ones asked for), and a tile per layer. Read with the same grant as the layers themselves;
 * revalidated by ETag (the included layers' versions), so an unchanged view costs one index lookup per tile.
 */
export function tilesRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/tiles');
  const cache = new TileCache(TILE_CACHE_BYTES);
  const responses = { 200: 'application/vnd.mapbox-vector-tile', 204: 'no features in the tile', 304: 'unchanged since the ETag sent', 400: 'bad z/x/y or unknown layer' };

  const answer = async (req: Request, res: Response, layers: readonly LayerName[], tile: RdTile) => {
    const versions = await layerVersions(store.db, layers);
    const etag = `"${TILE_FORMAT}-${layers.map((layer, i) => `${layer}-${versions[i]}`).join('+')}"`;
    // Private: tiles are read with a token. no-cache: kept, but asked again each time, since any write changes them.
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (matches(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    const { tile: { mvt, features }, hit } = await cache.get(`${etag}/${tile.z}/${tile.x}/${tile.y}`, () => readTiles(store.db, layers, tile));
    res.set('X-Tile-Cache', hit ? 'hit' : 'miss');
    if (features === 0) {
      res.status(204).end();
      return;
    }
    res.type('application/vnd.mapbox-vector-tile').set('X-Tile-Features', String(features)).send(Buffer.from(mvt.buffer, mvt.byteOffset, mvt.byteLength));
  };

  // Every layer in one tile: HTTP/1.1 gives a page six connections, and a view of 15 tiles of 8 layers was 120 requests.
  api.get('/:z/:x/:y.mvt', {
    summary: 'A vector tile (Mapbox Vector Tile) of every layer, each a tile layer named after it, in the RD New grid (EPSG:28992, PDOK: levels 0–16, 256 px)',
    tags: ['layers'],
    query: { layers: `comma-separated layers to include (default: all of ${LAYERS.join(', ')})` },
    responses,
  }, requires('layers:read'), async (req, res) => {
    await answer(req, res, layersParam(req.query.layers), tileParam(req));
  });

  api.get('/:layer/:z/:x/:y.mvt', {
    summary: 'A vector tile (Mapbox Vector Tile) of a layer in the RD New grid (EPSG:28992, PDOK: levels 0–16, 256 px)',
    tags: ['layers'],
    responses,
  }, requires('layers:read'), async (req, res) => {
    await answer(req, res, layersParam(String(req.params.layer)), tileParam(req));
  });

  return router;
}

/**
 * The layers of `?layers=a,b` (or a path's one layer), each once, in the order given; all of them when not asked.
 * Every role that reads layers reads all of them (domain/access/policy.ts), so there is none to leave out here.
 */
function layersParam(value: unknown): LayerName[] {
  if (value === undefined) return [...LAYERS];
  const names = typeof value === 'string' ? value.split(',') : [String(value)];
  const bad = names.find((name) => !isLayerName(name));
  if (bad !== undefined) throw problemOf(400, { code: 'problem.tile-layer', params: { layer: JSON.stringify(bad), layers: LAYERS.join(', ') } });
  return [...new Set(names as LayerName[])];
}

function tileParam(req: Request): RdTile {
  const [z, x, y] = (['z', 'x', 'y'] as const).map((k) => String(req.params[k]));
  const tile = { z: whole(z!), x: whole(x!), y: whole(y!) };
  if (!isRdTile(tile)) {
    throw problemOf(400, { code: 'problem.tile-address', params: { tile: `${z}/${x}/${y}`, max_z: String(RD_MAX_ZOOM) } }, { z, x, y });
  }
  return tile;
}

/** A whole number written plainly ("7", not "7.0", "0x7" or " 7"), else NaN. */
const whole = (text: string) => (/^\d{1,6}$/.test(text) ? Number(text) : NaN);

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
