/**
 * Interface text in Dutch (the default) and English, from the one catalogue the server renders its messages from
 * (`server/messages/`). Both languages have the same keys; a test holds them equal. `{name}` in a text is replaced
 * by the parameter of that name.
 */
export { CATALOGUE as DICTIONARIES, isTextKey, type TextKey } from '../../server/messages/catalogue.ts';
export { LANGUAGES, type Language } from '../../server/messages/language.ts';
export { render, translator, type Translate } from '../../server/messages/render.ts';
