import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Feature } from 'geojson';
import { type Crs, WGS84, crsMember } from '../geo/crs.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from './types.ts';

export interface GeoJsonSource {
  features: Feature[];
  /** CRS of the coordinates: the legacy `crs` member when present (Dutch registers name EPSG:28992), else WGS84. */
  crs: Crs;
  bytes: number;
  name: string;
}

/**
 * Reads a GeoJSON FeatureCollection from disk. Municipal registers are a few MB, so the file is parsed whole.
 *
 * @example await readGeoJson('bomen_bospolder_tussendijken.geojson') // { ok: true, source: { features: [...1957], crs: 'EPSG:28992', ... } }
 */
export async function readGeoJson(path: string): Promise<{ ok: true; source: GeoJsonSource } | ImportFailure> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${basename(path)} is not valid JSON (${(error as Error).message}); is the file complete?`);
  }
  const body = json as { type?: unknown; features?: unknown };
  if (typeof json !== 'object' || json === null || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${basename(path)} is not a GeoJSON FeatureCollection with a features array`);
  }
  const crs = crsMember(json);
  if (crs && 'unknown' in crs) {
    return importFailure(IMPORT_FAILURES.geojsonInvalid, `${basename(path)} names CRS ${JSON.stringify(crs.unknown)}; only EPSG:28992 (RD New) and EPSG:4326 are read`);
  }
  return { ok: true, source: { features: body.features as Feature[], crs: crs?.crs ?? WGS84, bytes: Buffer.byteLength(text), name: basename(path) } };
}

/** Reads a property as a trimmed string; undefined for null, empty or whitespace. */
export function textProperty(properties: Record<string, unknown> | null, name: string): string | undefined {
  const value = properties?.[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

