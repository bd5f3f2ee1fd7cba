import type { GeometryValidation } from '../geo/geometry.validation.ts';
import type { MessageParam } from './message.ts';

/**
 * Why one part of an input was refused: where (`field`, a path like `features[3].geometry` or
 * `options.crews.sewer`) and what, as a catalogue key (`validation.*`) with its parameters. Every validator
 * (trench, asset, work, plan options, rule file, request schema) answers a list of these; the edge adds a `reason`
 * in the reader's language.
 */
export interface Invalid {
  field: string;
  code: string;
  params?: Record<string, MessageParam>;
}

/**
 * @example invalid('properties.width_m', 'validation.trench.out-of-range', { name: 'width_m', value: 60, min: 0.05, max: 10 })
 */
export function invalid(field: string, code: string, params?: Record<string, MessageParam>): Invalid {
  return params ? { field, code, params } : { field, code };
}

/** `prefix` and `path` joined as a field path: `features[3]` + `properties.depth_m`. */
export function fieldOf(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** A value as it is quoted back to the sender: JSON, cut at 40 characters. */
export const quoted = (value: unknown): string => (JSON.stringify(value) ?? String(value)).slice(0, 40);

/**
 * A refused geometry as an invalid item: the geometry's reason code picks the catalogue key, and its text (the
 * coordinates and limits it names) travels as `detail`, since the geometry validator writes it.
 *
 * @example geometryInvalid('features[0].geometry', { valid: false, code: 'ring-not-closed', reason: 'outer ring is not closed …' })
 *   // { field: 'features[0].geometry', code: 'validation.geometry.ring-not-closed', params: { detail: 'outer ring is not closed …' } }
 */
export function geometryInvalid(field: string, result: Extract<GeometryValidation, { valid: false }>): Invalid {
  return invalid(field, `validation.geometry.${result.code}`, { detail: result.reason });
}

/** The parts of a zod issue this module reads; structural, so the domain's types do not follow zod's versions. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  values?: readonly unknown[];
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  keys?: readonly string[];
}

/**
 * A schema issue as an invalid item under `prefix`: enums, ranges, types and unknown keys get their own code with
 * the numbers as parameters; any other issue keeps the schema's own message as `detail`.
 *
 * @example schemaInvalid({ code: 'too_big', path: ['crews', 'sewer'], message: '…', maximum: 10000 }, 'options', 20000)
 *   // { field: 'options.crews.sewer', code: 'validation.too-big', params: { value: '20000', maximum: 10000 } }
 */
export function schemaInvalid(issue: SchemaIssue, prefix: string, value?: unknown): Invalid {
  const field = fieldOf(prefix, issue.path.map(String).join('.'));
  const given: Record<string, MessageParam> = { value: value === undefined ? null : quoted(value) };
  switch (issue.code) {
    case 'invalid_value':
      if (issue.values) return invalid(field, 'validation.not-one-of', { ...given, allowed: issue.values.map(String) });
      break;
    case 'too_small':
      if (typeof issue.minimum === 'number') return invalid(field, 'validation.too-small', { ...given, minimum: issue.minimum });
      break;
    case 'too_big':
      if (typeof issue.maximum === 'number') return invalid(field, 'validation.too-big', { ...given, maximum: issue.maximum });
      break;
    case 'invalid_type':
      if (value === undefined) return invalid(field, 'validation.required');
      return invalid(field, 'validation.wrong-type', { ...given, expected: String(issue.expected) });
    case 'unrecognized_keys':
      return invalid(field, 'validation.unknown-keys', { keys: [...(issue.keys ?? [])] });
    case 'custom':
      // A refinement of ours names its reason by catalogue code as its message, so no sentence lives in a schema.
      if (/^validation\.[\w.-]+$/.test(issue.message)) return invalid(field, issue.message, given);
      break;
  }
  return invalid(field, 'validation.invalid', { ...given, detail: issue.message });
}

/** The value at `path` inside `root`, for quoting it back; undefined when the path does not lead anywhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
