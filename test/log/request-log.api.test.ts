import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from '../../server/log.ts';
import { hashToken } from '../../server/store/access-store.ts';
import { serverForFile } from '../support/http.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

/** A logger at debug level whose lines the test reads. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

const { logger, lines } = capturedLog();
const { store, server } = await serverForFile('pglite', { log: logger });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('answers each request with a fresh id in x-request-id, and logs the request with it', async () => {
    const [a, b] = await Promise.all([server.call('/api/health'), server.call('/api/health')]);
    const ids = [a.headers.get('x-request-id'), b.headers.get('x-request-id')];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(lines.filter((l) => l.requestId === ids[0])).toMatchObject([{ msg: 'request', method: 'GET', path: '/api/health', status: 200 }]);
  });

  it("keeps a caller's sane x-request-id and replaces one that could forge a log line", async () => {
    const kept = await server.call('/api/health', 'GET', undefined, { headers: { 'x-request-id': 'lb-7f3a.2:1' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.2:1');
    const replaced = await server.call('/api/health', 'GET', undefined, { headers: { 'x-request-id': 'x" level=60 {' } });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    const long = await server.call('/api/health', 'GET', undefined, { headers: { 'x-request-id': 'a'.repeat(129) } });
    expect(long.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('a failing request', () => {
  it('when the auth query fails, answers 500 and logs the error once with the request id, the SQL and no parameters', async () => {
    const token = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    await store.db.exec('ALTER TABLE tokens RENAME TO tokens_away');
    try {
      const answer = await server.call('/api/layers?token=og_in_the_url', 'GET', undefined, { token, headers: { 'x-request-id': 'failing-auth-1' } });
      expect(answer.status).toBe(500);
      expect(answer.headers.get('x-request-id')).toBe('failing-auth-1');
      const errors = lines.filter((l) => (l.level as number) >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ requestId: 'failing-auth-1', msg: 'request failed', method: 'GET', url: '/api/layers?token=REDACTED', err: { query: expect.stringContaining('t.hash = $1') } });
      const logged = JSON.stringify(lines);
      expect(logged).not.toContain(hashToken(token));
      expect(logged).not.toContain(token);
      expect(logged).not.toContain('og_in_the_url');
      expect(logged).not.toContain('params');
    } finally {
      await store.db.exec('ALTER TABLE tokens_away RENAME TO tokens');
    }
  });
});

describe.each(storeKinds())('a store error on %s, as logged', (kind) => {
  it('keeps the message, code and SQL but not the parameters or the key values in the detail', async () => {
    // The file's PGlite store serves; a second one from the template would take seconds more.
    const db = kind === 'pglite' ? store : await openTestStore(kind);
    try {
      await db.db.exec('CREATE TABLE secrets (k text PRIMARY KEY)');
      await db.db.query('INSERT INTO secrets (k) VALUES ($1)', ['og_secret_value']);
      const error = await db.db.query('INSERT INTO secrets (k) VALUES ($1)', ['og_secret_value']).then(() => undefined, (e: unknown) => e);
      // The error itself still names the value (PostgreSQL's detail), but no longer carries the parameters.
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain('og_secret_value');
      expect(error).not.toHaveProperty('params');
      const logged = serializeError(error);
      // The embedded store attaches the failing SQL to its errors; pg does not.
      const sql = kind === 'pglite' ? { query: 'INSERT INTO secrets (k) VALUES ($1)' } : {};
      expect(logged).toMatchObject({ code: '23505', ...sql, message: expect.stringContaining('secrets_pkey') });
      expect(JSON.stringify(logged)).not.toContain('og_secret_value');
    } finally {
      if (db !== store) await db.close();
    }
  });
});
