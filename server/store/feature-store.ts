import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { Asset, AssetProperties, LayerName, LayeredAsset } from '../domain/assets/layers.ts';
import { LAYERS } from '../domain/assets/layers.ts';
import type { BBox } from '../geo/crs.ts';
import { corridorPieces } from '../geo/corridor-pieces.ts';
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

interface CandidateRow extends Omit<FeatureRow, 'geometry'> {
  geometry: Geometry;
}

/**
 * Features of every layer, stored in RD New. Reads return assets in RD New; the HTTP layer converts.
 * Every write that can race with another (update, delete) takes the version the writer last saw.
 */
export class FeatureStore {
  constructor(private readonly sql: Sql) {}

  #summaries?: { versions: string; value: readonly LayerSummary[] };

  /**
   * Every layer with its count and RD extent; empty layers included. Counting and measuring every layer reads the
   * whole table (seconds at millions of assets, and every map opening asks), while the answer only changes when a
   * layer's version does (migration 007: bumped by every write): so it is kept, and made again when a version moved.
   */
  async summaries(): Promise<LayerSummary[]> {
    const [{ versions } = { versions: null }] = await this.sql.query<{ versions: string | null }>(
      `SELECT string_agg(layer || ':' || version, ',' ORDER BY layer) AS versions FROM layer_versions`,
    );
    // Versions read before counting: a write landing in between moves them again, so at worst this counts once more.
    if (this.#summaries?.versions !== (versions ?? '')) this.#summaries = { versions: versions ?? '', value: await this.countLayers() };
    return this.#summaries.value.map((s) => ({ ...s }));
  }

  private async countLayers(): Promise<LayerSummary[]> {
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
   * Assets within a distance of `geometry` (RD New) that depends on the layer, in one query, in layer and id order.
   * A line is cut into straight pieces first (corridorPieces): the GiST lookup of a whole bent line would read every
   * asset in its bounding box (a 1 km L-shaped route spans a quarter of a square kilometre); a piece reads only its
   * corridor. Each asset comes once.
   *
   * @example await store.features.candidatesPerLayer(trench, { cables: 2.3, trees: 20.3 })
   */
  async candidatesPerLayer(geometry: Geometry, distances: Partial<Record<LayerName, number>>): Promise<LayeredAsset[]> {
    const entries = Object.entries(distances).filter(([, d]) => typeof d === 'number' && d >= 0) as [LayerName, number][];
    if (entries.length === 0) return [];
    const reach = Math.max(...entries.map(([, d]) => d));
    const [row] = await this.sql.query<{ a: string | null }>(
      `WITH p AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON(j), 28992) AS g FROM unnest($1::text[]) AS j),
            -- One GiST lookup per piece at the largest distance (LATERAL … OFFSET 0 keeps it a lookup per piece, read
            -- as a bitmap), each row kept only within its own layer's distance before anything else is done with it
            -- (a third of what the lookups read), then each asset once. The pieces come as an array so the planner
            -- knows how few they are (with a set-returning function it assumes 1000, costs the query high and
            -- PostgreSQL spends 20 ms on JIT compilation).
            hit AS (
              SELECT DISTINCT ON (f.layer, f.id) f.* FROM p CROSS JOIN LATERAL (
                SELECT layer, id, owner, status, version, properties, geom FROM features WHERE geom && ST_Expand(p.g, $4) OFFSET 0) f
               WHERE ST_DWithin(f.geom, p.g, ($3::float8[])[array_position($2::text[], f.layer)])
               ORDER BY f.layer, f.id)
       -- All of them as one JSON text: the embedded store hands each field of each row over on its own (decoded and
       -- parsed one by one, about a microsecond each), and one JSON.parse of the whole is far cheaper.
       SELECT '[' || string_agg('{"layer":' || to_json(layer)::text || ',"id":' || to_json(id)::text || ',"owner":' || to_json(owner)::text
                                || ',"status":' || to_json(status)::text || ',"version":' || version::text || ',"properties":' || properties::text
                                || ',"geometry":' || ST_AsGeoJSON(geom, 3, 0) || '}', ',' ORDER BY layer, id) || ']' AS a
         FROM hit`,
      [corridorPieces(geometry, reach).map((g) => JSON.stringify(g)), entries.map(([l]) => l), entries.map(([, d]) => d), reach],
      // Its plan is the same for every trench (a GiST lookup per piece), and planning it took longer than running it.
      { genericPlan: true },
    );
    const found = row?.a ? (JSON.parse(row.a) as CandidateRow[]) : [];
    return found.map((a) => {
      // The parsed properties object is this asset's own, so the stamp is added to it rather than copied into a new one.
      const properties = a.properties as LayeredAsset['properties'];
      properties.owner = a.owner;
      properties.status = a.status;
      properties.version = a.version;
      return { type: 'Feature', id: a.id, layer: a.layer, geometry: a.geometry, properties };
    });
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
