import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's `x-request-id` when sane, else a fresh UUID; answered in `x-request-id`. */
    id: string;
    /** The server's logger with this request's id on every line. */
    log: Logger;
  }
}

export const REQUEST_ID_HEADER = 'x-request-id';

// A proxy's or client's id is kept so one request can be followed across systems; anything longer or with other
// characters (spaces, quotes, line breaks) could forge or break log lines, so it is replaced.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id and a child logger carrying it, answers the id in `x-request-id`, and logs the
 * finished request at debug level (method, path without query, status, milliseconds).
 */
export function requestId(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    req.id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    // Most requests log nothing, so the child logger is made on first use rather than for every request.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ requestId: req.id })), configurable: true });
    res.set(REQUEST_ID_HEADER, req.id);
    if (logger.isLevelEnabled('debug')) {
      const started = performance.now();
      // The query string may hold a download token, so only the path is logged.
      const path = req.originalUrl.split('?')[0];
      res.once('finish', () => req.log.debug({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    }
    next();
  };
}
