import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerName } from '../assets/layers.ts';

/**
 * How an area came to be known: a KLIC delivery's requested dig area (`graafpolygoon`) or, for an orientation
 * request, its `orientatiepolygoon`; an area a mapping declares for its register; the hull of an import's features;
 * the demo district.
 */
export const COVERAGE_KINDS = ['graafpolygoon', 'orientatiepolygoon', 'declared', 'hull', 'district'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** The layers a KLIC delivery informs about, for every operator it consulted (trees are not in KLIC). */
export const KLIC_LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'stations'] as const satisfies readonly LayerName[];

/**
 * An area where a layer is known: what was there for `owner` has been delivered (or, with no features, that there is
 * nothing). Outside every area of a layer the ground is unknown for that layer. Geometry in RD New.
 */
export interface CoverageArea {
  /** The import it came from, as the assets' `source` (`klic:22G003179`, `tree-register:…`, `demo`). */
  source: string;
  layer: LayerName;
  /** The operator or organisation whose data covers it; '' when the import names none. */
  owner: string;
  kind: CoverageKind;
  geometry: Polygon | MultiPolygon;
  /** KLIC: the themes of the operator's interest (`Belang`), e.g. `['gasLageDruk', 'laagspanning']`. */
  themes?: string[];
}

/**
 * A KLIC `AanduidingEisVoorzorgsmaatregel`: an operator demands precautions (e.g. near high-pressure gas) before
 * anyone digs here. Geometry in RD New.
 */
export interface PrecautionZone {
  /** The zone's gml:id. */
  id: string;
  source: string;
  /** The network's operator, resolved as for its lines. */
  owner: string;
  /** The layer of the zone's network, from its theme (`gasHogeDruk` → pipes). */
  layer: LayerName;
  /** The demand code, e.g. `G9505RISICO`, `O_GHDW3-hoog`. */
  demand: string;
  network_id?: string;
  /** The operator's description of the network (`netbeheerderNetOmschrijving`), e.g. `Gas Hoge Druk`. */
  network?: string;
  theme?: string;
  contact?: { name?: string; phone?: string; email?: string };
  /** The matching `EisVoorzorgsmaatregelBijlage`: its explanation and the file in the delivery. */
  attachment?: { note?: string; file?: string };
  geometry: Polygon | MultiPolygon;
}

/**
 * What is known of the ground around a trench, for the check: the coverage areas and precaution zones near it.
 * Undefined in `checkTrench` means "not evaluated" (domain tests of other rules); the application always fetches it.
 */
export interface KnownGround {
  coverage: readonly CoverageArea[];
  precautions: readonly PrecautionZone[];
}

/**
 * The polygons of an area's geometry, each as its rings.
 *
 * @example polygonsOf({ type: 'Polygon', coordinates: [ring] }) // [[ring]]
 */
export function polygonsOf(geometry: Polygon | MultiPolygon): Polygon['coordinates'][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
