import * as access from './access.ts';
import * as check from './check.ts';
import type { Language } from './language.ts';
import * as plan from './plan.ts';
import * as proposal from './proposal.ts';
import * as review from './review.ts';
import * as space from './space.ts';
import * as sewer from './sewer.ts';
import * as ui from './ui.ts';
import * as validation from './validation.ts';

/**
 * Every user-facing text of Ondergrond, Dutch and English, in one catalogue: the client's interface and what the
 * server says (check findings, plan explanations, validation reasons, exports, letters). Areas live in their own
 * files; a key is unique across them (the catalogue test holds that).
 */
const areas = [ui, check, plan, validation, access, proposal, space, review, sewer] as const;

const nl = { ...ui.nl, ...check.nl, ...plan.nl, ...validation.nl, ...access.nl, ...proposal.nl, ...space.nl, ...review.nl, ...sewer.nl };
export type TextKey = keyof typeof nl;

export const CATALOGUE: Record<Language, Record<TextKey, string>> = {
  nl,
  en: { ...ui.en, ...check.en, ...plan.en, ...validation.en, ...access.en, ...proposal.en, ...space.en, ...review.en, ...sewer.en },
};

/** The keys of every area, for the test that no two areas define the same key. */
export const AREA_KEYS: readonly (readonly string[])[] = areas.map((a) => Object.keys(a.nl));

/** True when `key` names a text, for keys built at run time (`rule.${conflict.rule}`). */
export function isTextKey(key: string): key is TextKey {
  return key in nl;
}
