import { describe, expect, it } from 'vitest';
import { DICTIONARIES, translator } from '../../client/core/i18n.ts';
import { legend } from '../../client/core/styles.ts';

describe('the interface text', () => {
  it('has the same keys in Dutch and English, none left empty', () => {
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(Object.keys(DICTIONARIES.nl).sort());
    for (const dictionary of Object.values(DICTIONARIES)) for (const text of Object.values(dictionary)) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(DICTIONARIES.nl) as (keyof typeof DICTIONARIES.nl)[]) {
      expect(placeholders(DICTIONARIES.en[key]), key).toEqual(placeholders(DICTIONARIES.nl[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('nl')('layers.count', { count: 3 })).toBe('3 objecten');
    expect(translator('en')('layers.count')).toBe('{count} features');
  });

  it('has a text for every legend entry', () => {
    for (const entries of Object.values(legend())) for (const entry of entries) expect(DICTIONARIES.nl[entry.label]).toBeTruthy();
  });
});
