import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import type { Database, Sql } from './sql.ts';
import { AccessStore, PrincipalCache } from './access-store.ts';
import { CheckStore } from './check-store.ts';
import { CoverageStore } from './coverage-store.ts';
import { FeatureStore } from './feature-store.ts';
import { PlanStore } from './plan-store.ts';
import { RouteStore } from './route-store.ts';
import { WorkStore } from './work-store.ts';

export interface StoreConfig {
  /** PostgreSQL + PostGIS server; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** Schema for the server store (tests give each file its own). */
  schema?: string;
  /** Folder of the embedded store; undefined keeps it in memory. */
  dataDir?: string;
  /** A gzip PGlite dump to start the embedded store from (tests). */
  template?: Blob;
  /** The embedded store's buffer pool sized to the store at open rather than 128 MB (the server's start). */
  fitBufferPool?: boolean;
}

/** The repositories, over the database or over one transaction. */
export interface Repositories {
  readonly sql: Sql;
  readonly features: FeatureStore;
  readonly access: AccessStore;
  readonly checks: CheckStore;
  readonly routes: RouteStore;
  readonly works: WorkStore;
  readonly plans: PlanStore;
  readonly coverage: CoverageStore;
}

/** The store the HTTP layer and the CLI use: one database, the repositories over it. */
export interface Store extends Repositories {
  readonly db: Database;
  readonly features: FeatureStore;
  /** Migrations applied at this open (empty on a warm start). */
  readonly migrated: string[];
  /** Runs `fn` with repositories bound to one transaction: all of its writes land, or none. */
  transaction<R>(fn: (tx: Repositories) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/**
 * Opens the configured store and brings its schema up to date.
 *
 * @example const store = await openStore({ dataDir: 'data/store' }); await store.features.count();
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  // The PostgreSQL driver is loaded only for PostgreSQL: an embedded store's start does without its 0.1 s of modules.
  const server = config.databaseUrl ? { connectionString: config.databaseUrl, ...(config.schema ? { schema: config.schema } : {}) } : undefined;
  const postgres = server && (await postgresModules());
  const db = server && postgres
    ? await postgres.openPostgres(server)
    : await openPglite({ ...(config.dataDir ? { dataDir: config.dataDir } : {}), ...(config.template ? { template: config.template } : {}), ...(config.fitBufferPool ? { fitBufferPool: true } : {}) });
  try {
    const migrated = await migrate(db);
    // The embedded store's tokens are written by this process alone. A PostgreSQL server's can be revoked by any
    // server or `npm run token`: its cache serves only while a LISTEN connection hears their NOTIFY.
    const principals = new PrincipalCache({ hearing: db.kind === 'pglite' });
    const listener = server && postgres?.listenForRevocations(principals, server);
    return {
      db,
      ...repositories(db, principals),
      migrated,
      transaction: (fn) => db.transaction((tx) => fn(repositories(tx, principals))),
      close: async () => {
        await listener?.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

export type { Database, Sql } from './sql.ts';

async function postgresModules() {
  const [{ openPostgres }, { listenForRevocations }] = await Promise.all([import('./postgres.ts'), import('./revocation-listener.ts')]);
  return { openPostgres, listenForRevocations };
}

function repositories(sql: Sql, principals?: PrincipalCache): Repositories {
  return {
    sql,
    features: new FeatureStore(sql),
    access: new AccessStore(sql, principals),
    checks: new CheckStore(sql),
    routes: new RouteStore(sql),
    works: new WorkStore(sql),
    plans: new PlanStore(sql),
    coverage: new CoverageStore(sql),
  };
}
