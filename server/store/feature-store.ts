import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { Asset, AssetProperties, LayerName, LayeredAsset } from '../domain/assets/layers.ts';
import { LAYERS } from '../domain/assets/layers.ts';
import type { BBox } from '../geo/crs.ts';
import type { Sql } from './sql.ts';

export interface LayerSummary {
  layer: LayerName;
  count: number;
  /** RD New envelope, null for an empty layer. */
  extent: BBox | null;
}

export type WriteResult =
  | { ok: true; asset: Asset }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale-version'; current: Asset };

/** Who owns a stored feature and at which version. */
export interface FeatureStamp {
  id: string;
  owner: string;
  version: number;
}

export type InsertResult =
  /** With `upsert`, `written` names every feature created or changed, at its new version (unchanged ones are left out). */
  | { ok: true; ids: string[]; created: number; updated: number; written?: { id: string; version: number }[] }
  | { ok: false; reason: 'id-exists'; ids: string[] };

interface FeatureRow {
  layer: LayerName;
  id: string;
  owner: string;
  status: AssetProperties['status'];
  version: number;
  properties: Record<string, unknown>;
  geometry: string;
}

const SELECT_FEATURE = `SELECT layer, id, owner, status, version, properties, ST_AsGeoJSON(geom, 3, 0) AS geometry FROM features`;
const BATCH = 5_000;
/** Longest piece of a trench per GiST lookup in the candidate search, m. */
const PIECE_M = 100;

interface CandidateRow extends Omit<FeatureRow, 'geometry'> {
  geometry: Geometry;
}

/**
 * Features of every layer, stored in RD New. Reads return assets in RD New; the HTTP layer converts.
 * Every write that can race with another (update, delete) takes the version the writer last saw.
 */
export class FeatureStore {
  constructor(private readonly sql: Sql) {}

  /** Every layer with its count and RD extent; empty layers included. */
  async summaries(): Promise<LayerSummary[]> {
    const rows = await this.sql.query<{ layer: LayerName; count: string | number; xmin: number; ymin: number; xmax: number; ymax: number }>(
      `SELECT layer, count, ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
         FROM (SELECT layer, count(*) AS count, ST_Extent(geom)::box3d AS e FROM features GROUP BY layer) s`,
    );
    const byLayer = new Map(rows.map((r) => [r.layer, r]));
    return LAYERS.map((layer) => {
      const r = byLayer.get(layer);
      return { layer, count: r ? Number(r.count) : 0, extent: r ? [r.xmin, r.ymin, r.xmax, r.ymax] : null };
    });
  }

  /** Features of a layer whose bounding box meets `bbox` (RD New), in id order, at most `limit`. */
  async inBbox(layer: LayerName, bbox: BBox | undefined, limit = 100_000): Promise<Asset[]> {
    const rows = bbox
      ? await this.sql.query<FeatureRow>(
          `${SELECT_FEATURE} WHERE layer = $1 AND geom && ST_MakeEnvelope($2, $3, $4, $5, 28992) ORDER BY id LIMIT $6`,
          [layer, ...bbox, limit],
        )
      : await this.sql.query<FeatureRow>(`${SELECT_FEATURE} WHERE layer = $1 ORDER BY id LIMIT $2`, [layer, limit]);
    return rows.map(toAsset);
  }

  async get(layer: LayerName, id: string): Promise<Asset | undefined> {
    const [row] = await this.sql.query<FeatureRow>(`${SELECT_FEATURE} WHERE layer = $1 AND id = $2`, [layer, id]);
    return row && toAsset(row);
  }

  /**
   * Owner and version of the features of `layer` stored under any of `ids`; with `lock` the rows stay locked until
   * the transaction ends, so a write decided on them (an import's ownership check) sees them unchanged.
   */
  async stamps(layer: LayerName, ids: readonly string[], { lock = false } = {}): Promise<FeatureStamp[]> {
    const rows = await this.sql.query<FeatureStamp>(
      `SELECT id, owner, version FROM features WHERE layer = $1 AND id = ANY($2::text[])${lock ? ' FOR UPDATE' : ''}`,
      [layer, ids],
    );
    return rows.map((r) => ({ id: r.id, owner: r.owner, version: Number(r.version) }));
  }

