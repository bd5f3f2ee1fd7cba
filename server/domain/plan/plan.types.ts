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
}

export interface CouplingOpportunity {
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
  /** Distinct segments with work: no plan can do better. */
  lowerBound: number;
  /** Every work its own opening. */
  baselineOpenings: number;
  disruptionDays: number;
  baselineDisruptionDays: number;
  disruptionDaysSaved: number;
  windowViolations: number;
  totalShiftDays: number;
}

export interface Plan {
  openings: Opening[];
  metrics: PlanMetrics;
  couplingOpportunities: CouplingOpportunity[];
  infeasible: Infeasibility[];
  /** Works (by id) that touch no street segment. */
  unassigned: string[];
}
