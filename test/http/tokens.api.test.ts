import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const { store, server } = await serverForFile('pglite');

describe('the token API', () => {
  it('lets an administrator create a token that works at once and is stored only as a hash', async () => {
    const created = await server.call('/api/tokens', 'POST', { organisation: 'Eneco', kind: 'heat-company', role: 'submitter' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^og_[A-Za-z0-9_-]{43}$/);
    expect((await server.call('/api/layers', 'GET', undefined, { token: created.body.token })).status).toBe(200);
    const rows = await store.db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(rows.some((r) => r.hash.includes(created.body.token))).toBe(false);
    const listed = await server.call('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
  });

  it('refuses token management to anyone but an administrator', async () => {
    const planner = await server.tokenFor('Gemeente Rotterdam', 'planner');
    const refused = await server.call('/api/tokens?lang=en', 'POST', { organisation: 'X', role: 'admin' }, { token: planner });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('role planner may not manage tokens');
  });

  it('revokes a token so it no longer opens anything', async () => {
    const created = await server.call('/api/tokens', 'POST', { organisation: 'KPN', kind: 'grid-operator', role: 'viewer' });
    // Used first, so the server has it among its recently seen tokens: revoking must still take effect at once.
    expect((await server.call('/api/layers', 'GET', undefined, { token: created.body.token })).status).toBe(200);
    expect((await server.call(`/api/tokens/${created.body.id}`, 'DELETE')).status).toBe(204);
    expect((await server.call('/api/layers', 'GET', undefined, { token: created.body.token })).status).toBe(401);
    expect((await server.call(`/api/tokens/${created.body.id}`, 'DELETE')).status).toBe(404);
  });

  it('answers 400 naming a role that does not exist', async () => {
    const bad = await server.call('/api/tokens', 'POST', { organisation: 'Eneco', role: 'superuser' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('body.role');
  });

  it('replaces the start-up token at each start, revoking the previous one', async () => {
    const first = await store.access.startupToken('Gemeente Rotterdam');
    expect(await store.access.principal(first)).toMatchObject({ role: 'admin' });
    const second = await store.access.startupToken('Gemeente Rotterdam');
    expect(await store.access.principal(first)).toBeUndefined();
    expect(await store.access.principal(second)).toMatchObject({ role: 'admin', organisation: 'Gemeente Rotterdam' });
  });
});
