import { describe, expect, it } from 'vitest';
import { legend } from '../../client/core/styles.ts';
import { msg } from '../../server/domain/message.ts';
import { GEOMETRY_REASONS } from '../../server/geo/geometry.validation.ts';
import { AREA_KEYS, CATALOGUE, type TextKey } from '../../server/messages/catalogue.ts';
import { languageOf, LANGUAGES } from '../../server/messages/language.ts';
import { render, translator } from '../../server/messages/render.ts';

/** Each `{name}` or `{name:format}` as `name:format`, and each plural (`{name, plural, one {…} other {…}}`) as `name:plural`. */
const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)(?::(\w+))?\}/g), ...[...s.matchAll(/\{(\w+), plural,/g)].map((m) => [m[0], m[1], 'plural'])].map((m) => `${m[1]}:${m[2] ?? ''}`).sort();
const keys = Object.keys(CATALOGUE.nl) as TextKey[];

/** A parameter of the kind a placeholder's format expects. */
function sample(format: string): string | number {
  if (format === 'date') return '2027-03-01';
  if (format === '' ) return 'X';
  return 1.5;
}

describe('the message catalogue', () => {
  it('has the same keys in Dutch and English, none left empty', () => {
    expect(Object.keys(CATALOGUE.en).sort()).toEqual(Object.keys(CATALOGUE.nl).sort());
    for (const dictionary of Object.values(CATALOGUE)) for (const text of Object.values(dictionary)) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders, with the same formats, in both languages', () => {
    for (const key of keys) expect(placeholders(CATALOGUE.en[key]), key).toEqual(placeholders(CATALOGUE.nl[key]));
  });

  it('defines each key in one area only', () => {
    const all = AREA_KEYS.flat();
    expect(all.length).toBe(new Set(all).size);
  });

  it('renders every code in every language with no placeholder left', () => {
    for (const language of LANGUAGES) {
      for (const key of keys) {
        const params = Object.fromEntries(placeholders(CATALOGUE.nl[key]).map((p) => { const [name, format] = p.split(':'); return [name!, sample(format!)]; }));
        const text = render(msg(key, params), language);
        expect(text, `${language} ${key}`).not.toMatch(/\{\w+(:\w+)?\}|\{\w+, plural,/);
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('nl')('layers.count', { count: 3 })).toBe('3 objecten');
    expect(translator('en')('layers.count')).toBe('{count} features');
  });

  it('formats numbers in the reader\'s locale and renders nested messages and lists', () => {
    expect(translator('nl')('layers.count', { count: 7779 })).toBe('7.779 objecten');
    expect(translator('en')('layers.count', { count: 7779 })).toBe('7,779 features');
    expect(render(msg('layers.zoomLayer', { layer: msg('layer.heat') }), 'nl')).toBe('Zoom naar Warmtenet');
    expect(render(msg('layers.zoomLayer', { layer: [msg('layer.heat'), msg('layer.trees'), 'X'] }), 'nl')).toBe('Zoom naar Warmtenet, Bomen en X');
  });

  it('chooses a plural form by the count in the reader\'s language, the count in its locale', () => {
    expect(translator('nl')('plan.coupling.saves', { openings: 1, days: 1200 })).toBe('bespaart 1 opening en 1.200 hinderdagen');
    expect(translator('nl')('plan.coupling.saves', { openings: 0, days: 1 })).toBe('bespaart 0 openingen en 1 hinderdag');
    expect(translator('en')('plan.coupling.saves', { openings: 1, days: 1.5 })).toBe('saves 1 opening and 1.5 disruption days');
    expect(translator('en')('plan.coupling.saves', { openings: 2 })).toBe('saves 2 openings and {days, plural, one {# disruption day} other {# disruption days}}');
  });

  it('renders an unknown code as the code with its parameters rather than nothing', () => {
    expect(render(msg('no.such.code', { a: 1 }), 'nl')).toBe('no.such.code {"a":1}');
  });

  it('chooses the language from ?lang=, then Accept-Language, else Dutch', () => {
    expect(languageOf('en', 'nl')).toBe('en');
    expect(languageOf(undefined, 'de-DE,en-GB;q=0.8')).toBe('en');
    expect(languageOf('fr', undefined)).toBe('nl');
  });

  it('has a text for every reason the geometry validator gives', () => {
    for (const code of Object.values(GEOMETRY_REASONS)) expect(CATALOGUE.nl[`validation.geometry.${code}` as TextKey], code).toBeTruthy();
  });

  it('has a text for every legend entry', () => {
    for (const entries of Object.values(legend())) for (const entry of entries) expect(CATALOGUE.nl[entry.label]).toBeTruthy();
  });
});
