import { z } from 'zod';
import { type Invalid, invalid, schemaInvalid, valueAt } from '../validation.ts';
import { isIsoDate } from './dates.ts';
import { type BlackoutPeriod, WORK_TYPES, type WorkType } from './plan.types.ts';

const status = z.enum(['C', 'S', 'E']);
const sourced = <T extends z.ZodType>(value: T) => z.object({ value, status, source: z.string().min(1) });

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
/** `MM-DD` of a real day in some year (02-29 counts: in other years it falls on 1 March). */
const isMonthDay = (value: string) => MONTH_DAY.test(value) && isIsoDate(`2000-${value}`);

/**
 * One blackout period as plan options and the rule file write it: ISO dates, or `MM-DD` when `yearly`. A yearly
 * period may wrap the year (12-01 to 02-28); a dated one may not end before it starts.
 */
export const blackoutSchema = z.object({
  id: z.string().min(1).max(100),
  from: z.string(),
  to: z.string(),
  yearly: z.boolean().optional(),
  districts: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
  types: z.array(z.enum(WORK_TYPES)).min(1).optional(),
  // Optional only so that a missing one is 'required' below, not the union's 'invalid input'.
  reason: z.union([z.string().min(1).max(200), z.object({ nl: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict()]).optional(),
}).strict().superRefine((b, ctx) => {
  if (b.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' });
  const ok = b.yearly ? isMonthDay : isIsoDate;
  // A bouwvak written 07-15 without `yearly` is a forgotten flag far more often than a date missing its year.
  const code = (value: string) => (b.yearly ? 'validation.plan.blackout-month-day' : isMonthDay(value) ? 'validation.plan.blackout-not-yearly' : 'validation.not-a-date');
  for (const key of ['from', 'to'] as const) if (!ok(b[key])) ctx.addIssue({ code: 'custom', path: [key], message: code(b[key]) });
  if (!b.yearly && isIsoDate(b.from) && isIsoDate(b.to) && b.from > b.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'validation.plan.blackout-inverted' });
});

/** Per district the most segments open at once; `"*"` for every district without its own number. */
export const districtLimitsSchema = z.record(z.string().min(1).max(200), z.number().int().min(1).max(100_000));

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
  // Optional, so a rule file from before them still reads: none, no limit.
  blackouts: z.array(blackoutSchema.safeExtend({ status, source: z.string().min(1) })).max(1_000).optional(),
  maxOpenPerDistrict: sourced(districtLimitsSchema).optional(),
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
  /** Blackout periods every plan keeps, beside those in its options. */
  blackouts?: readonly BlackoutPeriod[];
  /** Default limits per district, which a plan's `maxOpenPerDistrict` overrides per district. */
  maxOpenPerDistrict?: Readonly<Record<string, number>>;
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
      ...(r.blackouts?.length ? { blackouts: r.blackouts.map(({ status: _s, source: _source, ...b }) => b as BlackoutPeriod) } : {}),
      ...(r.maxOpenPerDistrict && Object.keys(r.maxOpenPerDistrict.value).length ? { maxOpenPerDistrict: r.maxOpenPerDistrict.value } : {}),
    },
  };
}
