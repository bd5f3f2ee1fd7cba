import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const { server } = await serverForFile('pglite');

/** A 403 carries the policy's reason as a code and renders it in the request's language, Dutch unless asked. */
describe('a refusal in the reader\'s language', () => {
  it('reads Dutch by default, English with ?lang=en or Accept-Language en, with the same code', async () => {
    const planner = await server.tokenFor('Gemeente Rotterdam', 'planner');
    const dutch = await server.call('/api/tokens', 'POST', { organisation: 'X', role: 'admin' }, { token: planner });
    const query = await server.call('/api/tokens?lang=en', 'POST', { organisation: 'X', role: 'admin' }, { token: planner });
    const header = await server.call('/api/tokens', 'POST', { organisation: 'X', role: 'admin' }, { token: planner, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect([dutch.status, query.status, header.status]).toEqual([403, 403, 403]);
    expect(dutch.body.detail).toBe('rol planner mag niet tokens beheren');
    expect(query.body.detail).toBe('role planner may not manage tokens');
    expect(header.body.detail).toBe('role planner may not manage tokens');
    expect(new Set([dutch.body.code, query.body.code, header.body.code])).toEqual(new Set(['access.role-may-not']));
  });

  it('names the refused action in Dutch words, not as its identifier', async () => {
    const viewer = await server.tokenFor('Evides', 'viewer', 'water-company');
    const dutch = await server.call('/api/audit', 'GET', undefined, { token: viewer });
    expect(dutch.status).toBe(403);
    expect(dutch.body.detail).toBe('rol viewer mag niet het auditlog lezen');
    expect(dutch.body.detail).not.toContain('audit:read');
  });
});
