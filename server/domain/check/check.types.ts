import type { Feature, Geometry, LineString, Polygon } from 'geojson';
import type { LayerName } from '../assets/layers.ts';
import type { Message } from '../message.ts';

/** What will be laid in a trench; the row of the clearance matrix it uses. */
export const TRENCH_KINDS = ['heat', 'water', 'gas', 'cables', 'sewer'] as const;
export type TrenchKind = (typeof TRENCH_KINDS)[number];

/** A trench design or heat route in RD New: a centreline with width and depth, or a footprint polygon. */
export interface TrenchProperties {
  kind: TrenchKind;
  /** Full trench width; a Polygon footprint carries its own width. */
  width_m: number;
  /** Depth of the top of what is laid, below the surface. */
  depth_m: number;
  name?: string;
  [extra: string]: unknown;
}
export type Trench = Feature<LineString | Polygon, TrenchProperties>;

export const CONFLICT_RULES = [
  'horizontal-clearance',
  'crossing',
  'crossing-angle',
  'parallel-run',
  'tree-zone',
  'station-clearance',
  'reservation',
  'unknown-depth',
] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];

export const SEVERITIES = ['blocking', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One finding of the check. A value, never an exception. */
export interface Conflict {
  rule: ConflictRule;
  severity: Severity;
  assetId: string;
  layer: LayerName;
  owner: string;
  /** Edge-to-edge horizontal distance, vertical gap, angle-free length, as the rule measures it. */
  measured_m: number | null;
  required_m: number | null;
  /** Along the trench centreline from its first vertex; null for a Polygon footprint. */
  chainage_from_m: number | null;
  chainage_to_m: number | null;
  /** Where it happens, in the CRS of the response (RD New inside the domain). */
  location: Geometry;
  /**
   * What was found and what to do, as a code of the message catalogue (`check.*`) with its numbers, so the edge
   * renders it in the reader's language and a stored report renders in either language later.
   */
  message: Message;
  depth_source?: 'measured' | 'assumed';
  angle_deg?: number;
  /** The rule-set entry's `source` the requirement came from. */
  basis?: Message;
}

export interface CheckSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byOwner: Record<string, Record<Severity, number>>;
  /** Trench length inside any tree root-protection zone. */
  treeZoneLength_m: number;
  trenchLength_m: number;
  assetsConsidered: number;
}

/**
 * Who asks and on which day, for what depends on them: a lane is meant for an organisation, a reservation holds
 * from one day to another. The edge fills both in (the caller's organisation, today); without a day every
 * reservation counts as in force, the cautious reading.
 */
export interface CheckAsk {
  organisation?: string;
  /** YYYY-MM-DD. */
  on?: string;
}

export interface CheckReport {
  ruleSet: { id: string; version: string };
  conflicts: Conflict[];
  summary: CheckSummary;
}
