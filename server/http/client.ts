import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Where `npm run build:client` puts the web client. */
export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/**
 * Serves the built web client after the API: brotli or gzip where the browser takes it (the build writes both
 * beside each asset), hashed assets cached for a year, index.html never (so a new build is picked up); without a
 * build, `/` says how to make one instead of a bare 404. `/favicon.ico`, which browsers ask for on their own,
 * points to the icon the page names.
 */
export function clientRouter(dist: string = CLIENT_DIST): Router {
  const router = Router();
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));
  router.use(
    expressStaticGzip(dist, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders: (res, path) => res.setHeader('Cache-Control', /index\.html(\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable'),
      },
    }),
  );
  router.get('/', (_req, res) => {
    if (existsSync(`${dist}/index.html`)) return res.sendFile('index.html', { root: dist });
    res.status(503).type('text/plain').send('The web client is not built: run `npm run build:client` (npm start does it), then reload.');
  });
  return router;
}
