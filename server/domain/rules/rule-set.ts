import { z } from 'zod';
import { LAYERS, RESERVATION_PURPOSES } from '../assets/layers.ts';
import { SEVERITIES, TRENCH_KINDS } from '../check/check.types.ts';
import { type Invalid, invalid, schemaInvalid, valueAt } from '../validation.ts';

/**
 * The rule set as data (data/rules/*.json): every number the check uses, each with its `source` and a status
 * (C = confirmed in a named public source, S = secondary source, E = estimate). Nothing here is code.
 */
const status = z.enum(['C', 'S', 'E']);
// An empty source is answered as validation.too-small with the minimum, as any short string.
const sourced = { source: z.string().min(1), status };
const metres = z.number().nonnegative().max(100);
const severity = z.enum(SEVERITIES);
const lineLayer = z.enum(['cables', 'pipes', 'sewers', 'heat']);
/** Property name → accepted values, e.g. `{ network: ['lv', 'mv'] }`; all must hold. */
const match = z.record(z.string(), z.array(z.string()).min(1));
const valued = z.object({ value: metres, ...sourced });
const table = z
  .array(z.tuple([z.number().positive(), metres]))
  .min(2)
  .refine((rows) => rows.every((r, i) => i === 0 || r[0] > rows[i - 1]![0]), 'validation.rules.rows-unsorted');

const clearance = z.object({ min_m: metres, note: z.string().optional(), ...sourced });

const ruleSetSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  assetClasses: z.array(z.object({ class: z.string().min(1), layer: lineLayer, match: match.optional(), ...sourced })).min(1),
  horizontalClearance: z.object({
    severity,
    measured: z.string().optional(),
    matrix: z.partialRecord(z.enum(TRENCH_KINDS), z.record(z.string(), clearance)),
  }),
  verticalClearance: z.object({ min_m: metres, severity, ...sourced }),
  unknownDepth: z.object({ severity, ...sourced }),
  crossingAngle: z.object({ warnBelow_deg: z.number().min(0).max(90), severity, ...sourced }),
  parallelRun: z.array(
    z.object({
      id: z.string().min(1),
      new: z.array(z.enum(TRENCH_KINDS)).min(1),
      existing: z.object({ layer: lineLayer, match: match.optional() }),
      within_m: metres,
      longerThan_m: metres,
      severity,
      ...sourced,
    }),
  ),
  trees: z.object({
    crownMargin_m: valued,
    stemTable: z.object({ rows: table, oneSidedRows: table.optional(), ...sourced }),
    unknownZoneRadius_m: valued,
    protectedSeverity: severity,
    unprotectedSeverity: severity,
    severitySource: z.object(sourced).optional(),
  }),
  stations: z.object({
    workingClearance_m: valued,
    severity,
    defaultFootprint_m2: z.record(z.string(), z.object({ value: z.number().positive().max(10_000), ...sourced })),
  }),
  reservations: z.object({
    /** How far a trench edge must stay from a reservation it is not meant for; 0: touching is allowed, entering is not. */
    margin_m: valued,
    /** The severity of entering a reservation, per purpose; every purpose has one. */
    purposes: z.record(z.enum(RESERVATION_PURPOSES), z.object({ severity, ...sourced })),
  }),
  trenchKinds: z.partialRecord(z.enum(TRENCH_KINDS), z.object({ laidHeight_m: metres, ...sourced })),
  assumedCover: z.array(
    z.object({ layer: lineLayer, match: match.optional(), depth_m: metres, range_m: z.tuple([metres, metres]).optional(), ...sourced }),
  ),
  search: z.object({ assetRadius_m: z.partialRecord(z.enum(LAYERS), metres), ...sourced }),
  // Unknown ground may be lowered to a warning, never switched off: no `info`, at least one layer, and required, so
  // a rule file written before coverage existed is refused with the field to add rather than read as silence.
  coverage: z.object({
    severity: z.enum(['blocking', 'warning']),
    layers: z.array(z.enum(['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations'])).min(1),
    ...sourced,
  }),
  // The space scan's numbers (server/domain/space/scan.ts); optional so a rule file without them still checks.
  space: z.object({ tightMargin_m: valued, stationStep_m: valued }).optional(),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type AssetClassRule = RuleSet['assetClasses'][number];
export type ParallelRunRule = RuleSet['parallelRun'][number];
/** A problem in a rule file: `field` is its path in the file (`horizontalClearance.matrix.heat.sewer`). */
export type RuleSetParse = { valid: true; ruleSet: RuleSet } | { valid: false; errors: Invalid[] };

/**
 * Reads a rule set from parsed JSON, with the checks a schema alone cannot make: every trench kind has a row in
 * the clearance matrix with a column for every asset class, every line layer has a fallback assumed cover and a
 * class, every trench kind has a laid height.
 *
 * @example parseRuleSet(JSON.parse(readFileSync('data/rules/nl-default.json', 'utf8'))).valid // true
 * @example parseRuleSet({ id: 'x' }) // { valid: false, errors: [{ field: 'version', code: 'validation.required' }, ...] }
 */
export function parseRuleSet(json: unknown): RuleSetParse {
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) {
    return { valid: false, errors: parsed.error.issues.map((i) => schemaInvalid(i, i.path.length ? '' : '(root)', valueAt(json, i.path))) };
  }
  const ruleSet = parsed.data;
  const errors: Invalid[] = [];
  const classes = [...new Set(ruleSet.assetClasses.map((c) => c.class))];
  for (const kind of TRENCH_KINDS) {
    const row = ruleSet.horizontalClearance.matrix[kind];
    if (!row) {
      errors.push(invalid(`horizontalClearance.matrix.${kind}`, 'validation.rules.matrix-row-missing', { kind, classes }));
      continue;
    }
    for (const c of classes) {
      if (!row[c]) errors.push(invalid(`horizontalClearance.matrix.${kind}.${c}`, 'validation.rules.matrix-cell-missing', { class: c }));
    }
    for (const c of Object.keys(row)) {
      if (!classes.includes(c)) errors.push(invalid(`horizontalClearance.matrix.${kind}.${c}`, 'validation.rules.unknown-class', { class: c, classes }));
    }
    if (!ruleSet.trenchKinds[kind]) errors.push(invalid(`trenchKinds.${kind}`, 'validation.rules.laid-height-missing'));
  }
  for (const layer of lineLayer.options) {
    if (!ruleSet.assetClasses.some((c) => c.layer === layer && !c.match)) {
      errors.push(invalid('assetClasses', 'validation.rules.fallback-class-missing', { layer }));
    }
    if (!ruleSet.assumedCover.some((c) => c.layer === layer && !c.match)) {
      errors.push(invalid('assumedCover', 'validation.rules.fallback-cover-missing', { layer }));
    }
  }
  return errors.length ? { valid: false, errors } : { valid: true, ruleSet };
}

// Asset matching lives with the asset knowledge (the client uses it on the served rules without zod).
export { matches } from '../assets/asset-match.ts';
