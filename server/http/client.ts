import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where `npm run build:client` puts the web client. */
export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/**
 * Serves the built web client after the API. Hashed assets are cached for a year, index.html never (so a new build
 * is picked up); without a build, `/` says how to make one instead of a bare 404.
 */
export function clientRouter(dist: string = CLIENT_DIST): Router {
  const router = Router();
  router.use(
    express.static(dist, {
      index: 'index.html',
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    }),
  );
  router.get('/', (_req, res) => {
    if (existsSync(`${dist}/index.html`)) return res.sendFile('index.html', { root: dist });
    res.status(503).type('text/plain').send('The web client is not built: run `npm run build:client` (npm start does it), then reload.');
  });
  return router;
}
