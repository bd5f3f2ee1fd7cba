import { randomUUID } from 'node:crypto';
import type { Feature, Geometry } from 'geojson';
import type { Sql } from './sql.ts';

/** A work as stored: a GeoJSON Feature in RD New whose properties carry type, owner, version and the windows. */
export interface WorkFeature extends Feature<Geometry, WorkProperties> {
  id: string;
}

export interface WorkProperties {
  type: string;
  owner: string;
  version: number;
  source?: string;
  [field: string]: unknown;
}

export type WorkWrite =
  | { ok: true; work: WorkFeature }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale-version'; current: WorkFeature };

interface WorkRow {
  id: string;
  type: string;
  owner: string;
  version: number;
  source: string | null;
  properties: Record<string, unknown>;
  geometry: string;
}

const COLUMNS = 'id, type, owner, version, source, properties, ST_AsGeoJSON(geom, 3, 0) AS geometry';

/** Planned works, each with a version for optimistic concurrency. */
export class WorkStore {
  constructor(private readonly sql: Sql) {}

  /** Adds a work (or replaces the one with the same `source`, e.g. a re-approved route). */
  async create(work: Omit<WorkFeature, 'id'> & { id?: string }): Promise<WorkFeature> {
    const { type, owner, version: _v, source, ...properties } = work.properties;
    const [row] = await this.sql.query<WorkRow>(
      `INSERT INTO works (id, type, owner, source, properties, geom)
       VALUES ($1, $2, $3, $4, $5::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($6), 28992))
       RETURNING ${COLUMNS}`,
      [work.id ?? randomUUID(), type, owner, source ?? null, JSON.stringify(properties), JSON.stringify(work.geometry)],
    );
    return toWork(row!);
  }

  async get(id: string): Promise<WorkFeature | undefined> {
    const [row] = await this.sql.query<WorkRow>(`SELECT ${COLUMNS} FROM works WHERE id = $1`, [id]);
    return row && toWork(row);
  }

  async bySource(source: string): Promise<WorkFeature | undefined> {
    const [row] = await this.sql.query<WorkRow>(`SELECT ${COLUMNS} FROM works WHERE source = $1`, [source]);
    return row && toWork(row);
  }

  /** Every work, of one owner when given, in id order. */
  async list(owner?: string): Promise<WorkFeature[]> {
    const rows = await this.sql.query<WorkRow>(`SELECT ${COLUMNS} FROM works WHERE ($1::text IS NULL OR owner = $1) ORDER BY id`, [owner ?? null]);
    return rows.map(toWork);
  }

  async update(id: string, work: WorkFeature, expectedVersion: number): Promise<WorkWrite> {
    const { type, owner, version: _v, source, ...properties } = work.properties;
    const [row] = await this.sql.query<WorkRow>(
      `UPDATE works SET type = $2, owner = $3, source = $4, properties = $5::jsonb, geom = ST_SetSRID(ST_GeomFromGeoJSON($6), 28992),
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $7 RETURNING ${COLUMNS}`,
      [id, type, owner, source ?? null, JSON.stringify(properties), JSON.stringify(work.geometry), expectedVersion],
    );
    return row ? { ok: true, work: toWork(row) } : this.whyNot(id);
  }

  async remove(id: string, expectedVersion: number): Promise<WorkWrite> {
    const [row] = await this.sql.query<WorkRow>(`DELETE FROM works WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`, [id, expectedVersion]);
    return row ? { ok: true, work: toWork(row) } : this.whyNot(id);
  }

  async count(): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM works');
    return Number(row?.n ?? 0);
  }

  private async whyNot(id: string): Promise<WorkWrite> {
    const current = await this.get(id);
    return current ? { ok: false, reason: 'stale-version', current } : { ok: false, reason: 'not-found' };
  }
}

function toWork(row: WorkRow): WorkFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: JSON.parse(row.geometry) as Geometry,
    properties: { ...row.properties, type: row.type, owner: row.owner, version: row.version, ...(row.source ? { source: row.source } : {}) },
  };
}
