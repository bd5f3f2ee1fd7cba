import { z } from 'zod';
import { type Invalid, schemaInvalid, valueAt } from '../validation.ts';

const status = z.enum(['C', 'S', 'E']);
const sourced = <T extends z.ZodType>(value: T) => z.object({ value, status, source: z.string().min(1) });
const sewerClass = z.number().int().min(1).max(5);

/** How one EN 13508-2 main code becomes a class: by its characterisation letter, or by the band its quantification falls in. */
const codeRule = z.object({
  characterisation: z.record(z.string().min(1).max(2), sewerClass).optional(),
  /** `[upper bound, class]`, ascending: the first bound the quantification does not exceed gives the class. */
  bands: z.array(z.tuple([z.number().nonnegative(), sewerClass])).min(1).optional(),
  /** The class above the last band. */
  above: sewerClass.optional(),
  /** The class when neither applies (no letter in the table, no number). */
  default: sewerClass.optional(),
}).strict();

const sewerRulesFile = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  description: z.string().optional(),
  condition: z.object({ status, source: z.string().min(1), codes: z.record(z.string().regex(/^[A-D][A-Z]{2}$/), codeRule) }),
  coupling: z.object({
    minClass: sourced(sewerClass),
    serviceLifeYears: sourced(z.record(z.string().min(1), z.number().positive().max(200)).refine((v) => v.default !== undefined, 'validation.required')),
    plannedWithinYears: sourced(z.number().min(0).max(50)),
    openingMargin_m: sourced(z.number().min(0).max(20)),
    minShareOfPipe: sourced(z.number().gt(0).max(1)),
    window: sourced(z.object({ monthsBeforeHeat: z.number().int().min(0).max(120), monthsAfterHeat: z.number().int().min(0).max(120) })),
  }),
});

export type SewerRules = z.infer<typeof sewerRulesFile>;
export type SewerCodeRule = z.infer<typeof codeRule>;

/**
 * Reads the sewer rule file (data/rules/sewer.json): the condition classes per EN 13508-2 code and the numbers that
 * decide when a sewer is due for replacement beside a heat route, every one with its source.
 *
 * @example parseSewerRules(JSON.parse(readFileSync('data/rules/sewer.json', 'utf8'))).valid // true
 * @example parseSewerRules({ id: 'x' }) // { valid: false, errors: [{ field: 'version', code: 'validation.required' }, ...] }
 */
export function parseSewerRules(json: unknown): { valid: true; rules: SewerRules } | { valid: false; errors: Invalid[] } {
  const parsed = sewerRulesFile.safeParse(json);
  if (!parsed.success) return { valid: false, errors: parsed.error.issues.map((i) => schemaInvalid(i, i.path.length ? '' : '(root)', valueAt(json, i.path))) };
  return { valid: true, rules: parsed.data };
}
