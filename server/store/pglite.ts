import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Sql } from './sql.ts';

export interface PgliteOptions {
  /** Folder that holds the database; undefined keeps it in memory. */
  dataDir?: string;
  /** A gzip dump from `dumpDataDir('gzip')` to start from (tests share one migrated template). */
  template?: Blob;
}

/**
 * Opens the embedded store: PostgreSQL in WebAssembly with PostGIS, persisted in `dataDir`.
 * The first start creates the cluster and the extension (≈10 s); later starts reopen the folder (≈2–3 s).
 */
export async function openPglite({ dataDir, template }: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    extensions: { postgis },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    exec: async (text) => void (await db.exec(text)),
    close: () => db.close(),
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
  };
}

/** Dumps a database as a gzip blob, to be used as `template` by later opens. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const db = (database as unknown as { [RAW]: PGlite })[RAW];
  return db.dumpDataDir('gzip') as Promise<Blob>;
}

const RAW = Symbol('pglite');

function wrap(db: PGlite): Pick<Sql, 'query'> & { [RAW]: PGlite } {
  return {
    [RAW]: db,
    query: async <T extends object>(text: string, params?: readonly unknown[]) =>
      (await db.query<T>(text, params as unknown[] | undefined)).rows,
  };
}

function wrapTx(tx: Transaction): Sql {
  const sql: Sql = {
    query: async <T extends object>(text: string, params?: readonly unknown[]) =>
      (await tx.query<T>(text, params as unknown[] | undefined)).rows,
    // PGlite has no nested transactions; inside one, a nested call simply joins it.
    transaction: (fn) => fn(sql),
  };
  return sql;
}
