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
