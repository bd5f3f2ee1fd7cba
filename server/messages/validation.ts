import type { Texts } from './texts.ts';

/** Why an input was refused: trench, asset and work validation, per field. */
export const nl = {
};

export const en: Texts<typeof nl> = {
};
