import { IMPORT_FAILURES, type ImportFailure } from './types.ts';

/**
 * How much of a file an import reads before it gives up. An upload is small on the wire but can inflate (a zip
 * bomb), nest (deep XML or JSON) or hold one endless text node; each bound stops one of these while streaming,
 * before memory or CPU is spent on it. Defaults come from the environment through `readImportLimits`
 * (server/config.ts); the numbers below are the defaults when nothing is set.
 */
export interface ImportLimits {
  /** Most bytes of XML parsed, inflated or not (ONDERGROND_IMPORT_MAX_INFLATED_BYTES). */
  maxInflatedBytes: number;
  /** Most bytes of XML parsed per byte of the uploaded zip (ONDERGROND_IMPORT_MAX_INFLATE_RATIO). */
  maxInflateRatio: number;
  /** Most objects (IMKL objects, GeoJSON features) in one import (ONDERGROND_IMPORT_MAX_OBJECTS). */
  maxObjects: number;
  /** Most coordinate pairs kept from one import (ONDERGROND_IMPORT_MAX_COORDINATES). */
  maxCoordinates: number;
  /** Longest single text node, tag or comment, in bytes (ONDERGROND_IMPORT_MAX_TEXT_BYTES). */
  maxTextBytes: number;
  /** Deepest element nesting in XML (ONDERGROND_IMPORT_MAX_XML_DEPTH). */
  maxXmlDepth: number;
  /** Most entries in a zip (ONDERGROND_IMPORT_MAX_ZIP_ENTRIES). */
  maxZipEntries: number;
  /** Largest GeoJSON file, which is parsed whole (ONDERGROND_IMPORT_MAX_JSON_BYTES). */
  maxJsonBytes: number;
  /** Deepest array/object nesting in GeoJSON (ONDERGROND_IMPORT_MAX_JSON_DEPTH). */
  maxJsonDepth: number;
}

/** The environment variable that sets each limit, named in every refusal so an operator knows what to raise. */
export const IMPORT_LIMIT_ENV: Record<keyof ImportLimits, string> = {
  maxInflatedBytes: 'ONDERGROND_IMPORT_MAX_INFLATED_BYTES',
  maxInflateRatio: 'ONDERGROND_IMPORT_MAX_INFLATE_RATIO',
  maxObjects: 'ONDERGROND_IMPORT_MAX_OBJECTS',
  maxCoordinates: 'ONDERGROND_IMPORT_MAX_COORDINATES',
  maxTextBytes: 'ONDERGROND_IMPORT_MAX_TEXT_BYTES',
  maxXmlDepth: 'ONDERGROND_IMPORT_MAX_XML_DEPTH',
  maxZipEntries: 'ONDERGROND_IMPORT_MAX_ZIP_ENTRIES',
  maxJsonBytes: 'ONDERGROND_IMPORT_MAX_JSON_BYTES',
  maxJsonDepth: 'ONDERGROND_IMPORT_MAX_JSON_DEPTH',
};

const MiB = 1024 * 1024;

/**
 * Defaults, sized against the real KLIC deliveries (largest: 20 MB of XML, 15 000 objects, 20 000 coordinate pairs,
 * nesting 10, longest text 10 KB, zips inflating 5–9×) with one to two orders of magnitude to spare, and against what
 * a 600 MB server survives: 256 MiB streamed, 2 M coordinate pairs kept (~150 MB once mapped to GeoJSON).
 * XML depth 64 rather than more: saxes resolves a prefix by walking up the open tags, so deeper nesting makes
 * every tag slower (tag-dense XML parses at 5.6 MB/s up to depth 64, 2.6 MB/s at depth 256).
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxInflatedBytes: 256 * MiB,
  maxInflateRatio: 50,
  maxObjects: 500_000,
  maxCoordinates: 2_000_000,
  maxTextBytes: 8 * MiB,
  maxXmlDepth: 64,
  maxZipEntries: 10_000,
  maxJsonBytes: 64 * MiB,
  maxJsonDepth: 64,
};

/**
 * The refusal for a file past one limit: `too-large` (HTTP 413) for sizes and counts, `too-deep` (400) for nesting.
 * The sentence names the file, what was seen against the limit and the variable to raise.
 *
 * @example
 * limitExceeded('Levering.zip', 'maxXmlDepth', 65)
 * // { ok: false, code: 'too-deep', reason: 'Levering.zip nests elements deeper than 64 levels (seen: 65); ...' }
 */
export function limitExceeded(file: string, limit: keyof ImportLimits, seen: number | string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS, detail = ''): ImportFailure {
  const value = limits[limit];
  const what = LIMIT_SENTENCES[limit](value);
  const code = limit === 'maxXmlDepth' || limit === 'maxJsonDepth' ? IMPORT_FAILURES.tooDeep : IMPORT_FAILURES.tooLarge;
  return {
    ok: false,
    code,
    reason: `${file} ${what} (seen: ${seen})${detail}; nothing more was read. If the file is genuine, raise ${IMPORT_LIMIT_ENV[limit]} (now ${value})`,
    limit: { name: IMPORT_LIMIT_ENV[limit], value, seen },
  };
}

const LIMIT_SENTENCES: Record<keyof ImportLimits, (value: number) => string> = {
  maxInflatedBytes: (v) => `holds more than ${v} bytes of XML`,
  maxInflateRatio: (v) => `inflates to more than ${v}× the size of the zip, as a zip bomb does (a KLIC delivery inflates about 10×)`,
  maxObjects: (v) => `holds more than ${v} objects (an IMKL object counts once, plus once per link and geometry kept of it)`,
  maxCoordinates: (v) => `holds more than ${v} coordinate pairs`,
  maxTextBytes: (v) => `holds a single text node, tag or comment longer than ${v} bytes`,
  maxXmlDepth: (v) => `nests elements deeper than ${v} levels (an IMKL document needs about 10)`,
  maxZipEntries: (v) => `holds more than ${v} zip entries`,
  maxJsonBytes: (v) => `is larger than ${v} bytes of GeoJSON`,
  maxJsonDepth: (v) => `nests arrays and objects deeper than ${v} levels (GeoJSON needs about 6)`,
};
