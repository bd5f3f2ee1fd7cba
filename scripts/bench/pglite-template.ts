/**
 * An empty, migrated in-memory embedded store for benchmarks, started from a dump kept in the system's temp folder.
 * Creating PostGIS and running the migrations takes 15–20 s on a busy 2-core machine, loading the dump about 4 s:
 * the difference decides whether a benchmark fits its time budget. The dump is named after the migrations' text and
 * the PGlite versions, so a changed migration or upgrade makes a new one; openStore still applies any migration
 * the dump lacks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpPglite } from '../../server/store/pglite.ts';
import { openStore, type Store } from '../../server/store/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = join(root, 'server', 'store', 'migrations');
const PACKAGES = ['@electric-sql/pglite', '@electric-sql/pglite-postgis'];

function templatePath(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) hash.update(name).update(readFileSync(join(MIGRATIONS, name)));
  for (const name of PACKAGES) hash.update(JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version as string);
  return join(tmpdir(), `ondergrond-bench-pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/**
 * Opens a fresh in-memory embedded store; the first call on a machine also writes the template for the next.
 *
 * @example const store = await openBenchStore(); await loadDemoIfEmpty(store);
 */
export async function openBenchStore(): Promise<Store> {
  const path = templatePath();
  if (existsSync(path)) return openStore({ template: new Blob([readFileSync(path)]) });
  const store = await openStore({});
  // Written aside and renamed, so a benchmark started alongside never reads half a dump.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await (await dumpPglite(store.db)).arrayBuffer()));
  renameSync(partial, path);
  return store;
}
