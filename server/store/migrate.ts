import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { holdLock } from './locks.ts';
import type { Database } from './sql.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the SQL files in `migrations/` that this database has not seen, in name order, each in its own
 * transaction. Returns the names applied. Both stores run the same files. Servers starting together on one
 * PostgreSQL take turns (an advisory lock per schema), and each looks again under the lock, so a migration runs once.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.transaction(async (tx) => {
    await holdLock(tx, 'migrate', '');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const name of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(name)) continue;
    const text = readFileSync(MIGRATIONS_DIR + name, 'utf8');
    const ran = await db.transaction(async (tx) => {
      await holdLock(tx, 'migrate', '');
      if ((await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name])).length > 0) return false;
      for (const statement of splitStatements(text)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}

// Migrations are plain DDL without dollar-quoted bodies, so splitting on statement-ending semicolons is enough.
function splitStatements(text: string): string[] {
  return text
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
