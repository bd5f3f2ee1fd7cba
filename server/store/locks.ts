import type { Sql } from './sql.ts';

/**
 * What a lock serialises. Each scope is its own key space (the first half of PostgreSQL's two-key advisory lock),
 * so an import whose source happens to hash like the migration key never waits on it.
 */
export type LockScope = 'migrate' | 'startup-token' | 'import';

const SCOPES: Record<LockScope, number> = { migrate: 0x4f47_0001, 'startup-token': 0x4f47_0002, import: 0x4f47_0003 };

/**
 * Holds a transaction-level advisory lock on `key` in `scope` until the caller's transaction ends: the way several
 * servers on one PostgreSQL take turns at work that must not overlap (two imports of one delivery, two starts
 * creating the admin token, two starts migrating). The key is hashed with the schema, so stores that share a
 * database in separate schemas (the tests) do not wait on each other. Call it first in the transaction; outside
 * one the lock is let go at once. The embedded store runs one transaction at a time and takes it immediately.
 *
 * @example await store.transaction(async (tx) => { await holdLock(tx.sql, 'import', 'klic:22O000518'); … })
 */
export async function holdLock(sql: Sql, scope: LockScope, key: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema() || ':' || $2::text))`, [SCOPES[scope], key]);
}
