import type { Texts } from './texts.ts';

/** The check's findings: what each rule found, with the numbers as parameters. */
export const nl = {
};

export const en: Texts<typeof nl> = {
};
