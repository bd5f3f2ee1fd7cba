import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { readImportLimits } from '../config.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import { errorMessage } from './file-errors.ts';
import { importKlic } from './imkl/import-klic.ts';
import { importHydx, isHydxZip } from './hydx/import-hydx.ts';
import { importRib } from './rib/import-rib.ts';
import { zipListing } from './zip-entries.ts';
import { type RoadMapping, RoadMappingSchema, type TreeMapping, TreeMappingSchema, loadMapping } from './mapping.ts';
import { importRoadSegments } from './road-segments.ts';
import { importTreeRegister } from './tree-register.ts';
import { IMPORT_FAILURES, type ImportOptions, type ImportResult, importFailure } from './types.ts';

export interface ImportFileOptions extends ImportOptions {
  /** Keep only assets of these layers (the CLI's `--layer`); the counts then cover only those. */
  layers?: readonly LayerName[];
  /** Mapping (object or data/mappings/ name) for a tree register; default `rotterdam-trees`. */
  treeMapping?: TreeMapping | string;
  /** Mapping for road parts; default `rotterdam-roads`. */
  roadMapping?: RoadMapping | string;
  /** Owner of a municipality's sewer data where the file names none (HydX never does; a RIB file's `*ALGE` may). */
  owner?: string;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Imports any supported file, recognising its format from its first bytes: a zip (KLIC delivery), an XML document
 * (IMKL GI document), or GeoJSON — a tree register or road parts, told apart by whether the mapping's fields occur
 * in the first features. This is the one entry point for the CLI and the HTTP upload. `limits` not given are read
 * from ONDERGROND_IMPORT_MAX_* (`readImportLimits`); `name` is what messages call the file (an upload's own name).
 *
 * @example
 * const result = await importFile('/uploads/Levering_22O000518_1.zip', { onProgress: (n, total) => bar.update(n / total) });
 * result.ok ? result.report : result.code // report, or e.g. 'zip-corrupt'
 */
export async function importFile(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  const name = options.name ?? basename(path);
  const settled = { ...options, name, limits: { ...readImportLimits(), ...options.limits } };
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${name}: ${errorMessage(error, path, name)}`);
  }
  const result = await importByHead(path, head, settled);
  return options.layers && result.ok ? keepLayers(result, options.layers) : result;
}

async function importByHead(path: string, head: string, options: ImportFileOptions & { name: string }): Promise<ImportResult> {
  const { name } = options;
  const text = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  // The municipality's own sewer data: a SUF-RIB file starts with a `*ALGE`/`*PUT`/`*RIOO` record; a zip is told
  // apart from a KLIC delivery by its entries (.rib files, or a HydX set's Knooppunt.csv and Verbinding.csv).
  if (/^\*(ALGE|PUT|RIOO|WAAR)\|/.test(text)) return importRib(path, options);
  if (head.startsWith('PK') || /\.zip$/i.test(path)) {
    const names = await zipListing(path, options.limits?.maxZipEntries);
    if (names.some((n) => /\.rib$/i.test(n))) return importRib(path, options);
    if (isHydxZip(names)) return importHydx(path, options);
    return importKlic(path, options);
  }
  if (text.startsWith('<')) return importKlic(path, options);
  if (text.startsWith('{')) {
    const trees = await loadMapping(TreeMappingSchema, options.treeMapping ?? 'rotterdam-trees');
    if (!trees.ok) return trees;
    const roads = await loadMapping(RoadMappingSchema, options.roadMapping ?? 'rotterdam-roads');
    if (!roads.ok) return roads;
    const mentions = (fields: (string | undefined)[]) => fields.every((f) => f === undefined || head.includes(`"${f}"`));
    if (mentions([...roads.mapping.fields.segment, roads.mapping.fields.part_type])) return importRoadSegments(path, roads.mapping, options);
    const t = trees.mapping.fields;
    if (mentions([t.id, t.stem_diameter_cm ?? t.crown_class ?? t.crown_diameter_m])) return importTreeRegister(path, trees.mapping, options);
    return importFailure(
      IMPORT_FAILURES.unknownFormat,
      `${name} is GeoJSON but has neither the tree-register fields (${t.id}, ${t.stem_diameter_cm}) nor the road-part fields (${roads.mapping.fields.segment.join(', ')}, ${roads.mapping.fields.part_type}); pass a mapping for its register`,
    );
  }
  return importFailure(IMPORT_FAILURES.unknownFormat, `${name} is not a KLIC zip, an IMKL XML, GeoJSON, a SUF-RIB file or a GWSW-HydX zip (it starts with ${JSON.stringify(text.slice(0, 16))})`);
}

function keepLayers(result: Extract<ImportResult, { ok: true }>, layers: readonly LayerName[]): ImportResult {
  const assets = result.assets.filter((a) => layers.includes(a.layer));
  const counts = Object.fromEntries(Object.entries(result.report.counts).filter(([layer]) => layers.includes(layer as LayerName)));
  if (assets.length === 0) {
    return importFailure(IMPORT_FAILURES.noFeatures, `${result.report.source}: nothing in layer ${layers.join(', ')} (found ${JSON.stringify(result.report.counts)})`);
  }
  // Coverage only of the layers kept: importing a delivery's cables says nothing about its pipes. Precaution zones
  // stay whatever their layer, as the operator's demand holds for any digging there.
  const coverage = result.coverage.filter((a) => layers.includes(a.layer));
  const known = result.report.coverage ? { coverage: { ...result.report.coverage, areas: coverage.length } } : {};
  return { ...result, assets, coverage, report: { ...result.report, counts, ...known } };
}
