import { describe, expect, it } from 'vitest';
import { serverForFile } from '../support/http.ts';

const { server } = await serverForFile('pglite');

/** Problems the interface shows (an expired token, a route gone, a decided route) read in the reader's language. */
describe('a problem in the reader\'s language', () => {
  it('says an unknown token in Dutch by default and as before in English, title included', async () => {
    const dutch = await server.call('/api/layers', 'GET', undefined, { token: 'og_unknown' });
    const english = await server.call('/api/layers?lang=en', 'GET', undefined, { token: 'og_unknown' });
    expect([dutch.status, english.status]).toEqual([401, 401]);
    expect(dutch.body).toMatchObject({ title: 'Niet aangemeld', detail: 'het API-token is onbekend of ingetrokken; vraag een beheerder om een nieuw token' });
    expect(english.body).toMatchObject({ title: 'Unauthorized', detail: 'the API token is unknown or revoked; ask an administrator for a new one' });
  });

  it('says a route that is not there with its id, in the language Accept-Language asks for', async () => {
    const dutch = await server.call('/api/routes/r-404');
    const english = await server.call('/api/routes/r-404', 'GET', undefined, { headers: { 'accept-language': 'en-GB' } });
    expect(dutch.body).toMatchObject({ status: 404, title: 'Niet gevonden', detail: 'er is geen tracé "r-404"; uw tracés staan in GET /api/routes' });
    expect(english.body.detail).toBe('there is no route "r-404"; list yours with GET /api/routes');
  });

  it('gives a problem without a catalogue detail a Dutch title and keeps its detail as written', async () => {
    const answer = await server.call('/api/layers/nowhere');
    expect(answer.body).toMatchObject({ status: 404, title: 'Niet gevonden' });
    expect(answer.body.detail).toContain('nowhere');
  });
});
