import { z } from 'zod';
import { type Invalid, invalid, schemaInvalid, valueAt } from '../validation.ts';
import { WORK_TYPES, type WorkType } from './plan.types.ts';

const sourced = <T extends z.ZodType>(value: T) => z.object({ value, status: z.enum(['C', 'S', 'E']), source: z.string().min(1) });

/** The planning rule file (data/rules/planning.json): every number with its status and source. */
export const planningRulesFile = z.object({
  id: z.string(),
  version: z.string(),
  moratoriumYears: sourced(z.number().min(0).max(20)),
  depthOrder: sourced(z.array(z.enum(WORK_TYPES)).length(WORK_TYPES.length)),
  workingDaysPer100m: sourced(z.record(z.enum(WORK_TYPES), z.number().positive())),
  reinstatementDaysPer100m: sourced(z.number().min(0)),
  calendarDaysPerWorkingWeek: sourced(z.number().min(5).max(7)),
  horizonYears: sourced(z.number().positive().max(50)),
}).loose();

/** The numbers the planner runs on, taken from a rule file. */
export interface PlanningRules {
  id: string;
  version: string;
  moratoriumYears: number;
  /** Work types, deepest first. */
  depthOrder: readonly WorkType[];
  workingDaysPer100m: Record<WorkType, number>;
  reinstatementDaysPer100m: number;
  calendarDaysPerWorkingWeek: number;
  horizonYears: number;
}

export type PlanningRulesParse = { valid: true; rules: PlanningRules } | { valid: false; errors: Invalid[] };

/**
 * Reads a planning rule file (parsed JSON) into the numbers the planner uses, or every problem with its path, as
 * parseRuleSet does for the check's rules: a file needs a working-days figure for every work type and a depth order
 * that names each work type once.
 *
 * @example parsePlanningRules(JSON.parse(readFileSync('data/rules/planning.json', 'utf8'))).valid // true
 * @example parsePlanningRules({ id: 'x' }) // { valid: false, errors: [{ field: 'version', code: 'validation.required' }, ...] }
 */
export function parsePlanningRules(file: unknown): PlanningRulesParse {
  const parsed = planningRulesFile.safeParse(file);
  if (!parsed.success) {
    return { valid: false, errors: parsed.error.issues.map((i) => schemaInvalid(i, i.path.length ? '' : '(root)', valueAt(file, i.path))) };
  }
  const r = parsed.data;
  const errors: Invalid[] = [];
  for (const t of WORK_TYPES) {
    if (r.workingDaysPer100m.value[t] === undefined) errors.push(invalid(`workingDaysPer100m.value.${t}`, 'validation.rules.working-days-missing', { types: [...WORK_TYPES] }));
    if (!r.depthOrder.value.includes(t)) errors.push(invalid('depthOrder.value', 'validation.rules.depth-order-missing', { type: t }));
  }
  if (errors.length) return { valid: false, errors };
  return {
    valid: true,
    rules: {
      id: r.id,
      version: r.version,
      moratoriumYears: r.moratoriumYears.value,
      depthOrder: r.depthOrder.value,
      workingDaysPer100m: r.workingDaysPer100m.value as Record<WorkType, number>,
      reinstatementDaysPer100m: r.reinstatementDaysPer100m.value,
      calendarDaysPerWorkingWeek: r.calendarDaysPerWorkingWeek.value,
      horizonYears: r.horizonYears.value,
    },
  };
}
