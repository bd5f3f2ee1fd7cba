import { randomUUID } from 'node:crypto';
import type { Feature, Geometry } from 'geojson';
import type { Sql } from './sql.ts';

export type RouteStatus = 'submitted' | 'approved' | 'rejected';

export interface RouteRecord<R = unknown> {
  id: string;
  name: string;
  owner: string;
  status: RouteStatus;
  version: number;
  submitted_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  feature: Feature<Geometry>;
  report: R;
}

export interface RouteEvent {
  seq: number;
  version: number;
  event: RouteStatus;
  at: string;
  actor: string | null;
  reason: string | null;
}

/** One submitted version of a route: when, by whom, and what its check found (the report's summary). */
export interface RouteVersion<S = unknown> {
  version: number;
  submitted_at: string;
  actor: string | null;
  summary: S | null;
}

export type RouteWrite<R> =
  | { ok: true; route: RouteRecord<R> }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale-version'; current: RouteRecord<R> }
  | { ok: false; reason: 'already-decided'; current: RouteRecord<R> };

const COLUMNS = `id, name, owner, status, version, submitted_at::text, decided_at::text, decided_by, decision_reason, feature, report`;

/** Heat-route submissions: each (re)submission is a version with its check report; decisions close a version. */
export class RouteStore {
  constructor(private readonly sql: Sql) {}

  async submit<R>(owner: string, name: string, feature: Feature<Geometry>, report: R, actor: string): Promise<RouteRecord<R>> {
    const id = randomUUID();
    const [route] = await this.sql.query<RouteRecord<R>>(
      `INSERT INTO routes (id, name, owner, status, feature, report, geom)
       VALUES ($1, $2, $3, 'submitted', $4::jsonb, $5::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($6), 28992))
       RETURNING ${COLUMNS}`,
      [id, name, owner, JSON.stringify(feature), JSON.stringify(report), JSON.stringify(feature.geometry)],
    );
    await this.event(id, 1, 'submitted', actor, null, feature, report);
    return route!;
  }

  /** A new version of a route, back to `submitted`, if `expectedVersion` is still current. */
  async resubmit<R>(id: string, expectedVersion: number, name: string, feature: Feature<Geometry>, report: R, actor: string): Promise<RouteWrite<R>> {
    const [route] = await this.sql.query<RouteRecord<R>>(
      `UPDATE routes SET name = $3, status = 'submitted', version = version + 1, submitted_at = now(), decided_at = NULL,
              decided_by = NULL, decision_reason = NULL, feature = $4::jsonb, report = $5::jsonb,
              geom = ST_SetSRID(ST_GeomFromGeoJSON($6), 28992)
        WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [id, expectedVersion, name, JSON.stringify(feature), JSON.stringify(report), JSON.stringify(feature.geometry)],
    );
    if (!route) return this.whyNot<R>(id);
    await this.event(id, route.version, 'submitted', actor, null, feature, report);
    return { ok: true, route };
  }

  /** Approves or rejects the current version; a decided version cannot be decided again. */
  async decide<R>(id: string, decision: 'approved' | 'rejected', reason: string | null, actor: string, expectedVersion?: number): Promise<RouteWrite<R>> {
    const [route] = await this.sql.query<RouteRecord<R>>(
      `UPDATE routes SET status = $2, decided_at = now(), decided_by = $3, decision_reason = $4
        WHERE id = $1 AND status = 'submitted' AND ($5::int IS NULL OR version = $5::int) RETURNING ${COLUMNS}`,
      [id, decision, actor, reason, expectedVersion ?? null],
    );
    if (!route) {
      const current = await this.get<R>(id);
      if (!current) return { ok: false, reason: 'not-found' };
      if (expectedVersion !== undefined && current.version !== expectedVersion) return { ok: false, reason: 'stale-version', current };
      return { ok: false, reason: 'already-decided', current };
    }
    await this.event(id, route.version, decision, actor, reason, null, null);
    return { ok: true, route };
  }

  async get<R>(id: string): Promise<RouteRecord<R> | undefined> {
    const [route] = await this.sql.query<RouteRecord<R>>(`SELECT ${COLUMNS} FROM routes WHERE id = $1`, [id]);
    return route;
  }

  /** Routes, newest first; of one owner when given. */
  async list<R>(owner?: string): Promise<RouteRecord<R>[]> {
    return this.sql.query<RouteRecord<R>>(
      `SELECT ${COLUMNS} FROM routes WHERE ($1::text IS NULL OR owner = $1) ORDER BY submitted_at DESC, id`,
      [owner ?? null],
    );
  }

  async history(id: string): Promise<RouteEvent[]> {
    return this.sql.query<RouteEvent>(
      'SELECT seq, version, event, at::text, actor, reason FROM route_history WHERE route_id = $1 ORDER BY seq',
      [id],
    );
  }

  /** Every submitted version, oldest first, with the summary of the report it was checked with then. */
  async versions<S>(id: string): Promise<RouteVersion<S>[]> {
    return this.sql.query<RouteVersion<S>>(
      `SELECT version, at::text AS submitted_at, actor, report->'summary' AS summary
         FROM route_history WHERE route_id = $1 AND event = 'submitted' ORDER BY version, seq`,
      [id],
    );
  }

  private async event(id: string, version: number, event: RouteStatus, actor: string, reason: string | null, feature: Feature | null, report: unknown) {
    await this.sql.query(
      `INSERT INTO route_history (route_id, seq, version, event, actor, reason, feature, report)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6::jsonb, $7::jsonb FROM route_history WHERE route_id = $1`,
      [id, version, event, actor, reason, feature && JSON.stringify(feature), report === null ? null : JSON.stringify(report)],
    );
  }

  private async whyNot<R>(id: string): Promise<RouteWrite<R>> {
    const current = await this.get<R>(id);
    return current ? { ok: false, reason: 'stale-version', current } : { ok: false, reason: 'not-found' };
  }
}
