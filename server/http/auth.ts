import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo, type Store as RateLimitStore } from 'express-rate-limit';
import { type Action, type Principal, can } from '../domain/access/policy.ts';
import type { Message } from '../domain/message.ts';
import { render } from '../messages/render.ts';
import type { AccessStore } from '../store/access-store.ts';
import { answerLanguage } from './language.ts';
import { GUARD_ACTION } from './openapi.ts';
import { AppError, problemOf, redactToken } from './problem.ts';

/**
 * Resolves `Authorization: Bearer <token>` to a principal, or answers 401. Every /api route but health and the
 * OpenAPI document sits behind it.
 */
export function authenticate(access: AccessStore): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new AppError(401, 'Unauthorized', 'send an API token as "Authorization: Bearer <token>"; npm run token -- create makes one');
    }
    const principal = await access.principal(token);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw problemOf(401, { code: 'problem.token-unknown' });
    }
    res.locals.principal = principal;
    next();
  };
}

/** Failed authentications per minute per client address when not configured (ONDERGROND_AUTH_FAIL_LIMIT). */
export const AUTH_FAIL_LIMIT = 300;

/**
 * Counts requests that fail to authenticate (no token, or one unknown or revoked) per client address, and refuses an
 * address past `perMinute` of them with 429 before its token is looked up, so random tokens cannot each cost a
 * database query. Only failures count: a busy client with a good token is never slowed by this. An address over
 * the limit is refused whatever it sends until its minute is over; the lookup that would tell a good token from a
 * bad one is exactly the cost being limited. `counts.store` shares the count between servers (PostgreSQL); in memory
 * without it.
 */
export function authFailureLimit(perMinute = AUTH_FAIL_LIMIT, counts: { store?: RateLimitStore } = {}): RequestHandler {
  return rateLimit({
    ...counts,
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: false,
    legacyHeaders: false,
    // Counted when the request arrives (so a burst of bogus tokens in flight is bounded too), given back unless it is a 401.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => `auth-failed:${ipKeyGenerator(req.ip ?? '')}`,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      res.set('Retry-After', String(seconds));
      res.status(429).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Too many requests',
        status: 429,
        detail: `more than ${perMinute} requests without a valid API token from this address in a minute; wait ${seconds} s, then send a valid token`,
        instance: redactToken(req.originalUrl),
      });
    },
  });
}

/**
 * Downloads a browser opens as a link (exports, letters) cannot send a header, so these GETs alone may carry the
 * token as `?token=`. Never a write: a token in a URL ends up in history and proxies, so it must not be able to change anything.
 * The routes as the API document names them; the whole path must match one, so `/anything/letters` does not.
 */
export const DOWNLOAD_ROUTES = [
  '/api/plans/{id}/export.xlsx',
  '/api/plans/{id}/export.csv',
  '/api/plans/{id}/export.ics',
  '/api/plans/{id}/export.geojson',
  '/api/plans/{id}/letters',
  '/api/plans/{id}/letters.txt',
] as const;
const DOWNLOAD_PATH = new RegExp(`^(${DOWNLOAD_ROUTES.map((r) => r.replaceAll('.', '\\.').replace('{id}', '[^/]+')).join('|')})$`);

/** The token of a request: the Bearer header, or `?token=` on a download GET. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (match) return match[1];
  const query = req.query.token;
  if (req.method === 'GET' && typeof query === 'string' && query.length > 0 && DOWNLOAD_PATH.test(req.baseUrl + req.path)) return query;
  return undefined;
}

/** Refuses with 403 unless the caller's role grants `action` (for any object; ownership is checked per object). */
export function requires(action: Action): RequestHandler {
  const guard: RequestHandler = (req, res, next) => {
    const decision = can(principalOf(res), action);
    if (!decision.allowed) throw forbidden(req, decision.reason);
    next();
  };
  // ApiDoc reads this to put `x-action` in the OpenAPI document.
  return Object.assign(guard, { [GUARD_ACTION]: action });
}

/** Checks `action` on an object owned by `owner`, throwing 403 with the reason when refused. */
export function assertAllowed(res: Response, action: Action, owner: string): void {
  const decision = can(principalOf(res), action, owner);
  if (!decision.allowed) throw forbidden(res.req, decision.reason);
}

/** True when the caller's grant for `action` covers every owner (not only its own organisation). */
export function seesAll(res: Response, action: Action): boolean {
  const decision = can(principalOf(res), action);
  return decision.allowed && decision.scope === 'all';
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf called on a route without authenticate()');
  return principal;
}

/**
 * A 403 whose `detail` is the policy's reason rendered in the request's language (`?lang=`, Accept-Language, else
 * Dutch); `code` names the reason for clients that match on it rather than on a sentence.
 */
export const forbidden = (req: Request, reason: Message) =>
  new AppError(403, 'Forbidden', render(reason, answerLanguage(req)), { code: reason.code });

export type { Request };
