import { Router, type Request } from 'express';
import { LAYERS, type LayerName, isLayerName } from '../../domain/assets/layers.ts';
import { RD_MAX_ZOOM, type RdTile, isRdTile } from '../../geo/rd-tile-grid.ts';
import type { Store } from '../../store/index.ts';
import { layerVersion, readTile } from '../../store/tile-store.ts';
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
const TILE_FORMAT = 1;

/**
 * Vector tiles of a layer in the RD New tile grid of the PDOK basemap, for the map's overview of a whole city. Read
 * with the same grant as the layer itself; revalidated by ETag (the layer's version), so an unchanged layer costs
 * one index lookup per tile.
 */
export function tilesRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/tiles');
  const cache = new TileCache(TILE_CACHE_BYTES);

  api.get('/:layer/:z/:x/:y.mvt', {
    summary: 'A vector tile (Mapbox Vector Tile) of a layer in the RD New grid (EPSG:28992, PDOK: levels 0–16, 256 px)',
    tags: ['layers'],
    responses: { 200: 'application/vnd.mapbox-vector-tile', 204: 'no features in the tile', 304: 'unchanged since the ETag sent', 400: 'bad z/x/y or unknown layer' },
  }, requires('layers:read'), async (req, res) => {
    const { layer, tile } = tileParams(req);
    const etag = `"${TILE_FORMAT}-${layer}-${await layerVersion(store.db, layer)}"`;
    // Private: tiles are read with a token. no-cache: kept, but asked again each time, since any write changes them.
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (matches(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    const { tile: { mvt, features }, hit } = await cache.get(`${etag}/${tile.z}/${tile.x}/${tile.y}`, () => readTile(store.db, layer, tile));
    res.set('X-Tile-Cache', hit ? 'hit' : 'miss');
    if (features === 0) {
      res.status(204).end();
      return;
    }
    res.type('application/vnd.mapbox-vector-tile').set('X-Tile-Features', String(features)).send(Buffer.from(mvt.buffer, mvt.byteOffset, mvt.byteLength));
  });

  return router;
}

function tileParams(req: Request): { layer: LayerName; tile: RdTile } {
  const layer = String(req.params.layer);
  if (!isLayerName(layer)) throw problemOf(400, { code: 'problem.tile-layer', params: { layer: JSON.stringify(layer), layers: LAYERS.join(', ') } });
  const [z, x, y] = (['z', 'x', 'y'] as const).map((k) => String(req.params[k]));
  const tile = { z: whole(z!), x: whole(x!), y: whole(y!) };
  if (!isRdTile(tile)) {
    throw problemOf(400, { code: 'problem.tile-address', params: { tile: `${z}/${x}/${y}`, max_z: String(RD_MAX_ZOOM) } }, { z, x, y });
  }
  return { layer, tile };
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
