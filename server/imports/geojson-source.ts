import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Feature } from 'geojson';
import { type Crs, WGS84, crsMember } from '../geo/crs.ts';
import { errorMessage } from './file-errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, limitExceeded } from './limits.ts';
import { IMPORT_FAILURES, type ImportFailure, type ImportOptions, importFailure } from './types.ts';

export interface GeoJsonSource {
  features: Feature[];
  /** CRS of the coordinates: the legacy `crs` member when present (Dutch registers name EPSG:28992), else WGS84. */
  crs: Crs;
  bytes: number;
  name: string;
}

/**
 * Reads a GeoJSON FeatureCollection from disk. Municipal registers are a few MB, so the file is parsed whole — after
 * a scan of its bytes that refuses, before `JSON.parse` spends time on it, a file past the size limit, nesting deeper
 * than the depth limit (a body of 20 MB of `[` keeps JSON.parse busy for many seconds) or holding more features than
 * the object limit.
 *
 * @example await readGeoJson('bomen_bospolder_tussendijken.geojson') // { ok: true, source: { features: [...1957], crs: 'EPSG:28992', ... } }
 */
export async function readGeoJson(path: string, options: Pick<ImportOptions, 'name' | 'limits'> = {}): Promise<{ ok: true; source: GeoJsonSource } | ImportFailure> {
  const name = options.name ?? basename(path);
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > limits.maxJsonBytes) return limitExceeded(name, 'maxJsonBytes', size, limits);
    bytes = await readFile(path);
  } catch (error) {
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${name}: ${errorMessage(error, path, name)}`);
  }
  const shape = scanJson(bytes, limits.maxJsonDepth);
  if (shape.tooDeep) return limitExceeded(name, 'maxJsonDepth', `more than ${limits.maxJsonDepth} levels at byte ${shape.tooDeep}`, limits);
  if (shape.features > limits.maxObjects) return limitExceeded(name, 'maxObjects', shape.features, limits);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${name} is not valid JSON (${(error as Error).message}); is the file complete?`);
  }
  const body = json as { type?: unknown; features?: unknown };
  if (typeof json !== 'object' || json === null || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${name} is not a GeoJSON FeatureCollection with a features array`);
  }
  const crs = crsMember(json);
  if (crs && 'unknown' in crs) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${name} names CRS ${JSON.stringify(crs.unknown)}; only EPSG:28992 (RD New) and EPSG:4326 are read`);
  }
  return { ok: true, source: { features: body.features as Feature[], crs: crs?.crs ?? WGS84, bytes: bytes.length, name } };
}

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d];

/**
 * One pass over JSON bytes, outside strings: where nesting first passes `maxDepth` (0: never) and how many objects sit
 * in arrays that are members of the top-level object — the features of a FeatureCollection, since a GeoJSON
 * FeatureCollection's other array members (`bbox`) hold numbers. Malformed JSON is left for JSON.parse to name.
 *
 * @example scanJson(Buffer.from('{"features":[{},{}]}'), 64) // { tooDeep: 0, features: 2 }
 */
export function scanJson(bytes: Uint8Array, maxDepth: number): { tooDeep: number; features: number } {
  // Whether each open level is an array, up to the limit: past it the scan stops.
  const isArray: boolean[] = [];
  let features = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (c === OPEN_OBJECT && isArray.length === 2 && isArray[1] && !isArray[0]) features++;
      if (isArray.length >= maxDepth) return { tooDeep: i, features };
      isArray.push(c === OPEN_ARRAY);
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      isArray.pop();
    }
  }
  return { tooDeep: 0, features };
}

/** Reads a property as a trimmed string; undefined for null, empty or whitespace. */
export function textProperty(properties: Record<string, unknown> | null, name: string): string | undefined {
  const value = properties?.[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

