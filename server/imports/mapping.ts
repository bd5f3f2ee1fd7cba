import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { errorMessage } from './file-errors.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from './types.ts';

const field = z.string().min(1);
/** An area the register declares it covers (RD New), used as its coverage instead of the hull of its features. */
const coverageArea = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1) })
  .optional();

/** How a municipality's tree register maps onto the `trees` layer. */
export const TreeMappingSchema = z.object({
  note: z.string().optional(),
  /** Written to each asset's `source` property. */
  source: field,
  /** Asset id = `<id_prefix>:<register id>`. */
  id_prefix: field,
  /** The municipality that owns the trees. */
  owner: field,
  fields: z.object({
    id: field,
    stem_diameter_cm: field.optional(),
    /** A crown class translated through `crown_diameter_m_by_class`… */
    crown_class: field.optional(),
    /** …or a crown diameter already in metres. */
    crown_diameter_m: field.optional(),
    protection: field.optional(),
    street: field.optional(),
    species: field.optional(),
  }),
  crown_diameter_m_by_class: z.record(z.string(), z.number().positive().max(60)).default({}),
  /** Values of the protection field (compared trimmed, case-insensitive) that make a tree protected. */
  protected_values: z.array(z.string()).default([]),
  coverage_area: coverageArea,
});
export type TreeMapping = z.infer<typeof TreeMappingSchema>;

/** How road-part polygons group into street segments. */
export const RoadMappingSchema = z.object({
  note: z.string().optional(),
  source: field,
  fields: z.object({
    /** Properties that together identify a segment, e.g. STRAAT + WEGVAKNUMMER. */
    segment: z.array(field).min(1),
    name: field,
    part_type: field,
  }),
  coverage_area: coverageArea,
});
export type RoadMapping = z.infer<typeof RoadMappingSchema>;

const MAPPINGS_DIR = fileURLToPath(new URL('../../data/mappings/', import.meta.url));

/**
 * Checks a mapping (an object, or the name of a file in data/mappings/) against its schema.
 *
 * @example await loadMapping(TreeMappingSchema, 'rotterdam-trees') // { ok: true, mapping: { source: 'rotterdam-trees', ... } }
 */
export async function loadMapping<S extends z.ZodType>(
  schema: S,
  mapping: unknown,
): Promise<{ ok: true; mapping: z.infer<S> } | ImportFailure> {
  let input = mapping;
  if (typeof mapping === 'string') {
    const path = `${MAPPINGS_DIR}${mapping}.json`;
    try {
      input = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      const shown = `data/mappings/${mapping}.json`;
      return importFailure(IMPORT_FAILURES.mappingInvalid, `mapping ${mapping} cannot be read from ${shown}: ${errorMessage(error, path, shown)}`);
    }
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return importFailure(IMPORT_FAILURES.mappingInvalid, `mapping is invalid (${issues}); see data/mappings/rotterdam-*.json for the shape`);
  }
  return { ok: true, mapping: parsed.data };
}
