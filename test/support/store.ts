import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openStore, type Store } from '../../server/store/index.ts';

export type StoreKind = 'pglite' | 'postgres';

/** The store kinds this run can test: PGlite always, PostgreSQL when the global setup found one. */
export function storeKinds(): StoreKind[] {
  return inject('databaseUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, empty, migrated store: PGlite from the shared template, or a schema of its own on the PostgreSQL
 * server (dropped on close).
 */
export async function openTestStore(kind: StoreKind = 'pglite'): Promise<Store> {
  if (kind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openStore({ template });
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: inject('databaseUrl'), schema });
  return {
    ...store,
    close: async () => {
      await store.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
    },
  };
}
