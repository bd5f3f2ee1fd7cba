import express from 'express';
import type { Store } from '../store/index.ts';
import { ApiDoc } from './openapi.ts';
import { problemHandler, unknownRoute } from './problem.ts';
import { authenticate } from './auth.ts';
import { layersRouter } from './routes/layers.routes.ts';
import { tokensRouter } from './routes/tokens.routes.ts';

export interface AppOptions {
  bodyLimit: string;
  maxFeatures: number;
  maxCoordinates: number;
  version?: string;
}

/** The Express application over a store. Routes are thin: parse, call the domain or store, answer. */
export function createApp(store: Store, options: AppOptions) {
  const app = express();
  const doc = new ApiDoc();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: options.bodyLimit, type: ['application/json', 'application/geo+json', 'application/*+json'] }));

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
  app.use('/api', authenticate(store.access));
  app.use('/api/layers', layersRouter(store, doc, options));
  app.use('/api/tokens', tokensRouter(store, doc));

  app.use('/api', unknownRoute);
  app.use(problemHandler);
  return Object.assign(app, { doc });
}
