import { z } from 'zod';
import defaults from '../../../data/rules/planning.json' with { type: 'json' };
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

/**
 * Reads a planning rule file into the numbers the planner uses; throws on a malformed file (a programmer error:
 * rule files are checked in).
 *
 * @example planningRules(JSON.parse(text)).moratoriumYears // 3
 */
export function planningRules(file: unknown): PlanningRules {
  const parsed = planningRulesFile.safeParse(file);
  if (!parsed.success) throw new Error(`planning rule file is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const r = parsed.data;
  const missing = WORK_TYPES.filter((t) => r.workingDaysPer100m.value[t] === undefined);
  if (missing.length) throw new Error(`planning rule file gives no workingDaysPer100m for ${missing.join(', ')}`);
  return {
    id: r.id,
    version: r.version,
    moratoriumYears: r.moratoriumYears.value,
    depthOrder: r.depthOrder.value,
    workingDaysPer100m: r.workingDaysPer100m.value as Record<WorkType, number>,
    reinstatementDaysPer100m: r.reinstatementDaysPer100m.value,
    calendarDaysPerWorkingWeek: r.calendarDaysPerWorkingWeek.value,
    horizonYears: r.horizonYears.value,
  };
}

/** The default rule set (data/rules/planning.json). */
export const DEFAULT_PLANNING_RULES: PlanningRules = planningRules(defaults);
