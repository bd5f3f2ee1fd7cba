/**
 * The English (or any further) texts of a catalogue area: exactly the Dutch keys, so a missing translation is a
 * type error, and the catalogue test holds the placeholders equal.
 */
export type Texts<Dutch> = { [K in keyof Dutch]: string };
