import { createHash } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import { ipKeyGenerator, rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import type { PlanningRules } from '../domain/plan/planning-rules.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import type { StreetProfile } from '../domain/space/street-profile.ts';
import { DEFAULT_RESERVE_MAX_SEGMENTS } from '../app/generate-reservations.ts';
import { readProfilesDir } from '../profiles-file.ts';
import type { SpaceLimits } from '../domain/space/space-request.validation.ts';
import { log, type Logger } from '../log.ts';
import type { VertexLimits } from '../geo/geometry.validation.ts';
import type { Store } from '../store/index.ts';
import { sharedCounts } from '../store/rate-limit-store.ts';
import { arrivalOrder } from './arrival.ts';
import { ApiDoc } from './openapi.ts';
import { problemHandler, redactToken, unknownRoute } from './problem.ts';
import { authenticate, authFailureLimit, bearerToken } from './auth.ts';
import { refuseNul, scanJsonBody } from './body-limits.ts';
import { requestId } from './request-id.ts';
import { auditRouter } from './endpoints/audit.endpoints.ts';
import { checksRouter } from './endpoints/checks.endpoints.ts';
import { heatRoutesRouter } from './endpoints/heat-routes.endpoints.ts';
import { sewerSuggestionsRouter, workSewerSuggestionsRouter } from './endpoints/sewer-suggestions.endpoints.ts';
import { clientRouter } from './client.ts';
import { importsRouter } from './endpoints/imports.endpoints.ts';
import { layersRouter } from './endpoints/layers.endpoints.ts';
import { coverageRouter } from './endpoints/coverage.endpoints.ts';
import { planExportsRouter } from './endpoints/plan-exports.endpoints.ts';
import { plansRouter } from './endpoints/plans.endpoints.ts';
import { reservationsRouter } from './endpoints/reservations.endpoints.ts';
import { proposalsRouter } from './endpoints/proposals.endpoints.ts';
import { rulesRouter } from './endpoints/rules.endpoints.ts';
import { sessionRouter } from './endpoints/session.endpoints.ts';
import { spaceRouter } from './endpoints/space.endpoints.ts';
import { tokensRouter } from './endpoints/tokens.endpoints.ts';
import { worksRouter } from './endpoints/works.endpoints.ts';
import { tilesRouter } from './endpoints/tiles.endpoints.ts';

export interface AppOptions {
  bodyLimit: string;
  maxFeatures: number;
  maxCoordinates: number;
  /** Positions allowed per geometry kind (trench centreline and footprint, asset line and polygon). */
  vertexLimits?: Partial<VertexLimits>;
  version?: string;
  /** Requests per minute per token; unlimited when absent. */
  rateLimit?: number;
  /** Requests per minute per client address that fail to authenticate (default AUTH_FAIL_LIMIT); 429 above it. */
  authFailLimit?: number;
  corsOrigins?: string[];
  /** Largest import upload in bytes (default 200 MB). */
  uploadLimit?: number;
  /** The rule set the check uses (data/rules/*.json, read at start). */
  rules: RuleSet;
  /** Where request logs go (default: the server's logger on stdout). */
  log?: Logger;
  /** The planner's rules (data/rules/planning.json, read at start). */
  planningRules: PlanningRules;
  /** Street profiles (data/profiles/*.json, read at start); the shipped ones when absent. */
  profiles?: readonly StreetProfile[];
  /** Most street segments one reservation generation takes (default DEFAULT_RESERVE_MAX_SEGMENTS). */
  reserveMaxSegments?: number;
  /** Largest area and segment count of one space scan (default SPACE_LIMITS). */
  spaceLimits?: SpaceLimits;
}

/** The Express application over a store. Routes are thin: parse, call the domain or store, answer. */
export function createApp(store: Store, options: AppOptions) {
  const app = express();
  const doc = new ApiDoc();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId(options.log ?? log));
  const arrival = store.db.order && arrivalOrder(store.db.order);
  if (arrival) app.use(arrival.arrive);
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY } }));
  if (options.corsOrigins?.length) app.use('/api', cors({ origin: options.corsOrigins }));
  if (options.rateLimit) app.use('/api', perTokenLimit(options.rateLimit, sharedCounts(store.db, 'token:')));
  app.use(express.json({ limit: options.bodyLimit, type: ['application/json', 'application/geo+json', 'application/*+json'], verify: scanJsonBody() }));
  app.use(refuseNul);
  if (arrival) app.use(arrival.within);

  const meta = express.Router();
  const api = doc.on(meta, '/api');
  api.get('/health', { summary: 'Liveness and the store in use', responses: { 200: 'ok' } }, async (_req, res) => {
    await store.db.query('SELECT 1');
    res.json({ status: 'ok', store: store.db.kind });
  });
  api.get('/openapi.json', { summary: 'This document', responses: { 200: 'OpenAPI 3.1' } }, (_req, res) => {
    res.json(doc.document(options.version ?? '0.1.0'));
  });
  app.use('/api', meta);
  app.use('/api', authFailureLimit(options.authFailLimit, sharedCounts(store.db, 'auth:')), authenticate(store.access));
  app.use('/api/session', sessionRouter(doc));
  app.use('/api/layers', layersRouter(store, doc, options));
  app.use('/api/tiles', tilesRouter(store, doc));
  app.use('/api/coverage', coverageRouter(store, doc));
  app.use('/api/tokens', tokensRouter(store, doc));
  app.use('/api/audit', auditRouter(store, doc));
  app.use('/api/checks', checksRouter(store, doc, options));
  app.use('/api/routes/propose', proposalsRouter(store, doc, options));
  app.use('/api/routes', heatRoutesRouter(store, doc, options));
  app.use('/api/routes', sewerSuggestionsRouter(store, doc, options));
  app.use('/api/works', worksRouter(store, doc, options));
  app.use('/api/works', workSewerSuggestionsRouter(store, doc, options));
  app.use('/api/plans', plansRouter(store, doc, options));
  app.use('/api/imports', importsRouter(store, doc, { uploadLimit: options.uploadLimit ?? 200 * 1024 * 1024 }));
  app.use('/api/plans', planExportsRouter(store, doc));
  app.use('/api/rules', rulesRouter(doc, options));
  app.use('/api/reservations', reservationsRouter(store, doc, { profiles: options.profiles ?? readProfilesDir(), maxSegments: options.reserveMaxSegments ?? DEFAULT_RESERVE_MAX_SEGMENTS }));
  app.use('/api', spaceRouter(store, doc, options));

  app.use('/api', unknownRoute);
  app.use(clientRouter());
  app.use(problemHandler);
  return Object.assign(app, { doc });
}

// The client loads its own scripts and styles; tiles come from the PDOK basemap when it is reachable.
const PDOK = 'https://service.pdok.nl';
const CONTENT_SECURITY = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:', PDOK],
  connectSrc: ["'self'", PDOK],
  styleSrc: ["'self'", "'unsafe-inline'"],
  workerSrc: ["'self'", 'blob:'],
};

// Counted in PostgreSQL when several servers may share it (`counts.store`), so a token gets `perMinute` in all.
function perTokenLimit(perMinute: number, counts: { store?: RateLimitStore }) {
  return rateLimit({
    ...counts,
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // One bucket per token, so one busy client does not starve the others behind the same address.
    keyGenerator: (req) => {
      const token = bearerToken(req);
      return token ? createHash('sha256').update(token).digest('hex') : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, res) => {
      res.status(429).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Too many requests',
        status: 429,
        detail: `more than ${perMinute} requests in a minute for this token; wait until the window in the RateLimit header resets`,
        instance: redactToken(req.originalUrl),
      });
    },
  });
}
