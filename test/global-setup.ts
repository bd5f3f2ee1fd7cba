import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../server/store/migrate.ts';
import { dumpPglite, openPglite } from '../server/store/pglite.ts';
import { findPostgres, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-throwaway.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a gzip PGlite dump with PostGIS and the migrations applied. */
    pgliteTemplate: string;
    /** PostgreSQL + PostGIS for the server-store tests; '' when none could be had outside CI. */
    databaseUrl: string;
  }
}

/**
 * Prepares what many test files share, once: a migrated PGlite template (creating PostGIS takes ≈10 s, loading
 * the template ≈3 s), and a PostgreSQL + PostGIS server — DATABASE_URL when set, else a throwaway cluster
 * started here and stopped by its pid afterwards. On CI a missing PostgreSQL is an error, not a skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ondergrond-test-'));
  const db = await openPglite();
  await migrate(db);
  const template = join(dir, 'template.tar.gz');
  writeFileSync(template, Buffer.from(await (await dumpPglite(db)).arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', template);

  let cluster: ThrowawayPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL ?? '';
  if (!databaseUrl) {
    const found = findPostgres();
    if ('bin' in found) {
      cluster = await startThrowawayPostgres();
      databaseUrl = cluster.url;
    } else if (process.env.CI === 'true') {
      throw new Error(`The server-store tests need PostgreSQL + PostGIS on CI. ${found.missing}`);
    } else {
      console.warn(`Skipping the PostgreSQL store tests: ${found.missing}`);
    }
  }
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
