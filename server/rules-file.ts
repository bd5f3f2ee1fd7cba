import { readFileSync } from 'node:fs';
import { type RuleSet, parseRuleSet } from './domain/rules/rule-set.ts';
import { render } from './messages/render.ts';

/**
 * Reads and checks a rule file. A bad rule file is a start-up error: the Error names the file and every problem
 * with its path, so the person who edited it can fix them all in one go.
 *
 * @example const rules = readRuleSetFile('data/rules/nl-default.json'); rules.id // 'nl-default'
 */
export function readRuleSetFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`rule file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set ONDERGROND_RULES or --rules to an existing JSON rule file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`rule file ${path} is not valid JSON (${(error as Error).message}); fix the syntax`);
  }
  const parsed = parseRuleSet(json);
  if (!parsed.valid) {
    // Read by whoever starts the server, next to its other start-up errors, which are English.
    const list = parsed.errors.map((e) => `  ${e.field}: ${render(e, 'en')}`).join('\n');
    throw new Error(`rule file ${path} has ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}:\n${list}`);
  }
  return parsed.ruleSet;
}