  /**
   * Features of a layer whose id or `segment_id` property is any of `ids`, in id order, at most `limit`: the street
   * segments a request names, or the reservations laid on them.
   */
  async bySegment(layer: LayerName, ids: readonly string[], limit = 100_000): Promise<Asset[]> {
    const rows = await this.sql.query<FeatureRow>(
      `${SELECT_FEATURE} WHERE layer = $1 AND (id = ANY($2::text[]) OR properties->>'segment_id' = ANY($2::text[])) ORDER BY id LIMIT $3`,
      [layer, ids, limit],
    );
    return rows.map(toAsset);
  }

  /**
   * Inserts assets into a layer in one transaction. Assets without an id get one. With `upsert`, an existing id
   * is updated (its version bumped only when something changed) — the path for re-importing a newer delivery;
   * without it, any existing id refuses the whole batch.
   */
  async insert(layer: LayerName, assets: readonly Asset[], { upsert = false } = {}): Promise<InsertResult> {
    const rows = assets.map((a) => ({ ...a, id: a.id === '' ? randomUUID() : a.id }));
    return this.sql.transaction(async (tx) => {
      if (!upsert) {
        const existing = await tx.query<{ id: string }>(
          'SELECT id FROM features WHERE layer = $1 AND id = ANY($2::text[])',
          [layer, rows.map((r) => r.id)],
        );
        if (existing.length > 0) return { ok: false, reason: 'id-exists', ids: existing.map((r) => r.id) };
      }
      let created = 0;
      let updated = 0;
      const written: { id: string; version: number }[] = [];
      for (let i = 0; i < rows.length; i += BATCH) {
        const result = await tx.query<{ id: string; version: number; inserted: boolean }>(
          `INSERT INTO features (layer, id, owner, status, version, properties, geom)
           SELECT $1, f->>'id', f->>'owner', f->>'status', 1, f->'properties', ST_SetSRID(ST_GeomFromGeoJSON((f->'geometry')::text), 28992)
             FROM jsonb_array_elements($2::jsonb) AS f
           ON CONFLICT (layer, id) DO UPDATE
              SET owner = EXCLUDED.owner, status = EXCLUDED.status, properties = EXCLUDED.properties, geom = EXCLUDED.geom,
                  version = features.version + 1, updated_at = now()
            WHERE features.owner IS DISTINCT FROM EXCLUDED.owner OR features.status IS DISTINCT FROM EXCLUDED.status
               OR features.properties IS DISTINCT FROM EXCLUDED.properties OR NOT ST_OrderingEquals(features.geom, EXCLUDED.geom)
           RETURNING id, version, (xmax = 0) AS inserted`,
          [layer, JSON.stringify(rows.slice(i, i + BATCH).map(toRow))],
        );
        for (const r of result) {
          r.inserted ? created++ : updated++;
          if (upsert) written.push({ id: r.id, version: Number(r.version) });
        }
      }
      return { ok: true, ids: rows.map((r) => r.id), created, updated, ...(upsert ? { written } : {}) };
    });
  }

  /** Replaces an asset if `expectedVersion` is still its version; the stored version is then bumped. */
  async update(layer: LayerName, id: string, asset: Asset, expectedVersion: number): Promise<WriteResult> {
    const row = toRow({ ...asset, id });
    const [updated] = await this.sql.query<FeatureRow>(
      `UPDATE features SET owner = $3, status = $4, properties = $5::jsonb,
              geom = ST_SetSRID(ST_GeomFromGeoJSON($6), 28992), version = version + 1, updated_at = now()
        WHERE layer = $1 AND id = $2 AND version = $7
        RETURNING layer, id, owner, status, version, properties, ST_AsGeoJSON(geom, 3, 0) AS geometry`,
      [layer, id, row.owner, row.status, JSON.stringify(row.properties), JSON.stringify(row.geometry), expectedVersion],
    );
    return updated ? { ok: true, asset: toAsset(updated) } : this.whyNotWritten(layer, id);
  }

  /** Deletes an asset if `expectedVersion` is still its version. */
  async remove(layer: LayerName, id: string, expectedVersion: number): Promise<WriteResult> {
    const [deleted] = await this.sql.query<FeatureRow>(
      `DELETE FROM features WHERE layer = $1 AND id = $2 AND version = $3
        RETURNING layer, id, owner, status, version, properties, ST_AsGeoJSON(geom, 3, 0) AS geometry`,
      [layer, id, expectedVersion],
    );
    return deleted ? { ok: true, asset: toAsset(deleted) } : this.whyNotWritten(layer, id);
  }

