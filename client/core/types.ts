import type { Feature, FeatureCollection, Geometry, LineString, Polygon } from 'geojson';
import { type AssetProperties, LAYERS, type LayerName } from '../../server/domain/assets/layers.ts';
import { type CheckReport, TRENCH_KINDS, TRENCH_RANGES, type TrenchKind } from '../../server/domain/check/check.types.ts';
import type { Plan, PlanOptions, WorkProperties } from '../../server/domain/plan/plan.types.ts';
import type { ImportReport } from '../../server/imports/types.ts';

// The client speaks the contracts the server fixed: types are erased in the bundle, and the lists come from the
// server's own small const modules (no Node code behind them), so a layer or kind added there appears here.
export type { AssetProperties, CheckReport, LayerName, Plan, PlanOptions, TrenchKind, WorkProperties };
export type { Conflict, ConflictRule, Severity } from '../../server/domain/check/check.types.ts';
export type { Opening, ScheduledWork } from '../../server/domain/plan/plan.types.ts';
export type { ServedRules } from '../../server/http/endpoints/rules.endpoints.ts';
export type { AssumedCover } from '../../server/domain/assets/assumed-cover.ts';
export { CONFLICT_RULES, SEVERITIES } from '../../server/domain/check/check.types.ts';
export { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';

// Drawing and listing order, deepest network first and stations on top; a Record so a new server layer must be placed.
const DRAW_ORDER: Record<LayerName, number> = { streets: 0, reservations: 0.5, sewers: 1, pipes: 2, heat: 3, cables: 4, trees: 5, stations: 6 };
export const LAYER_NAMES: readonly LayerName[] = [...LAYERS].sort((a, b) => DRAW_ORDER[a] - DRAW_ORDER[b]);
export const TRENCH_KIND_NAMES: readonly TrenchKind[] = TRENCH_KINDS;
export { TRENCH_RANGES };

export type AssetFeature = Feature<Geometry, AssetProperties> & { id: string };
export type AssetCollection = FeatureCollection<Geometry, AssetProperties>;

export interface LayerSummary {
  layer: LayerName;
  count: number;
  /** [minx, miny, maxx, maxy] in the requested CRS, null for an empty layer. */
  extent: [number, number, number, number] | null;
}

export interface TrenchInput {
  kind: TrenchKind;
  width_m: number;
  depth_m: number;
  name?: string;
}
export type TrenchFeature = Feature<LineString | Polygon, TrenchInput & Record<string, unknown>>;

export interface CheckResult {
  id: string;
  created_at: string;
  ruleSet: { id: string; version: string };
  report: CheckReport;
}

/** Who the token belongs to and what it may do (GET /api/session). */
export interface Session {
  organisation: string;
  organisationKind: string;
  role: string;
  /** Action (e.g. `routes:decide`) → `all` or `own`; an absent action is not allowed. */
  grants: Record<string, 'all' | 'own'>;
}

export type RouteStatus = 'submitted' | 'approved' | 'rejected';
export interface RouteRecord {
  id: string;
  name: string;
  owner: string;
  status: RouteStatus;
  version: number;
  submitted_at: string;
  decided_at?: string | null;
  decided_by?: string | null;
  decision_reason?: string | null;
  report?: CheckReport;
  feature?: TrenchFeature;
  history?: { seq: number; version: number; event: string; at: string; actor: string; reason?: string | null }[];
  /** Each submitted version with the summary of its check (GET /api/routes/:id). */
  versions?: { version: number; submitted_at: string; actor: string | null; summary: CheckReport['summary'] | null }[];
}

export interface WorkFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: WorkProperties;
}

export interface PlanResult {
  id: string;
  created_at: string;
  options: PlanOptions;
  plan: Plan;
}

export type ImportResult = ImportReport & {
  file: string;
  stored?: Partial<Record<LayerName, { created: number; updated: number }>>;
};

/** One suggestion as GET /api/routes/:id/sewer-suggestions answers it (the fields this list shows). */
export interface SewerSuggestionView {
  sewerId: string;
  street: string;
  length_m: number;
  age_years?: number;
  condition_class?: number;
  openingsSaved: number;
  householdDaysSaved: number;
  parties: string[];
  /** The server's sentence for it, in the language asked. */
  explanation: string;
}
