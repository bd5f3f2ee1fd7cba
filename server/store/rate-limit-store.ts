import type { IncrementResponse, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { Database, Sql } from './sql.ts';

/**
 * Request counts of one rate limit in PostgreSQL's `rate_limits` table, so several servers on one database limit a
 * client together: one statement per count, an upsert that starts a new window when the old one has passed. Rows
 * of windows long over are cleared now and then by whichever server is counting.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  /** Counts between two clearings of expired rows (per server). */
  static readonly CLEAR_EVERY = 1_000;
  readonly localKeys = false;
  #windowMs = 60_000;
  #counted = 0;

  /** `prefix` keeps the keys of two limits on one table apart. */
  constructor(private readonly sql: Sql, readonly prefix: string) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (++this.#counted % PostgresRateLimitStore.CLEAR_EVERY === 0) {
      await this.sql.query('DELETE FROM rate_limits WHERE reset_at < clock_timestamp()');
    }
    const [row] = await this.sql.query<{ hits: number; reset_at: Date | string }>(
      `INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES ($1, 1, clock_timestamp() + $2::int * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE
          SET hits = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
              reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, reset_at`,
      [this.prefix + key, this.#windowMs],
    );
    return { totalHits: Number(row!.hits), resetTime: new Date(row!.reset_at) };
  }

  async get(key: string): Promise<IncrementResponse | undefined> {
    const [row] = await this.sql.query<{ hits: number; reset_at: Date | string }>(
      'SELECT hits, reset_at FROM rate_limits WHERE key = $1 AND reset_at > clock_timestamp()',
      [this.prefix + key],
    );
    return row && { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.sql.query('UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND reset_at > clock_timestamp()', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.sql.query('DELETE FROM rate_limits WHERE key = $1', [this.prefix + key]);
  }
}

/**
 * Where a rate limit counts: in PostgreSQL when the store is one (several servers may share it), else undefined,
 * which leaves express-rate-limit's memory store, right for the embedded store that one process owns.
 *
 * @example rateLimit({ windowMs: 60_000, limit: 600, ...sharedCounts(store.db, 'token:') })
 */
export function sharedCounts(db: Database, prefix: string): { store: RateLimitStore } | Record<string, never> {
  return db.kind === 'postgres' ? { store: new PostgresRateLimitStore(db, prefix) } : {};
}
