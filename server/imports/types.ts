import type { Asset, LayerName } from '../domain/assets/layers.ts';
import type { ImportLimits } from './limits.ts';
import type { CoverageArea, CoverageKind, PrecautionZone } from '../domain/coverage/coverage.ts';

/** One asset produced by an importer, with the layer it belongs to. `asset.id` is the stable source id. */
export interface ImportedAsset {
  layer: LayerName;
  asset: Asset;
}

/** A source object that did not become an asset, and why. */
export interface SkippedObject {
  id: string;
  /** The source's own class or kind, e.g. `Mantelbuis`, `Appurtenance`, `tree`, `road-part`. */
  kind: string;
  reason: string;
  /** The catalogue code of `reason` with its parameters, where the importer has one (`sewer.rib.*`), so a client renders it in its language. */
  code?: string;
  params?: Record<string, string | number>;
}

/** Something imported with a caveat the user should know (a bridged gap, a dropped unit-less value). */
export interface ImportWarning {
  id: string;
  reason: string;
}

export const IMPORT_FORMATS = ['imkl-2.0', 'tree-register', 'road-segments', 'suf-rib', 'gwsw-hydx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportReport {
  format: ImportFormat;
  /** Where the assets came from, as written to their `source` property, e.g. `klic:22O000518`. */
  source: string;
  counts: Partial<Record<LayerName, number>>;
  skipped: SkippedObject[];
  warnings: ImportWarning[];
  /**
   * Source objects read but not candidates for any layer (map annotations, dimension lines, administrative records),
   * counted per kind so the report stays short while still accounting for every object.
   */
  ignored?: Record<string, number>;
  /**
   * Where the import knows the ground: coverage areas (per layer and owner) and KLIC precaution zones, counted, with
   * the kinds of area (`graafpolygoon`, `orientatiepolygoon`, `hull`, …).
   */
  coverage?: { areas: number; precautions: number; kinds: CoverageKind[] };
  /** Per file of a sewer import (a zip may hold several): the records read of each kind and the objects skipped. */
  files?: SewerFileCount[];
  /** Bytes of the document parsed (the uncompressed XML for a KLIC zip). */
  bytes: number;
  duration_ms: number;
}

/** What one sewer file held: manholes (`*PUT`, Knooppunt), pipes (`*RIOO`, Verbinding), CCTV observations (`*WAAR`). */
export interface SewerFileCount {
  name: string;
  manholes: number;
  pipes: number;
  observations: number;
  skipped: number;
}

/** Reason codes for an import that stores nothing. */
export const IMPORT_FAILURES = {
  zipCorrupt: 'zip-corrupt',
  notImkl: 'not-imkl',
  xmlTruncated: 'xml-truncated',
  xmlMalformed: 'xml-malformed',
  unknownFormat: 'unknown-format',
  noFeatures: 'no-features',
  mappingInvalid: 'mapping-invalid',
  unreadable: 'file-unreadable',
  geojsonInvalid: 'geojson-invalid',
  /** Past a size or count limit (`ImportLimits`): answered as 413. */
  tooLarge: 'too-large',
  /** Nested deeper than the XML or JSON depth limit. */
  tooDeep: 'too-deep',
} as const;
export type ImportFailureCode = (typeof IMPORT_FAILURES)[keyof typeof IMPORT_FAILURES];

export interface ImportFailure {
  ok: false;
  code: ImportFailureCode;
  reason: string;
  /** For `too-large` and `too-deep`: the limit's variable, its value and what the file reached. */
  limit?: { name: string; value: number; seen: number | string };
}

export type ImportResult = { ok: true; assets: ImportedAsset[]; coverage: CoverageArea[]; precautions: PrecautionZone[]; report: ImportReport } | ImportFailure;

export interface ImportOptions {
  /** Called as the source is read; `totalBytes` is the size of the document being parsed. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file's name as the user knows it, for messages; default the path's base name (never the server's path). */
  name?: string;
  /** Bounds on what the file may make the importer read; missing ones are `DEFAULT_IMPORT_LIMITS`. */
  limits?: Partial<ImportLimits>;
}

/**
 * The HTTP status for a failed import: 413 when the file is past a size limit, else 400.
 *
 * @example importFailureStatus('too-large') // 413
 */
export const importFailureStatus = (code: ImportFailureCode): 400 | 413 => (code === IMPORT_FAILURES.tooLarge ? 413 : 400);

/** Builds a failure value. */
export const importFailure = (code: ImportFailureCode, reason: string): ImportFailure => ({ ok: false, code, reason });
