import type { LayeredAsset } from '../domain/assets/layers.ts';
import type { LayerName } from '../domain/assets/layers.ts';
import { checkTrench } from '../domain/check/check-trench.ts';
import type { CheckContext, CheckReport, Trench } from '../domain/check/check.types.ts';
import type { Plan, PlanFlexibility, PlanOptions, Segment, Work } from '../domain/plan/plan.types.ts';
import { loadSolver } from '../domain/plan/exact.ts';
import type { GroupingOptions } from '../domain/plan/grouping.ts';
import { flexibilityAsRequested, planAsRequested } from '../domain/plan/flexibility-series.ts';
import type { PlanningRules } from '../domain/plan/planning-rules.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import { type ProposalOptions, type ProposalOutcome, type ProposalRequest, proposeRoutes } from '../domain/space/route-proposal.ts';
import type { Fitting } from '../domain/space/obstacles.ts';
import { type SegmentScan, scanSegments } from '../domain/space/scan.ts';
import type { StreetSegment } from '../domain/streets/street-segments.ts';
import { importFile } from '../imports/detect.ts';
import type { ImportLimits } from '../imports/limits.ts';
import type { ImportResult } from '../imports/types.ts';

// The jobs a worker can run: pure domain functions, plain data in and out. The main thread fetches what they need
// from the store and passes it in; a worker opens no store. The import reads its file from disk, nothing else.

export interface CheckJob {
  trench: Trench;
  candidates: readonly LayeredAsset[];
  rules: RuleSet;
  /** Who asks, on which day, and the coverage and precaution zones near the trench (the application always sends them). */
  context?: CheckContext;
}

export interface PlanJob {
  works: readonly Work[];
  segments: readonly Segment[];
  options: PlanOptions;
  rules: PlanningRules;
}

/** An import's file and bounds; no progress callback, which cannot cross threads. */
export interface ReadImportJob {
  path: string;
  name?: string;
  layers?: readonly LayerName[];
  limits?: ImportLimits;
  /** Owner of sewer data whose file names none (the uploader's organisation). */
  owner?: string;
}

/** A route proposal's search: the assets and street segments of its widened area, fetched by the main thread. */
export interface ProposeJob {
  request: ProposalRequest;
  assets: readonly LayeredAsset[];
  streets: readonly StreetSegment[];
  rules: RuleSet;
  options: ProposalOptions;
}

/** A space scan; the layers unknown per segment come as data, since a function cannot cross threads. */
export interface SpaceScanJob {
  segments: readonly StreetSegment[];
  assets: readonly LayeredAsset[];
  fitting: Fitting;
  rules: RuleSet;
  unknownLayers?: Readonly<Record<string, string[]>>;
}

/** HiGHS for the segments too large for the DP, within the plan's `solveSeconds`. */
async function solving(options: PlanOptions): Promise<GroupingOptions> {
  return { solver: await loadSolver(), ...(options.solveSeconds ? { milpBudgetSeconds: options.solveSeconds } : {}) };
}

export const JOBS = {
  'check-trench': ({ trench, candidates, rules, context }: CheckJob): CheckReport => checkTrench(trench, candidates, rules, context),
  // HiGHS proves the minimum of segments too large for the DP; loaded once per worker, solved within the budget.
  'plan-programme': async ({ works, segments, options, rules }: PlanJob): Promise<Plan> => planAsRequested(works, segments, options, rules, await solving(options)),
  // Its own job, so a pool of two plans the series beside the plan rather than after it.
  // With the plan's solver and budget, so the series at 0 months is the plan itself.
  // Each of its plans gets a quarter of the plan's clock, so six of them fit the plan job's time limit.
  'flexibility-series': async ({ works, segments, options, rules }: PlanJob): Promise<PlanFlexibility | undefined> =>
    flexibilityAsRequested(works, segments, options, rules, { ...(await solving(options)), milpBudgetSeconds: (options.solveSeconds ?? 20) / 4 }),
  'read-import': ({ path, ...options }: ReadImportJob): Promise<ImportResult> => importFile(path, options),
  'route-propose': ({ request, assets, streets, rules, options }: ProposeJob): ProposalOutcome => proposeRoutes(request, assets, streets, rules, options),
  'space-scan': ({ segments, assets, fitting, rules, unknownLayers }: SpaceScanJob): SegmentScan[] =>
    scanSegments(segments, assets, fitting, rules, unknownLayers ? { unknownLayers: (s) => unknownLayers[s.id] ?? [] } : {}),
};