  /**
   * Assets of any layer within `distance` metres of `geometry` (RD New): the candidate search of the check, on the
   * GiST index. Exact rule evaluation happens in the domain on what this returns.
   */
  async candidates(geometry: Geometry, distance: number, layers: readonly LayerName[] = LAYERS): Promise<LayeredAsset[]> {
    return this.candidatesPerLayer(geometry, Object.fromEntries(layers.map((l) => [l, distance])));
  }

  /**
   * Assets within a distance of `geometry` (RD New) that depends on the layer, in one query. A long or bent trench
   * is cut into straight pieces of at most PIECE_M (100 m) first: the GiST lookup of the whole line would read every asset in its
   * bounding box (a 1 km L-shaped route spans a quarter of a square kilometre), the pieces read only their corridor.
   * Each asset comes once, as one JSON value (fewer fields for the driver to decode).
   *
   * @example await store.features.candidatesPerLayer(trench, { cables: 2.3, trees: 20.3 })
   */
  async candidatesPerLayer(geometry: Geometry, distances: Partial<Record<LayerName, number>>): Promise<LayeredAsset[]> {
    const entries = Object.entries(distances).filter(([, d]) => typeof d === 'number' && d >= 0) as [LayerName, number][];
    if (entries.length === 0) return [];
    const rows = await this.sql.query<{ a: CandidateRow }>(
      `WITH p AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON(j), 28992) AS g FROM unnest($1::text[]) AS j),
            d AS (SELECT * FROM unnest($2::text[], $3::float8[]) AS d(layer, dist)),
            -- One GiST lookup per piece at the largest distance (LATERAL … OFFSET 0 keeps it a lookup per piece),
            -- materialised so it is not repeated per layer; then the exact distance of each asset's layer, and each
            -- asset once. The pieces come as an array so the planner knows how few they are (with a set-returning
            -- function it assumes 1000, costs the query high and PostgreSQL spends 20 ms on JIT compilation).
            near AS MATERIALIZED (
              SELECT f.*, p.g FROM p CROSS JOIN LATERAL (
                SELECT layer, id, owner, status, version, properties, geom FROM features WHERE geom && ST_Expand(p.g, $4) OFFSET 0) f),
            hit AS (
              SELECT DISTINCT ON (n.layer, n.id) n.* FROM near n JOIN d USING (layer) WHERE ST_DWithin(n.geom, n.g, d.dist))
       SELECT json_build_object('layer', layer, 'id', id, 'owner', owner, 'status', status, 'version', version,
                                'properties', properties, 'geometry', ST_AsGeoJSON(geom, 3, 0)::json) AS a
         FROM hit`,
      [searchPieces(geometry).map((g) => JSON.stringify(g)), entries.map(([l]) => l), entries.map(([, d]) => d), Math.max(...entries.map(([, d]) => d))],
      // Its plan is the same for every trench (a GiST lookup per piece), and planning it took longer than running it.
      { genericPlan: true },
    );
    return rows.map(({ a }) => ({
      type: 'Feature',
      id: a.id,
      layer: a.layer,
      geometry: a.geometry,
      properties: { ...a.properties, owner: a.owner, status: a.status, version: a.version },
    }));
  }

  async count(layer?: LayerName): Promise<number> {
    const [row] = layer
      ? await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM features WHERE layer = $1', [layer])
      : await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM features');
    return Number(row?.n ?? 0);
  }

  private async whyNotWritten(layer: LayerName, id: string): Promise<WriteResult> {
    const current = await this.get(layer, id);
    return current ? { ok: false, reason: 'stale-version', current } : { ok: false, reason: 'not-found' };
  }
}

/** A line geometry as straight pieces of at most PIECE_M; any other geometry as itself. */
function searchPieces(geometry: Geometry): Geometry[] {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
  const out: Geometry[] = [];
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i] as [number, number];
      const [bx, by] = line[i + 1] as [number, number];
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / PIECE_M));
      for (let k = 0; k < n; k++) {
        const at = (f: number) => [ax + (bx - ax) * f, ay + (by - ay) * f];
        out.push({ type: 'LineString', coordinates: [at(k / n), at((k + 1) / n)] });
      }
    }
  }
  return out.length > 0 ? out : [geometry];
}

function toRow(asset: Asset) {
  const { owner, status, version: _version, ...properties } = asset.properties;
  return { id: asset.id, owner: owner ?? '', status: status ?? 'existing', properties, geometry: asset.geometry };
}

function toAsset(row: FeatureRow): Asset {
  return {
    type: 'Feature',
    id: row.id,
    geometry: JSON.parse(row.geometry) as Geometry,
    properties: { ...row.properties, owner: row.owner, status: row.status, version: row.version },
  };
}
