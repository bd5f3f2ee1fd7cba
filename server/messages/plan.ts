import type { Texts } from './texts.ts';

/** The planner's explanations, work types, exports and resident letters. */
export const nl = {
};

export const en: Texts<typeof nl> = {
};
