import type { Feature, Geometry, LineString, Polygon } from 'geojson';
import type { LayerName } from '../assets/layers.ts';
import type { Message } from '../message.ts';
import type { KnownGround } from '../coverage/coverage.ts';

/** What will be laid in a trench; the row of the clearance matrix it uses. */
export const TRENCH_KINDS = ['heat', 'water', 'gas', 'cables', 'sewer'] as const;

/** What a trench's numbers may be, in metres (and mm): the API refuses others, the client's form says so first. */
export const TRENCH_RANGES = { width_m: [0.05, 10], depth_m: [0, 10], diameter_mm: [1, 3_000] } as const;
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
  'coverage',
  'precaution',
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
  /** `coverage`: the layers nothing is known of along this stretch (`layer` is the first of them). */
  layers?: LayerName[];
}

/** Whether the trench lies inside the coverage of every required layer: all of it, part of it, or none of it. */
export const COVERAGE_VERDICTS = ['complete', 'partial', 'none'] as const;
export type CoverageVerdict = (typeof COVERAGE_VERDICTS)[number];

export interface CheckSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byOwner: Record<string, Record<Severity, number>>;
  /** Trench length inside any tree root-protection zone. */
  treeZoneLength_m: number;
  trenchLength_m: number;
  assetsConsidered: number;
  /**
   * Per layer the rule set requires, the trench length outside every coverage area of that layer. Present when
   * coverage was evaluated (always from the application; not in domain calls without `known`).
   */
  outsideCoverage_m?: Partial<Record<LayerName, number>>;
  coverage?: CoverageVerdict;
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

/**
 * What a check is told besides the trench and the assets: who asks and on which day (CheckAsk), and what is known of
 * the ground near the trench (KnownGround). Without `coverage` unknown ground and precaution zones are not evaluated.
 */
export interface CheckContext extends CheckAsk, Partial<KnownGround> {}

export interface CheckReport {
  ruleSet: { id: string; version: string };
  conflicts: Conflict[];
  summary: CheckSummary;
}
