import type { Request } from 'express';
import { type Language, languageOf } from '../messages/language.ts';

/** The language to answer a request in: `?lang=`, else its Accept-Language, else Dutch. */
export function answerLanguage(req: Request): Language {
  return languageOf(req.query.lang, req.headers['accept-language']);
}
