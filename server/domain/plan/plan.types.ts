import type { Feature, Geometry } from 'geojson';
import type { Message } from '../message.ts';

/** Work types in depth order: the deepest is laid first (RULES.md, "Planning"). */
export const WORK_TYPES = ['sewer', 'heat', 'water', 'gas', 'cables', 'connections', 'trees', 'paving'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One party's intended job, in RD New. */
export interface WorkProperties {
  type: WorkType;
  owner: string;
  name?: string;
  /** Working days on site; derived from length and the productivity table when absent. */
  duration_days?: number;
  preferred_start?: IsoDate;
  earliest_start?: IsoDate;
  latest_end?: IsoDate;
  depth_m?: number;
  /** Where it came from, e.g. `route:<id>` for an approved heat route. */
  source?: string;
  version?: number;
  [extra: string]: unknown;
}
export type Work = Feature<Geometry, WorkProperties> & { id: string };

/** A street segment: the street graph lives in server/domain/streets/; the plan's older name for it. */
export type { StreetSegment as Segment } from '../streets/street-segments.ts';

export interface PlanOptions {
  /** First day the plan may schedule. */
  horizonStart: IsoDate;
  moratoriumYears: number;
  /** At most this many segments open on any day; unlimited when absent. */
  maxOpenSegments?: number;
  /** When true, segments listed as neighbours are never open on the same day. */
  separateNeighbours: boolean;
  /** Crews per work type: at most this many works of the type on site on any day. */
  crews?: Partial<Record<WorkType, number>>;
  /**
   * Seconds the solver may spend in all, proving the minimum of segments too large for the exhaustive DP (default
   * 20; each segment's MILP normally stops at its node limit first): segments after it keep a relaxation's bound.
   */
  solveSeconds?: number;
  /** Windows relaxed by ± `months` (for `parties` only, when given), and the what-if series to compute beside the plan. */
  flexibility?: FlexibilityRequest;
  // Constraints planners meet (issue 14); the heuristic keeps them, the exact MILP does not (usesUnmodelledConstraints).
  /** Periods no opening is open (for `types`: no work of those types on site), beside the rule file's. */
  blackouts?: BlackoutPeriod[];
  /** At most this many segments open at once per district; `"*"` for every district without its own number. */
  maxOpenPerDistrict?: Record<string, number>;
  /** Works that must end (plus `gapDays`) before another starts, e.g. the heat main before its branches. */
  dependencies?: Dependency[];
  /** Segment pairs never closed on the same day: one is the other's diversion route. */
  diversions?: Diversion[];
}

/**
 * A period no opening is open: a holiday, an event, a winter stop. `from`/`to` are inclusive ISO dates, or `MM-DD`
 * every year when `yearly` (Dec 1 – Feb 28 wraps the year). Only in `districts` when given; only the days a work of
 * one of `types` is on site when given.
 */
export interface BlackoutPeriod {
  id: string;
  from: string;
  to: string;
  yearly?: boolean;
  districts?: string[];
  types?: WorkType[];
  /** What a reader calls it: a catalogue code (`plan.blackout.bouwvak`) or a label in both languages. */
  reason: string | { nl: string; en: string };
}

/** `after` starts no earlier than `gapDays` days after `before` ends. */
export interface Dependency {
  before: string;
  after: string;
  gapDays?: number;
}

/** `segment` and `via` (segment ids) are never closed on the same day, in either direction. */
export interface Diversion {
  segment: string;
  via: string;
}

/** One piece of a work on one segment, placed in one opening. */
export interface ScheduledWork {
  workId: string;
  type: WorkType;
  owner: string;
  name?: string;
  start: IsoDate;
  end: IsoDate;
  /** Signed calendar days from the preferred start; 0 when it had none. */
  shift_days: number;
  /** Why it moved (`plan.shift.*`); absent when it did not. */
  message?: Message;
  /** Why it moved, as an English sentence: only in plans stored before messages had codes. */
  explanation?: string;
  /** The window the work gave (earliest start, latest end), when it gave one: what a letter names as the reason a street opens again. */
  window?: { from?: IsoDate; to?: IsoDate };
  /** Signed days outside the window the work gave (negative: before its earliest start); only under flexibility. */
  outsideWindow_days?: number;
}

/** One street segment open for one interval, its works in depth order. */
export interface Opening {
  id: string;
  segmentId: string;
  street: string;
  start: IsoDate;
  end: IsoDate;
  works: ScheduledWork[];
  geometry: Geometry;
  /** Which part of its street the segment is, for residents; absent in plans stored before it was kept. */
  part?: StreetPart;
}

/** A segment as residents place it in their street: "het deel tussen de Taandwarsstraat en de Schippersstraat", else "deel 2 (120 m)". */
export interface StreetPart {
  /** Position among the street's segments (1-based, in segment id order). */
  number: number;
  /** How many segments the street has. */
  of: number;
  length_m: number;
  /** The streets it meets at its first and its last point, when another street's centreline touches there. */
  from?: string;
  to?: string;
  /** A street it crosses between its ends. */
  crosses?: string;
}

export interface CouplingOpportunity {
  /** `sewer-due`: a due sewer pipe in a heat work's opening that is no work yet (issue 17); absent: two openings the planner could merge. */
  kind?: 'sewer-due';
  /** For `sewer-due`: the pipe, to accept as a work (`POST /api/routes/:id/sewer-suggestions/accept`). */
  sewerId?: string;
  segmentId: string;
  street: string;
  workIds: string[];
  /** What would have to give (`plan.coupling.change`: widen one window or let another work start sooner). */
  message: Message;
  /** The same as an English sentence: only in plans stored before messages had codes. */
  change?: string;
  openingsSaved: number;
  disruptionDaysSaved: number;
}

export interface Infeasibility {
  workIds: string[];
  reason: 'window-too-short' | 'moratorium' | 'no-segment' | 'capacity' | 'depth-order' | 'dependency' | 'blackout';
  /** What holds it and what would resolve it (`plan.infeasible.*`). */
  message: Message;
  /** The same as an English sentence: only in plans stored before messages had codes. */
  explanation?: string;
}

export interface PlanMetrics {
  openings: number;
  /**
   * Proven lower bound on openings for any plan that keeps every window: per segment the exact minimum (or, for a
   * segment too large to solve, a relaxation's bound), summed. Concurrency, neighbour and crew limits can only add.
   * Plans stored before it was proven carry the segment count here and none of the four numbers below.
   */
  lowerBound: number;
  /** Distinct segments with work: the weakest bound, kept as its own number. */
  segmentsWithWork?: number;
  /** Openings above the proven lower bound, in per cent of it (one decimal): 0 means proven optimal. */
  gap_pct?: number;
  /** Under flexibility: works placed outside the window their owner gave (`windowViolations` counts the widened ones). */
  worksOutsideGivenWindow?: number;
  /** Proven lower bound on disruption days (open days × households or length/100 m). */
  disruptionLowerBound?: number;
  /** Disruption days above their lower bound, in per cent. */
  disruptionGap_pct?: number;
  /** Every work its own opening. */
  baselineOpenings: number;
  disruptionDays: number;
  baselineDisruptionDays: number;
  disruptionDaysSaved: number;
  windowViolations: number;
  totalShiftDays: number;
  /** Σ over openings of open days × the segment's households (0 where unknown); absent in plans stored before. */
  householdDays?: number;
  /** The same with every work its own opening. */
  baselineHouseholdDays?: number;
}

export interface Plan {
  openings: Opening[];
  metrics: PlanMetrics;
  couplingOpportunities: CouplingOpportunity[];
  infeasible: Infeasibility[];
  /** Works (by id) that touch no street segment. */
  unassigned: string[];
  /** What relaxing windows would save, when the request asked for the series. */
  flexibility?: PlanFlexibility;
}

/** What a plan request asks of flexibility: months of relaxation for the plan itself, and the series of months to try. */
export interface FlexibilityRequest {
  /** Relax every window by this many months each side (0..60); the plan itself is computed on the relaxed windows. */
  months?: number;
  /** Only the works of these owners are relaxed; every work when absent. */
  parties?: string[];
  /** Months of flexibility to compute the what-if series for. */
  series?: number[];
}

/** One plan of the what-if series: the programme planned with windows relaxed by ± `months`. */
export interface FlexibilityStep {
  months: number;
  openings: number;
  disruptionDays: number;
  householdDays: number;
  /** Works that lie outside the window they gave. */
  worksOutsideWindow: number;
  /** The farthest one work lies outside its window, and the sum over works, in months (one decimal). */
  largestMonthsMoved: number;
  totalMonthsMoved: number;
  /** Owners of the works outside their window: who must agree. */
  parties: string[];
}

/** A coupling that appears when windows are relaxed: one segment opens fewer times. */
export interface FlexibilityOpportunity {
  /** The first step of the series at which it appears. */
  months: number;
  segmentId: string;
  street: string;
  openingsSaved: number;
  householdDaysSaved: number;
  /** How far its works lie outside their windows, summed over works, in months. */
  monthsMoved: number;
  /** What it is ranked by: the savings per month moved (a move under a month counts as one). */
  openingsSavedPerMonth: number;
  householdDaysSavedPerMonth: number;
  workIds: string[];
  parties: string[];
  /** `plan.flexibility.opportunity*`; `explanation` is the same rendered in the reader's language. */
  message: Message;
  explanation?: string;
}

export interface PlanFlexibility {
  /** The owners whose windows were relaxed; absent when every work's was. */
  parties?: string[];
  series: FlexibilityStep[];
  /** Best first: openings saved per month moved, then household-days saved per month moved. */
  opportunities: FlexibilityOpportunity[];
  /** Segments with work whose households are unknown: they count 0 household-days. */
  segmentsWithoutHouseholds: number;
}
