import { describe, expect, it } from 'vitest';
import { GRANTS } from '../../server/domain/access/policy.ts';
import { serverForFile } from '../support/http.ts';

const { server } = await serverForFile('pglite');

describe('GET /api/session', () => {
  it("tells a heat company's submitter who it is and that it may submit but not decide routes", async () => {
    const token = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    const { status, body } = await server.call('/api/session', 'GET', undefined, { token });
    expect(status).toBe(200);
    expect(body).toEqual({ organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter', grants: GRANTS.submitter });
    expect(body.grants['routes:submit']).toBe('own');
    expect(body.grants['routes:decide']).toBeUndefined();
  });

  it('answers 401 without a token', async () => {
    expect((await server.call('/api/session', 'GET', undefined, { token: null })).status).toBe(401);
  });
});
