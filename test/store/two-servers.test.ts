import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Polygon } from 'geojson';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { persistImport } from '../../server/app/persist-import.ts';
import type { CoverageArea, PrecautionZone } from '../../server/domain/coverage/coverage.ts';
import type { ImportedAsset, ImportReport } from '../../server/imports/types.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { type TestServer, startTestServer } from '../support/http.ts';

// Two app servers in this process, each with its own store (pool, principal cache, LISTEN connection, rate-limit
// counters) on one schema of the throwaway PostgreSQL: what must hold across processes is what holds here, since
// the two share nothing but the database.
const url = inject('databaseUrl');
const schema = `t_${randomBytes(6).toString('hex')}`;
const MIGRATIONS = readdirSync(new URL('../../server/store/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).length;

describe.skipIf(!url)('two servers on one PostgreSQL', () => {
  let a: Store;
  let b: Store;
  let serverA: TestServer;
  let serverB: TestServer;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Opened at once, so both try to migrate the empty schema: the first test reads how that went.
    [a, b] = await Promise.all([openStore({ databaseUrl: url, schema }), openStore({ databaseUrl: url, schema })]);
    [serverA, serverB] = await Promise.all([startTestServer(a), startTestServer(b)]);
  });
  afterAll(async () => {
    await Promise.all([serverA?.close(), serverB?.close()]);
    await Promise.all([a?.close(), b?.close()]);
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  /** Polls `status` on `server` every 10 ms until it is `want`; the ms it took, or Infinity past `limitMs`. */
  async function until(server: TestServer, token: string, want: number, limitMs: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < limitMs) {
      if ((await server.call('/api/session', 'GET', undefined, { token })).status === want) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
    return Infinity;
  }

  /**
   * Waits until server B serves `token` from its cache: a revocation written behind its back (no NOTIFY) is not
   * seen. Only then does a refusal after a real revocation prove the notification reached it.
   */
  async function cachedOnB(id: string, token: string): Promise<void> {
    const deadline = performance.now() + 10_000;
    for (;;) {
      expect((await serverB.call('/api/session', 'GET', undefined, { token })).status).toBe(200);
      await admin.query(`UPDATE ${schema}.tokens SET revoked_at = now() WHERE id = $1`, [id]);
      const cached = (await serverB.call('/api/session', 'GET', undefined, { token })).status === 200;
      await admin.query(`UPDATE ${schema}.tokens SET revoked_at = NULL WHERE id = $1`, [id]);
      if (cached) return;
      if (performance.now() > deadline) throw new Error('server B did not cache the token within 10 s: its revocation listener never started');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Runs `work` (two servers doing the same thing) while the test holds `table` against writes, and lets go once both
   * wait, so they overlap for certain: both are under way before either writes. A server waits either for the table
   * (its statement names `waitsIn`) or for the other server's turn (an advisory lock).
   */
  async function overlapping<T>(table: string, waitsIn: string, work: () => Promise<T>): Promise<T> {
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE ${schema}.${table} IN EXCLUSIVE MODE`);
    const running = work();
    for (let i = 0; i < 500; i++) {
      // Activity is read as of the transaction's first look unless the snapshot is cleared.
      await admin.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND (query LIKE '%pg_advisory_xact_lock%' OR strpos(query, $1) > 0)`,
        [waitsIn],
      );
      if (rows[0].n >= 2) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await admin.query('COMMIT');
    return running;
  }

  it('when both start on an empty schema at once, the migrations run once between them', () => {
    expect(a.migrated.length + b.migrated.length).toBe(MIGRATIONS);
  });

  it('when a token is revoked on one server, the other, which had it cached, refuses it within a second', async () => {
    const { id, token } = await a.access.createToken('Eneco', 'heat-company', 'submitter', 'test');
    await cachedOnB(id, token);
    expect((await serverA.call(`/api/tokens/${id}`, 'DELETE')).status).toBe(204);
    expect((await serverA.call('/api/session', 'GET', undefined, { token })).status).toBe(401);
    expect(await until(serverB, token, 401, 1_000)).toBeLessThan(1_000);
  });

  it('when the listening connections drop, reconnects, and revocations are heard again', async () => {
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`ondergrond-tokens:${schema}`]);
    expect(killed.rowCount).toBe(2);
    const { id, token } = await b.access.createToken('Eneco', 'heat-company', 'submitter', 'test');
    await cachedOnB(id, token);
    // Revoked outside HTTP, as `npm run token -- revoke` does from a third process: B hears it on its new connection.
    expect(await a.access.revokeToken(id)).toBe(true);
    expect(await until(serverB, token, 401, 1_000)).toBeLessThan(1_000);
  });

  it('counts the rate limit of a token across both servers, and the failed authentications of an address', async () => {
    const [limitedA, limitedB] = await Promise.all([startTestServer(a, { rateLimit: 6, authFailLimit: 4 }), startTestServer(b, { rateLimit: 6, authFailLimit: 4 })]);
    try {
      // The revocation tests above failed to authenticate from this address, past this limit of 4: start afresh.
      await admin.query(`DELETE FROM ${schema}.rate_limits WHERE key LIKE 'auth:%'`);
      const token = await limitedA.tokenFor('Eneco', 'submitter', 'heat-company');
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await limitedA.call('/api/session', 'GET', undefined, { token })).status);
        statuses.push((await limitedB.call('/api/session', 'GET', undefined, { token })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const over = await limitedA.call('/api/session', 'GET', undefined, { token });
      expect(over.status).toBe(429);
      expect((await limitedB.call('/api/session', 'GET', undefined, { token })).status).toBe(429);
      // Another token has a bucket of its own.
      expect((await limitedB.call('/api/session')).status).toBe(200);

      const bogus = { token: 'og_not-a-token' };
      const failed = [];
      for (let i = 0; i < 2; i++) {
        failed.push((await limitedA.call('/api/session', 'GET', undefined, bogus)).status);
        failed.push((await limitedB.call('/api/session', 'GET', undefined, bogus)).status);
      }
      expect(failed).toEqual([401, 401, 401, 401]);
      expect((await limitedB.call('/api/session', 'GET', undefined, bogus)).status).toBe(429);
    } finally {
      await Promise.all([limitedA.close(), limitedB.close()]);
    }
  });

  it('when both start at once, they agree on one start-up token: one makes it, the other leaves it alive', async () => {
    const made = await overlapping('tokens', "label = 'startup'", () =>
      Promise.all([a.access.startupTokenOnce('Gemeente Rotterdam', { sharedWithin_s: 10 }), b.access.startupTokenOnce('Gemeente Rotterdam', { sharedWithin_s: 10 })]));
    const tokens = made.flatMap((m) => ('token' in m ? [m.token] : []));
    expect(tokens).toHaveLength(1);
    expect(made.filter((m) => 'sharedSince' in m)).toHaveLength(1);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.tokens WHERE label = 'startup' AND revoked_at IS NULL`);
    expect(rows[0].n).toBe(1);
    expect((await serverB.call('/api/session', 'GET', undefined, { token: tokens[0]! })).status).toBe(200);
  });

  it('when the same KLIC delivery is imported on both at once, layer by layer or whole, one copy of it is stored', async () => {
    const delivery = klicDelivery('klic:26O000777');
    const only = (layer: string) => delivery.assets.filter((x) => x.layer === layer);
    // Two people each import a layer of one delivery: no feature is written by both, so only the lock keeps the
    // second from inserting the delivery's coverage beside the first's.
    const halves = await overlapping('coverage_areas', 'DELETE FROM coverage_areas', () => Promise.all([
      persistImport(a, only('cables'), delivery.report, undefined, delivery),
      persistImport(b, only('pipes'), delivery.report, undefined, delivery),
    ]));
    expect(halves.map((r) => r.ok)).toEqual([true, true]);
    expect(await a.coverage.countBySource('klic:26O000777')).toEqual({ areas: 3, zones: 1 });

    const whole = await Promise.all([
      persistImport(a, delivery.assets, delivery.report, undefined, delivery),
      persistImport(b, delivery.assets, delivery.report, undefined, delivery),
    ]);
    expect(whole.map((r) => r.ok && r.stored)).toEqual([{ cables: { created: 0, updated: 0 }, pipes: { created: 0, updated: 0 } }, { cables: { created: 0, updated: 0 }, pipes: { created: 0, updated: 0 } }]);
    expect(await b.coverage.countBySource('klic:26O000777')).toEqual({ areas: 3, zones: 1 });
    const { rows } = await admin.query(`SELECT layer, count(*)::int AS n, max(version)::int AS version FROM ${schema}.features WHERE id LIKE 'nl.imkl-TEST.%' GROUP BY layer ORDER BY layer`);
    expect(rows).toEqual([{ layer: 'cables', n: 40, version: 1 }, { layer: 'pipes', n: 40, version: 1 }]);
  });
});

/** A KLIC delivery as the importer hands it over: 40 cables, 40 pipes, three Graafpolygoon areas and one EV zone. */
function klicDelivery(source: string): { assets: ImportedAsset[]; report: ImportReport; coverage: CoverageArea[]; precautions: PrecautionZone[] } {
  const square = (x: number, y: number, size: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] });
  const line = (layer: 'cables' | 'pipes', i: number): ImportedAsset => ({
    layer,
    asset: {
      type: 'Feature',
      id: `nl.imkl-TEST.${layer}.${i}`,
      geometry: { type: 'LineString', coordinates: [[120_000 + i * 2, 480_000 + (layer === 'pipes' ? 1 : 0)], [120_000 + i * 2, 480_050]] },
      properties: { owner: layer === 'cables' ? 'Stedin' : 'Evides', status: 'existing', version: 1, depth_m: 0.8, ...(layer === 'cables' ? { network: 'lv' as const } : { medium: 'water' as const }), source },
    },
  });
  const assets = [...Array.from({ length: 40 }, (_, i) => line('cables', i)), ...Array.from({ length: 40 }, (_, i) => line('pipes', i))];
  const coverage: CoverageArea[] = [
    { source, layer: 'cables', owner: 'Stedin', kind: 'graafpolygoon', geometry: square(119_990, 479_990, 100) },
    { source, layer: 'pipes', owner: 'Evides', kind: 'graafpolygoon', geometry: square(119_990, 479_990, 100) },
    { source, layer: 'sewers', owner: 'Gemeente Rotterdam', kind: 'graafpolygoon', geometry: square(119_990, 479_990, 100) },
  ];
  const precautions: PrecautionZone[] = [{ id: 'nl.imkl-TEST.ev.1', source, owner: 'Evides', layer: 'pipes', demand: 'G9505RISICO', geometry: square(120_010, 480_010, 10) }];
  const report: ImportReport = { format: 'imkl-2.0', source, counts: { cables: 40, pipes: 40 }, skipped: [], warnings: [], coverage: { areas: 3, precautions: 1, kinds: ['graafpolygoon'] }, bytes: 0, duration_ms: 0 };
  return { assets, report, coverage, precautions };
}
