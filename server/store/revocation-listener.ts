import pg from 'pg';
import { type PrincipalCache, REVOCATIONS_CHANNEL } from './access-store.ts';

export interface RevocationListenerOptions {
  connectionString: string;
  /** The store's schema; revocations announced in another schema of the same database are not this store's. */
  schema?: string;
  /** First wait before reconnecting, ms; doubled after each failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Keeps `cache` hearing the revocations of a PostgreSQL store: one dedicated connection LISTENs on
 * `ondergrond_tokens` (NOTIFY needs a connection of its own; a pooled one is handed to other statements). The cache
 * is told it hears only once LISTEN is in place, and made deaf the moment the connection fails, so a revocation
 * announced while nobody listened is never missed; it then reconnects, waiting longer after each failure.
 *
 * @example const listener = listenForRevocations(cache, { connectionString: process.env.DATABASE_URL! }); …; await listener.close();
 */
export function listenForRevocations(cache: PrincipalCache, { connectionString, schema, retryMs = 100, maxRetryMs = 5_000 }: RevocationListenerOptions): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let wait = retryMs;
  let retry: NodeJS.Timeout | undefined;

  const lost = (from: pg.Client) => {
    if (client !== from) return;
    client = undefined;
    cache.deaf();
    void from.end().catch(() => undefined);
    if (closed) return;
    retry = setTimeout(connect, wait);
    retry.unref();
    wait = Math.min(wait * 2, maxRetryMs);
  };

  const connect = async () => {
    // Named so an operator sees the listeners in pg_stat_activity (one per server) and can tell whose is whose.
    const next = new pg.Client({ connectionString, application_name: `ondergrond-tokens${schema ? `:${schema}` : ''}`, ...(schema ? { options: `-c search_path=${schema},public` } : {}) });
    client = next;
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      const [row] = (await next.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
      const own = row?.schema;
      next.on('notification', (message) => {
        if (message.channel === REVOCATIONS_CHANNEL && message.payload === own) cache.revoked();
      });
      await next.query(`LISTEN ${REVOCATIONS_CHANNEL}`);
      if (client !== next || closed) return;
      wait = retryMs;
      cache.hearing();
    } catch {
      lost(next);
    }
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      cache.deaf();
      await last?.end().catch(() => undefined);
    },
  };
}
