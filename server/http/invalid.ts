import type { Request } from 'express';
import { answerLanguage } from './language.ts';
import type { Invalid } from '../domain/validation.ts';
import type { Language } from '../messages/language.ts';
import { render } from '../messages/render.ts';
import { type AppError, badRequest } from './problem.ts';

/** An invalid item as the API answers it: the domain's field, code and parameters, and the reason in words. */
export interface InvalidAnswer extends Invalid {
  reason: string;
}


/**
 * @example withReasons([{ field: 'properties.kind', code: 'validation.trench.kind-missing', params }], 'en')
 *   // [{ field: 'properties.kind', code: 'validation.trench.kind-missing', params, reason: 'kind is required: …' }]
 */
export function withReasons(errors: readonly Invalid[], language: Language): InvalidAnswer[] {
  return errors.map((e) => ({ ...e, reason: render(e, language) }));
}

/**
 * A 400 problem for refused input: `errors` lists every item with its reason in the request's language, and
 * `detail` is `lead` (when given) followed by "field: reason" for each.
 *
 * @example throw invalidRequest(req, result.errors, `${n} features could not be accepted; nothing was stored`);
 */
export function invalidRequest(req: Request, errors: readonly Invalid[], lead?: string): AppError {
  const answered = withReasons(errors, answerLanguage(req));
  const list = answered.map((e) => `${e.field}: ${e.reason}`).join('; ');
  return badRequest(lead ? `${lead}: ${list}` : list, { errors: answered });
}

/** How many features of a collection the items name (`features[3].…`); an item about the whole body counts once. */
export function featuresIn(errors: readonly Invalid[]): number {
  return new Set(errors.map((e) => /^features\[\d+\]/.exec(e.field)?.[0] ?? e.field)).size;
}
