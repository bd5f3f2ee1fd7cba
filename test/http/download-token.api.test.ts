import { describe, expect, it } from 'vitest';
import { DOWNLOAD_ROUTES } from '../../server/http/auth.ts';
import { createLogger } from '../../server/log.ts';
import { problemHandler } from '../../server/http/problem.ts';
import { call, serverForFile } from '../support/http.ts';

const UNKNOWN_PLAN = '00000000-0000-4000-8000-000000000000';
const DOWNLOADS = ['export.xlsx', 'export.csv', 'export.ics', 'export.geojson', 'letters', 'letters.txt'];

const { server } = await serverForFile('pglite');

/** A request with the token only in the query string, as a download link sends it. */
const viaQuery = (path: string, token: string, method = 'GET', body?: unknown) =>
  call(`${server.url}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`, method, body);

describe('the token in the query string', () => {
  it.each(DOWNLOADS)('opens a GET of /api/plans/:id/%s (a 404 for an unknown plan, not a 401)', async (download) => {
    const path = `/api/plans/${UNKNOWN_PLAN}/${download}`;
    expect((await call(server.url + path)).status).toBe(401);
    const answer = await viaQuery(path, server.token);
    expect(answer.status).toBe(404);
    expect(answer.type).toContain('application/problem+json');
  });

  it('does not open a download with an unknown token', async () => {
    expect((await viaQuery(`/api/plans/${UNKNOWN_PLAN}/export.csv`, 'og_not-a-token')).status).toBe(401);
  });

  it('is refused on any route that is not a download', async () => {
    const read = await viaQuery('/api/layers', server.token);
    expect(read.status).toBe(401);
    expect(read.body.detail).toContain('Authorization: Bearer');
  });

  it.each(['/api/layers/heat/features/letters', '/api/layers/cables/features/export.csv', '/api/works/letters.txt', '/api/plans/letters', `/api/plans/${UNKNOWN_PLAN}/x/letters`])(
    'is refused on %s, which only ends like a download', async (path) => {
      const answer = await viaQuery(path, server.token);
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toContain('Authorization: Bearer');
    },
  );

  it('is accepted on exactly the download routes the API documents', () => {
    const documented = server.app.doc.guards().filter((r) => r.method === 'get').map((r) => r.path);
    expect(DOWNLOAD_ROUTES.filter((route) => !documented.includes(route))).toEqual([]);
    expect(DOWNLOAD_ROUTES.map((route) => route.slice(route.lastIndexOf('/') + 1))).toEqual(DOWNLOADS);
  });

  it('is never accepted for a write, not even on a download path', async () => {
    const post = await viaQuery(`/api/plans/${UNKNOWN_PLAN}/export.csv`, server.token, 'POST', {});
    expect(post.status).toBe(401);
    const write = await viaQuery('/api/layers/cables/features', server.token, 'POST', { type: 'FeatureCollection', features: [] });
    expect(write.status).toBe(401);
    const remove = await viaQuery('/api/layers/cables/features/x/letters', server.token, 'DELETE');
    expect(remove.status).toBe(401);
  });

  it('is blanked in the problem document and the error log', async () => {
    const answer = await viaQuery(`/api/plans/${UNKNOWN_PLAN}/letters.txt`, server.token);
    expect(answer.body.instance).toBe(`/api/plans/${UNKNOWN_PLAN}/letters.txt?token=REDACTED`);
    expect(JSON.stringify(answer.body)).not.toContain(server.token);
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const res = { status: () => res, type: () => res, json: () => res, set: () => res };
    problemHandler(new Error('bug'), { method: 'GET', originalUrl: `/api/x/letters?token=${server.token}&a=1`, query: {}, headers: {}, log: logger } as never, res as never, () => undefined);
    expect(lines.join(' ')).toContain('/api/x/letters?token=REDACTED&a=1');
    expect(lines.join(' ')).not.toContain(server.token);
  });
});
