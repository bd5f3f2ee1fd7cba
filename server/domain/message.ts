/**
 * What the domain says to a person, as a code and its parameters instead of a sentence: numbers stay numbers, so
 * the edge (HTTP, CLI, exports, letters, the client) renders them in the reader's language and locale from one
 * catalogue (`server/messages/`), and a stored report renders in either language later.
 */
export type MessageParam = string | number | boolean | null | Message | readonly MessageParam[];

export interface Message {
  /** A key of the message catalogue, e.g. `check.crossing.gap-too-small`. */
  code: string;
  params?: Record<string, MessageParam>;
}

/**
 * @example msg('check.crossing.enough', { gap_m: 0.41 }) // { code: 'check.crossing.enough', params: { gap_m: 0.41 } }
 */
export function msg(code: string, params?: Record<string, MessageParam>): Message {
  return params ? { code, params } : { code };
}

/** True for a value shaped as a message, e.g. a parameter that is itself a message. */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Message).code === 'string';
}

/** The code of a text a person wrote in each language (a blackout's name), not in the catalogue. */
export const OWN_TEXT = 'text.own';

/**
 * A name a person gave in each language, rendered in the reader's (Dutch when theirs is missing): for labels that
 * come with the data, such as a blackout's "bouwvak" / "construction holiday", which no catalogue can hold.
 *
 * @example ownText({ nl: 'de bouwvak', en: 'the construction holiday' }) // { code: 'text.own', params: { nl: 'de bouwvak', en: 'the construction holiday' } }
 */
export function ownText(texts: { nl: string; en: string }): Message {
  return msg(OWN_TEXT, { nl: texts.nl, en: texts.en });
}
