import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type StreetProfile, parseProfile } from './domain/space/street-profile.ts';
import { invalid } from './domain/validation.ts';
import { render } from './messages/render.ts';

/** Where the street profiles live unless ONDERGROND_PROFILES names another folder. */
export const DEFAULT_PROFILES_DIR = 'data/profiles';

/**
 * Reads and checks every street profile (`*.json`) in a folder, sorted by id. A bad profile is a start-up error, as
 * a bad rule file is: the Error names the file and every problem with its field (`lanes[2].offset_m`), so the
 * person who edited it can fix them in one go. A profile's id is its file name, so a reservation's source
 * (`profile:<id>`) leads to the file.
 *
 * @example readProfilesDir('data/profiles').map((p) => p.id) // ['main-24m', 'residential-12m', 'residential-16m']
 */
export function readProfilesDir(dir: string = DEFAULT_PROFILES_DIR): StreetProfile[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new Error(`profile folder ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set ONDERGROND_PROFILES to a folder of street profiles`);
  }
  if (files.length === 0) throw new Error(`profile folder ${dir} holds no *.json street profile; add one (see data/profiles/residential-16m.json)`);
  return files.map((file) => readProfileFile(join(dir, file)));
}

/**
 * Reads and checks one street profile file.
 *
 * @example readProfileFile('data/profiles/residential-16m.json').lanes.length // 7
 */
export function readProfileFile(path: string): StreetProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code ? `profile file ${path} cannot be read (${code})` : `profile file ${path} is not valid JSON (${(error as Error).message}); fix the syntax`);
  }
  const parsed = parseProfile(json);
  const expected = basename(path, '.json');
  const errors = parsed.valid
    ? parsed.profile.id === expected ? [] : [invalid('id', 'validation.profile.id-not-file-name', { id: parsed.profile.id, file: expected })]
    : parsed.errors;
  if (errors.length > 0 || !parsed.valid) {
    // Read by whoever starts the server or runs the command, next to its other start-up errors, which are English.
    const list = errors.map((e) => `  ${e.field}: ${render(e, 'en')}`).join('\n');
    throw new Error(`profile file ${path} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${list}`);
  }
  return parsed.profile;
}
