import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { type Message, msg } from '../message.ts';

/** The layers of the asset model (DESIGN.md, "Layers"). */
export const LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets', 'reservations'] as const;
export type LayerName = (typeof LAYERS)[number];

export const STATUSES = ['existing', 'planned', 'abandoned'] as const;
export type AssetStatus = (typeof STATUSES)[number];

export const CABLE_NETWORKS = ['lv', 'mv', 'hv', 'telecom', 'lighting', 'other'] as const;
export const PIPE_MEDIA = ['water', 'gas-lp', 'gas-hp', 'other'] as const;
export const SEWER_SYSTEMS = ['gravity', 'pressure'] as const;
export const STATION_TYPES = ['heat-distribution', 'electric-substation'] as const;
/** What a reservation keeps space for (DESIGN.md, "Space"); a `lane` is for the `kinds` and/or `organisation` it names. */
export const RESERVATION_PURPOSES = ['future-trees', 'climate-adaptation', 'lane', 'keep-free'] as const;

export type CableNetwork = (typeof CABLE_NETWORKS)[number];
export type PipeMedium = (typeof PIPE_MEDIA)[number];
export type SewerSystem = (typeof SEWER_SYSTEMS)[number];
export type StationType = (typeof STATION_TYPES)[number];
export type ReservationPurpose = (typeof RESERVATION_PURPOSES)[number];

/**
 * Properties every stored asset carries. Units are in the names; unknown extra properties are kept as they came.
 * `depth_m` is the top of the asset below the surface.
 */
export interface AssetProperties {
  owner: string;
  status: AssetStatus;
  version: number;
  depth_m?: number;
  diameter_mm?: number;
  width_m?: number;
  network?: CableNetwork;
  medium?: PipeMedium;
  system?: SewerSystem;
  invert_start_m?: number;
  invert_end_m?: number;
  pair_width_m?: number;
  temperature_c?: number;
  stem_diameter_cm?: number;
  crown_diameter_m?: number;
  protected?: boolean;
  type?: StationType;
  clearance_m?: number;
  size_m2?: number;
  name?: string;
  segment_id?: string;
  purpose?: ReservationPurpose;
  /** Trench kinds a lane is for (`heat`, `cables`, …). */
  kinds?: string[];
  /** The organisation a lane is for. */
  organisation?: string;
  /** First and last day a reservation holds (YYYY-MM-DD); open-ended when absent. */
  valid_from?: string;
  valid_until?: string;
  [extra: string]: unknown;
}

/** An asset: a GeoJSON Feature in RD New with a stable string id. */
export interface Asset<G extends Geometry = Geometry> extends Feature<G, AssetProperties> {
  id: string;
}

type GeometryType = Geometry['type'];

/** What a layer accepts: geometry types, required properties, enumerations and numeric ranges. */
export interface LayerSpec {
  geometry: readonly GeometryType[];
  required: readonly string[];
  enums: Readonly<Record<string, readonly string[]>>;
}

const LINE: readonly GeometryType[] = ['LineString'];

/**
 * Numeric properties and their plausible range; a value outside is almost always a unit mistake
 * (centimetres sent as metres, millimetres as centimetres).
 */
export const NUMERIC_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  depth_m: [0, 30],
  invert_start_m: [0, 30],
  invert_end_m: [0, 30],
  diameter_mm: [1, 5_000],
  width_m: [0, 100],
  pair_width_m: [0, 10],
  temperature_c: [-50, 200],
  stem_diameter_cm: [1, 1_000],
  crown_diameter_m: [0, 60],
  clearance_m: [0, 50],
  size_m2: [0, 10_000],
  version: [1, Number.MAX_SAFE_INTEGER],
};

/**
 * Property names that carry no unit, with the name to use instead (a catalogue text naming it and its unit). Sent
 * alone they are ambiguous, so they are refused rather than guessed.
 */
export const UNITLESS_NAMES: Readonly<Record<string, Message>> = {
  depth: msg('validation.unit.depth_m'),
  diameter: msg('validation.unit.diameter_mm'),
  width: msg('validation.unit.width_m'),
  stem_diameter: msg('validation.unit.stem_diameter_cm'),
  crown_diameter: msg('validation.unit.crown_diameter_m'),
  clearance: msg('validation.unit.clearance_m'),
  temperature: msg('validation.unit.temperature_c'),
};

export const LAYER_SPECS: Readonly<Record<LayerName, LayerSpec>> = {
  cables: { geometry: LINE, required: ['owner', 'network'], enums: { network: CABLE_NETWORKS } },
  pipes: { geometry: LINE, required: ['owner', 'medium'], enums: { medium: PIPE_MEDIA } },
  sewers: { geometry: LINE, required: ['owner', 'system'], enums: { system: SEWER_SYSTEMS } },
  heat: { geometry: LINE, required: ['owner'], enums: {} },
  trees: { geometry: ['Point', 'Polygon'], required: ['owner'], enums: {} },
  stations: { geometry: ['Point', 'Polygon'], required: ['owner', 'type'], enums: { type: STATION_TYPES } },
  streets: { geometry: ['LineString', 'Polygon', 'MultiPolygon'], required: ['name', 'segment_id'], enums: {} },
  reservations: { geometry: ['Polygon', 'MultiPolygon', 'LineString'], required: ['owner', 'purpose'], enums: { purpose: RESERVATION_PURPOSES } },
};

/**
 * Narrows a string to a layer name.
 *
 * @example isLayerName('cables') // true
 */
export function isLayerName(name: string): name is LayerName {
  return (LAYERS as readonly string[]).includes(name);
}

export type LineAsset = Asset<LineString>;
export type TreeAsset = Asset<Point | Polygon>;
export type StationAsset = Asset<Point | Polygon>;
export type StreetAsset = Asset<LineString | Polygon | MultiPolygon>;

/** An asset as the store hands it to the domain: with the layer it belongs to. */
export interface LayeredAsset<G extends Geometry = Geometry> extends Asset<G> {
  layer: LayerName;
}
