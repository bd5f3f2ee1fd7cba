import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SewerRules, parseSewerRules } from './domain/sewer/sewer-rules.ts';
import { render } from './messages/render.ts';

/** The shipped sewer rules; ONDERGROND_SEWER_RULES names another file. */
export const DEFAULT_SEWER_RULES = fileURLToPath(new URL('../data/rules/sewer.json', import.meta.url));

const cache = new Map<string, SewerRules>();

/**
 * Reads and checks the sewer rule file once per path. A bad file is a programmer's or operator's error: the Error
 * names the file and every problem with its path, as the other rule files do.
 *
 * @example readSewerRulesFile().coupling.minClass.value // 4
 */
export function readSewerRulesFile(path: string = process.env.ONDERGROND_SEWER_RULES ?? DEFAULT_SEWER_RULES): SewerRules {
  const known = cache.get(path);
  if (known) return known;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`sewer rule file ${path} cannot be read as JSON (${(error as Error).message}); set ONDERGROND_SEWER_RULES to an existing file`);
  }
  const parsed = parseSewerRules(json);
  if (!parsed.valid) {
    const list = parsed.errors.map((e) => `  ${e.field}: ${render(e, 'en')}`).join('\n');
    throw new Error(`sewer rule file ${path} has ${parsed.errors.length} problem(s):\n${list}`);
  }
  cache.set(path, parsed.rules);
  return parsed.rules;
}
