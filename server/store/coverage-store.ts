import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { LayerName } from '../domain/assets/layers.ts';
import type { CoverageArea, CoverageKind, KnownGround, PrecautionZone } from '../domain/coverage/coverage.ts';
import type { BBox } from '../geo/crs.ts';
import type { Sql } from './sql.ts';

/** A stored coverage area, with when its import was stored. */
export type StoredCoverageArea = CoverageArea & { imported_at: string };
export type StoredPrecautionZone = PrecautionZone & { imported_at: string };

interface AreaRow {
  source: string;
  layer: LayerName;
  owner: string;
  kind: CoverageKind;
  themes: string[] | null;
  geometry: Polygon | MultiPolygon;
  imported_at: string;
}

interface ZoneRow {
  source: string;
  id: string;
  owner: string;
  layer: LayerName;
  demand: string;
  properties: Pick<PrecautionZone, 'network_id' | 'network' | 'theme' | 'contact' | 'attachment'>;
  geometry: Polygon | MultiPolygon;
  imported_at: string;
}

const AREA_COLUMNS = `source, layer, owner, kind, themes, ST_AsGeoJSON(geom, 3, 0)::json AS geometry, imported_at::text`;
const ZONE_COLUMNS = `source, id, owner, layer, demand, properties, ST_AsGeoJSON(geom, 3, 0)::json AS geometry, imported_at::text`;

/** Where each layer is known, and the KLIC precaution zones; geometry in RD New. */
export class CoverageStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Replaces everything stored under `source` with these areas and zones (a re-import of the same delivery replaces
   * what it covered; an import that covers nothing clears it). Runs in the caller's transaction when there is one.
   *
   * @example await tx.coverage.replace('klic:22G003179', result.coverage, result.precautions) // { areas: 5, zones: 1 }
   */
  async replace(source: string, areas: readonly CoverageArea[], zones: readonly PrecautionZone[]): Promise<{ areas: number; zones: number }> {
    return this.sql.transaction(async (tx) => {
      await tx.query('DELETE FROM coverage_areas WHERE source = $1', [source]);
      await tx.query('DELETE FROM precaution_zones WHERE source = $1', [source]);
      if (areas.length > 0) {
        await tx.query(
          `INSERT INTO coverage_areas (source, layer, owner, kind, themes, geom)
           SELECT $1, a->>'layer', a->>'owner', a->>'kind',
                  CASE WHEN a ? 'themes' THEN ARRAY(SELECT jsonb_array_elements_text(a->'themes')) END,
                  ST_SetSRID(ST_GeomFromGeoJSON((a->'geometry')::text), 28992)
             FROM jsonb_array_elements($2::jsonb) AS a`,
          [source, JSON.stringify(areas.map(({ layer, owner, kind, themes, geometry }) => ({ layer, owner, kind, ...(themes ? { themes } : {}), geometry })))],
        );
      }
      if (zones.length > 0) {
        await tx.query(
          `INSERT INTO precaution_zones (source, id, owner, layer, demand, properties, geom)
           SELECT $1, z->>'id', z->>'owner', z->>'layer', z->>'demand', z->'properties', ST_SetSRID(ST_GeomFromGeoJSON((z->'geometry')::text), 28992)
             FROM jsonb_array_elements($2::jsonb) AS z
           ON CONFLICT (source, id) DO NOTHING`,
          [source, JSON.stringify(zones.map(({ id, owner, layer, demand, geometry, source: _s, ...properties }) => ({ id, owner, layer, demand, properties, geometry })))],
        );
      }
      return { areas: areas.length, zones: zones.length };
    });
  }

  /** Areas and zones whose bounding box meets `bbox` (RD New), or all of them. */
  async inBbox(bbox: BBox | undefined): Promise<{ coverage: StoredCoverageArea[]; precautions: StoredPrecautionZone[] }> {
    const where = bbox ? 'WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 28992)' : '';
    const params = bbox ? [...bbox] : [];
    const [areas, zones] = [
      await this.sql.query<AreaRow>(`SELECT ${AREA_COLUMNS} FROM coverage_areas ${where} ORDER BY source, layer, owner`, params),
      await this.sql.query<ZoneRow>(`SELECT ${ZONE_COLUMNS} FROM precaution_zones ${where} ORDER BY source, id`, params),
    ];
    return { coverage: areas.map(toArea), precautions: zones.map(toZone) };
  }

  /**
   * What is known around a geometry (RD New): the coverage areas that meet it and the precaution zones within
   * `distance` of it, on the GiST indexes. The check decides exactly what lies where.
   *
   * @example await store.coverage.near(trench.geometry, 0.4) // { coverage: [...], precautions: [...] }
   */
  async near(geometry: Geometry, distance: number): Promise<KnownGround> {
    const g = JSON.stringify(geometry);
    const [areas, zones] = [
      await this.sql.query<AreaRow>(
        `SELECT ${AREA_COLUMNS} FROM coverage_areas WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 28992))`,
        [g],
      ),
      await this.sql.query<ZoneRow>(
        `SELECT ${ZONE_COLUMNS} FROM precaution_zones WHERE ST_DWithin(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 28992), $2)`,
        [g, distance],
      ),
    ];
    return { coverage: areas.map(toArea), precautions: zones.map(toZone) };
  }

  /** How many areas and zones a source has stored. */
  async countBySource(source: string): Promise<{ areas: number; zones: number }> {
    const [row] = await this.sql.query<{ areas: string; zones: string }>(
      `SELECT (SELECT count(*) FROM coverage_areas WHERE source = $1) AS areas, (SELECT count(*) FROM precaution_zones WHERE source = $1) AS zones`,
      [source],
    );
    return { areas: Number(row?.areas ?? 0), zones: Number(row?.zones ?? 0) };
  }
}

function toArea(r: AreaRow): StoredCoverageArea {
  return { source: r.source, layer: r.layer, owner: r.owner, kind: r.kind, ...(r.themes ? { themes: r.themes } : {}), geometry: parse(r.geometry), imported_at: iso(r.imported_at) };
}

function toZone(r: ZoneRow): StoredPrecautionZone {
  return { id: r.id, source: r.source, owner: r.owner, layer: r.layer, demand: r.demand, ...r.properties, geometry: parse(r.geometry), imported_at: iso(r.imported_at) };
}

// PGlite and pg both decode json columns; a driver that hands back text is read the same way.
const parse = <G>(g: G | string): G => (typeof g === 'string' ? (JSON.parse(g) as G) : g);

/** PostgreSQL's timestamptz text (`2026-12-01 15:29:58.555+00`) as ISO 8601, as the API answers every time. */
function iso(text: string): string {
  const t = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(t.getTime()) ? text : t.toISOString();
}
