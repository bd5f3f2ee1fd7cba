/** Bulk load of the seeded street-grid city (check-city.ts) into a store, for the tile and client benchmarks. */
import type { Store } from '../../server/store/index.ts';
import { cityBatches } from './check-city.ts';

/**
 * Loads `n` city assets in one transaction: no GiST index while loading (one build afterwards is far cheaper), rows
 * as unnest arrays. Returns the milliseconds it took.
 *
 * @example const ms = await loadCity(await openBenchStore(), 100_000);
 */
export async function loadCity(store: Store, n: number): Promise<number> {
  const start = performance.now();
  await store.sql.query('DROP INDEX IF EXISTS features_geom_idx');
  await store.transaction(async (tx) => {
    for (const rows of cityBatches(n)) {
      await tx.sql.query(
        `INSERT INTO features (layer, id, owner, status, properties, geom)
         SELECT l, i, o, s, p::jsonb, ST_GeomFromText(w, 28992)
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(l, i, o, s, p, w)`,
        [rows.map((r) => r.layer), rows.map((r) => r.id), rows.map((r) => r.owner), rows.map((r) => r.status), rows.map((r) => r.properties), rows.map((r) => r.wkt)],
      );
    }
  });
  await store.sql.query('CREATE INDEX features_geom_idx ON features USING gist (geom)');
  await store.sql.query('ANALYZE features');
  return performance.now() - start;
}
