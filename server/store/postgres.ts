import pg from 'pg';
import type { Database, Sql } from './sql.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Schema to work in (created when missing); tests give each file its own. */
  schema?: string;
  max?: number;
}

/**
 * Opens the server store: PostgreSQL + PostGIS through a `pg` pool. Each pooled connection works in `schema`
 * (then `public`, where the PostGIS extension lives).
 */
export async function openPostgres({ connectionString, schema, max = 10 }: PostgresOptions): Promise<Database> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`schema name ${JSON.stringify(schema)} must be lower-case letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString,
    max,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const query = async <T extends object>(text: string, params?: readonly unknown[]) =>
    (await pool.query(text, params as unknown[] | undefined)).rows as T[];
  return {
    kind: 'postgres',
    query,
    exec: async (text) => void (await pool.query(text)),
    close: () => pool.end(),
    transaction: async (fn) => {
      const client = await pool.connect();
      const tx: Sql = {
        query: async <T extends object>(text: string, params?: readonly unknown[]) =>
          (await client.query(text, params as unknown[] | undefined)).rows as T[],
        transaction: (inner) => inner(tx),
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
