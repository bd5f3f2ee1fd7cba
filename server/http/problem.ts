import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Message } from '../domain/message.ts';
import { log } from '../log.ts';
import { isTextKey } from '../messages/catalogue.ts';
import { render } from '../messages/render.ts';
import { answerLanguage } from './language.ts';
import { WorkRefused } from '../workers/evaluate-check.ts';

/**
 * An error a person can act on, answered as `application/problem+json` (RFC 9457). `extras` become members of
 * the problem document (e.g. `errors` listing every bad feature by index).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
    /** The detail as a catalogue message, answered in the reader's language (`detail` is its English, for logs). */
    readonly message_?: Message,
  ) {
    super(detail);
  }
}

/**
 * A problem whose detail comes from the catalogue, so the Dutch interface reads it in Dutch; `?lang=en` or an
 * English Accept-Language gives the sentence API clients have always read.
 *
 * @example throw problemOf(404, msg('problem.route-not-found', { id: '"r-1"' }))
 */
export const problemOf = (status: number, message: Message, extras?: Record<string, unknown>) =>
  new AppError(status, render({ code: `problem.title.${status}` }, 'en'), render(message, 'en'), extras, message);

export const badRequest = (detail: string, extras?: Record<string, unknown>) => new AppError(400, 'Bad request', detail, extras);
export const notFound = (detail: string) => new AppError(404, 'Not found', detail);
export const conflict = (detail: string, extras?: Record<string, unknown>) => new AppError(409, 'Conflict', detail, extras);

/** Answers every request no route took with a 404 problem. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no route ${req.method} ${req.baseUrl}${req.path}; see /api/openapi.json for the routes`));
};

/**
 * The one error middleware: AppErrors as they are; body-parser failures as 400/413; anything else is a bug,
 * logged once with its stack and the request id and answered as a 500 without one. The log line holds the error
 * as `serializeError` keeps it and the URL with tokens blanked: never the body, headers or SQL parameters.
 */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  const instance = redactToken(req.originalUrl);
  // Without the request-id middleware (an app assembled in a test) the server's logger still takes the line.
  if (problem.status >= 500 && !(error instanceof WorkRefused)) (req.log ?? log).error({ err: error, method: req.method, url: instance }, 'request failed');
  if (error instanceof WorkRefused && error.retryAfter_s !== undefined) res.set('Retry-After', String(error.retryAfter_s));
  // Titles by status and catalogue details in the reader's language; a detail without a code stays as written.
  const language = answerLanguage(req);
  const titleKey = `problem.title.${problem.status}`;
  res.status(problem.status).type('application/problem+json').json({
    type: 'about:blank',
    title: isTextKey(titleKey) ? render({ code: titleKey }, language) : problem.title,
    status: problem.status,
    detail: problem.message_ ? render(problem.message_, language) : problem.detail,
    instance,
    ...problem.extras,
  });
};

/** A URL with any `token=` query value blanked, for logs and problem documents (download links carry tokens). */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1REDACTED');
}

function toProblem(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Long work the worker pool could not take (queue full, time limit, shutting down): the server's state, not a bug.
  // The numbers ride along as members so a client can say the same in its reader's language.
  if (error instanceof WorkRefused) {
    const r = error.result;
    return new AppError(503, 'Service unavailable', error.message, { reason: r.reason, ...(r.reason === 'timeout' ? { limit_s: r.limit_ms / 1_000 } : {}), ...(r.reason === 'busy' ? { retryAfter_s: r.retryAfter_s } : {}) });
  }
  const e = error as { type?: string; status?: number; limit?: number; length?: number; message?: string };
  if (e.type === 'entity.too.large') {
    return problemOf(413, { code: 'problem.body-too-large', params: { length: String(e.length), limit: String(e.limit) } });
  }
  if (e.type === 'entity.parse.failed') {
    return badRequest(`request body is not valid JSON (${e.message}); send a JSON document`);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'Bad request', e.message ?? 'the request could not be read');
  }
  return problemOf(500, { code: 'problem.internal' });
}
