import type { RequestHandler } from 'express';
import type { OldestFirst } from '../store/oldest-first.ts';

/**
 * The two middlewares that let the embedded store serve the oldest request first: `arrive` ranks a request before
 * anything else reads it; `within` runs the rest of its handling as that request's work. `within` goes after the
 * body parser, because work resumed from a stream's events (the body arriving) no longer knows its request.
 */
export function arrivalOrder(order: OldestFirst): { arrive: RequestHandler; within: RequestHandler } {
  const ranks = new WeakMap<object, number>();
  return {
    arrive: (req, _res, next) => {
      ranks.set(req, order.arrive());
      next();
    },
    within: (req, _res, next) => order.within(ranks.get(req) ?? order.arrive(), next),
  };
}
