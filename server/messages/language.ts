/** The languages every user-facing text exists in; Dutch is the default. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

/**
 * The language to answer in: an explicit `?lang=` first, else the first supported tag of an Accept-Language header,
 * else Dutch.
 *
 * @example languageOf(undefined, 'en-GB,en;q=0.9,nl;q=0.8') // 'en'
 */
export function languageOf(explicit: unknown, acceptLanguage?: string): Language {
  if (typeof explicit === 'string' && isLanguage(explicit)) return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase().slice(0, 2);
    if (isLanguage(tag)) return tag;
  }
  return DEFAULT_LANGUAGE;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
