import { readFileSync } from 'node:fs';
import { type PlanningRules, parsePlanningRules } from './domain/plan/planning-rules.ts';
import { type RuleSet, parseRuleSet } from './domain/rules/rule-set.ts';
import type { Invalid } from './domain/validation.ts';
import { render } from './messages/render.ts';

type Parse<T> = { valid: true; value: T } | { valid: false; errors: Invalid[] };

/**
 * Reads and checks a rule file. A bad rule file is a start-up error: the Error names the file and every problem
 * with its path, so the person who edited it can fix them all in one go.
 *
 * @example const rules = readRuleSetFile('data/rules/nl-default.json'); rules.id // 'nl-default'
 */
export function readRuleSetFile(path: string): RuleSet {
  return readRuleFile(path, 'ONDERGROND_RULES or --rules', (json) => {
    const parsed = parseRuleSet(json);
    return parsed.valid ? { valid: true, value: parsed.ruleSet } : parsed;
  });
}

/**
 * Reads and checks a planning rule file (data/rules/planning.json), with the same start-up errors as the check's.
 *
 * @example readPlanningRulesFile('data/rules/planning.json').moratoriumYears // 3
 */
export function readPlanningRulesFile(path: string): PlanningRules {
  return readRuleFile(path, 'ONDERGROND_PLANNING_RULES', (json) => {
    const parsed = parsePlanningRules(json);
    return parsed.valid ? { valid: true, value: parsed.rules } : parsed;
  });
}

function readRuleFile<T>(path: string, setting: string, parse: (json: unknown) => Parse<T>): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`rule file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set ${setting} to an existing JSON rule file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`rule file ${path} is not valid JSON (${(error as Error).message}); fix the syntax`);
  }
  const parsed = parse(json);
  if (!parsed.valid) {
    // Read by whoever starts the server, next to its other start-up errors, which are English.
    const list = parsed.errors.map((e) => `  ${e.field}: ${render(e, 'en')}`).join('\n');
    throw new Error(`rule file ${path} has ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}:\n${list}`);
  }
  return parsed.value;
}
