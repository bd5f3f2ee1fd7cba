import { z } from 'zod';
import { badRequest } from './problem.ts';

/**
 * Parses a request part with its schema, or answers 400 naming every bad field with its value.
 *
 * @example const { bbox } = parse(bboxQuery, req.query, 'query');
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The schemas word their own messages (English, with the choices to send); the items take the shape every
  // other validator answers, so a client reads one kind of `errors`.
  const errors = result.error.issues.map((i) => {
    const field = `${where}${i.path.length ? '.' + i.path.join('.') : ''}`;
    return { field, code: 'validation.request', params: { detail: i.message }, reason: i.message };
  });
  throw badRequest(errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
}

const bbox = z
  .string()
  .transform((s) => s.split(',').map((v) => Number(v)))
  .refine((v) => v.length === 4 && v.every(Number.isFinite), { message: 'bbox must be minx,miny,maxx,maxy (four numbers)' })
  .refine((v) => v[0]! < v[2]! && v[1]! < v[3]!, { message: 'bbox min must be below max (minx,miny,maxx,maxy)' })
  .transform((v) => v as [number, number, number, number]);

export const layerQuery = z.object({
  bbox: bbox.optional(),
  crs: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(100_000),
});

export const deleteQuery = z.object({
  version: z.coerce.number({ message: 'version is required: send ?version=N, the version you last read' }).int().min(1),
});

export const versionedFeature = z.object({
  type: z.literal('Feature'),
  properties: z.looseObject({ version: z.number({ message: 'properties.version is required: the version you last read' }).int().min(1) }),
}).loose();
