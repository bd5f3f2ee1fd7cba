import { isMessage, type Message, type MessageParam, OWN_TEXT } from '../domain/message.ts';
import { CATALOGUE, isTextKey, type TextKey } from './catalogue.ts';
import { formatDate, formatFixed, formatList, formatMetres, formatNumber, pluralOf } from './format.ts';
import type { Language } from './language.ts';

/**
 * Placeholders are `{name}` or `{name:format}`:
 * - `m` metres to 2 decimals with the unit ("0,60 m"), `m1` to 1 decimal ("12,5 m");
 * - `f0`, `f1`, `f2` a number to that many decimals, no unit;
 * - `date` an ISO date as "1 mrt 2027";
 * - no format: a number in the locale ("7.779"), a message rendered, a list joined ("a, b en c"), text as it is.
 * A count that changes the words around it is a plural, as in ICU: `{openings, plural, one {# opening} other {#
 * openingen}}`, the form chosen by the language's plural rules (`other` when the rules name a form the text lacks),
 * `#` the count in the locale; a form holds no other placeholder.
 * An unknown placeholder stays visible, so a missing parameter is seen rather than hidden.
 */
const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;
const PLURAL = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(\w+)\s*\{([^{}]*)\}/g;

export type Translate = (key: TextKey, params?: Record<string, MessageParam>) => string;

/**
 * @example translator('en')('layers.count', { count: 3 }) // '3 features'
 */
export function translator(language: Language): Translate {
  return (key, params = {}) => fill(CATALOGUE[language][key], params, language);
}

/**
 * A message as a sentence in `language`. An unknown code renders as the code itself with its parameters, so an
 * old or foreign report still shows something a person can report; a person's own text (`ownText`) in their words.
 *
 * @example render({ code: 'layers.count', params: { count: 1200 } }, 'nl') // '1.200 objecten'
 */
export function render(message: Message, language: Language): string {
  if (message.code === OWN_TEXT) return String(message.params?.[language] ?? message.params?.nl ?? '');
  if (!isTextKey(message.code)) return `${message.code}${message.params ? ` ${JSON.stringify(message.params)}` : ''}`;
  return fill(CATALOGUE[language][message.code], message.params ?? {}, language);
}

function fill(text: string, params: Record<string, MessageParam>, language: Language): string {
  return text
    .replace(PLURAL, (whole, name: string, forms: string) => (name in params ? plural(params[name]!, forms, language) : whole))
    .replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => (name in params ? value(params[name]!, format, language) : whole));
}

/** The form of `forms` (`one {# opening} other {# openingen}`) that `count` takes, `#` filled with it. */
function plural(count: MessageParam, forms: string, language: Language): string {
  const byCategory = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1]!, m[2]!]));
  // Only a number has a plural form; anything else (a text, a list) reads with the general one.
  const category = typeof count === 'number' ? pluralOf(count, language) : 'other';
  const form = byCategory.get(category) ?? byCategory.get('other') ?? '';
  return form.replaceAll('#', value(count, undefined, language));
}

function value(param: MessageParam, format: string | undefined, language: Language): string {
  if (param === null) return '—';
  if (Array.isArray(param)) return formatList(param.map((p) => value(p, format, language)), language);
  if (isMessage(param)) return render(param, language);
  if (typeof param === 'number') {
    if (format === 'm') return formatMetres(param, language, 2);
    if (format === 'm1') return formatMetres(param, language, 1);
    const fixed = /^f(\d)$/.exec(format ?? '');
    if (fixed) return formatFixed(param, language, Number(fixed[1]));
    return formatNumber(param, language);
  }
  if (typeof param === 'string' && format === 'date') return formatDate(param, language);
  return String(param);
}
