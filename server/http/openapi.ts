import type { RequestHandler, Router } from 'express';
import type { Action } from '../domain/access/policy.ts';

type Method = 'get' | 'post' | 'put' | 'delete';

/** What a route documents about itself; turned into an OpenAPI 3.1 operation. */
export interface Operation {
  summary: string;
  description?: string;
  tags?: string[];
  query?: Record<string, string>;
  /** Media type → description of the body. */
  body?: Record<string, string>;
  /** Status → description. */
  responses: Record<number, string>;
  /** The action the route's guard enforces; taken from its `requires(action)` handler when not given. */
  action?: Action;
}

/** A documented route with the action its guard enforces (undefined for a public route). */
export interface GuardedRoute {
  method: Method;
  /** OpenAPI path, e.g. `/api/layers/{layer}`. */
  path: string;
  action: Action | undefined;
}

/** Handlers made by `requires(action)` carry their action, so the document can name it without a second source. */
export const GUARD_ACTION: unique symbol = Symbol('guard action');
type Guard = RequestHandler & { [GUARD_ACTION]?: Action };

/**
 * The OpenAPI document, written by the routes as they are registered: a route cannot exist undocumented, and the
 * document cannot name a route that does not exist.
 */
export class ApiDoc {
  private readonly paths: Record<string, Partial<Record<Method, object>>> = {};

  /** A router whose `get/post/put/delete` register the handler and document it under `prefix`. */
  on(router: Router, prefix: string) {
    const add = (method: Method) => (path: string, op: Operation, ...handlers: RequestHandler[]) => {
      router[method](path, ...handlers);
      const action = op.action ?? handlers.map((h) => (h as Guard)[GUARD_ACTION]).find((a) => a !== undefined);
      this.record(method, prefix + path, { ...op, ...(action ? { action } : {}) });
    };
    return { get: add('get'), post: add('post'), put: add('put'), delete: add('delete') };
  }

  /** Every documented `METHOD /path`, e.g. `GET /api/layers/{layer}`. */
  routes(): string[] {
    return Object.entries(this.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  }

  /** Every documented route with the action its guard enforces: the table the role tests walk. */
  guards(): GuardedRoute[] {
    return Object.entries(this.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method as Method, path, action: (op as { 'x-action'?: Action })['x-action'] })),
    );
  }

  document(version: string): object {
    return {
      openapi: '3.1.0',
      info: {
        title: 'Ondergrond API',
        version,
        description:
          'Underground assets, trench checks and street-opening plans. GeoJSON is RFC 7946 WGS84 by default; ' +
          'send ?crs=EPSG:28992 (or a crs member on input) for RD New. Errors are application/problem+json (RFC 9457).',
      },
      paths: this.paths,
    };
  }

  private record(method: Method, expressPath: string, op: Operation) {
    const params = [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const path = expressPath.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}') || '/';
    (this.paths[path] ??= {})[method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.tags ? { tags: op.tags } : {}),
      parameters: [
        ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...Object.entries(op.query ?? {}).map(([name, description]) => ({ name, in: 'query', description, schema: { type: 'string' } })),
      ],
      ...(op.body
        ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(op.body).map(([type, description]) => [type, { schema: { description } }])) } }
        : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, description]) => [status, { description }])),
      ...(op.action ? { 'x-action': op.action } : {}),
    };
  }
}
