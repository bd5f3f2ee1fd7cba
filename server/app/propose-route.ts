import type { LineString } from 'geojson';
import type { Principal } from '../domain/access/policy.ts';
import { LAYERS, type LayeredAsset } from '../domain/assets/layers.ts';
import type { CheckAsk, CheckReport } from '../domain/check/check.types.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';
import type { Bottleneck } from '../domain/space/bottleneck.ts';
import { PROPOSAL_REASONS, validateProposal } from '../domain/space/proposal.validation.ts';
import type { RouteCrossing } from '../domain/space/route-crossings.ts';
import { PROPOSAL_DEFAULTS, type ProposalOptions, type RouteCandidate } from '../domain/space/route-proposal.ts';
import { segmentsFromStreets } from '../domain/streets/street-segments.ts';
import { type Message, msg } from '../domain/message.ts';
import { type Invalid, invalid } from '../domain/validation.ts';
import { type Crs, RD_NEW } from '../geo/crs.ts';
import { bboxOf } from '../geo/bbox.ts';
import type { BBox } from '../geo/types.ts';
import type { Repositories } from '../store/index.ts';
import { runInPool } from '../workers/run-job.ts';
import { runCheck } from './run-check.ts';

/** One proposal as the use case answers it: the route, its measures and its check report, all in RD New. */
export interface RouteProposal {
  geometry: LineString;
  length_m: number;
  crossings: RouteCrossing[];
  /** Trench length inside tree root-protection zones, as the check measures it. */
  treeZone_m: number;
  /** The check finds no blocking conflict. */
  clean: boolean;
  verdict: Message;
  report: CheckReport;
}

export type ProposeRouteResult =
  | { ok: true; proposals: RouteProposal[]; bottleneck?: Bottleneck; rounds: number }
  | { ok: false; reason: 'invalid' | 'too-large'; errors: Invalid[] }
  | { ok: false; reason: 'no-path'; message: Message };

export interface ProposeRouteInput {
  body: unknown;
  crs: Crs;
  /** YYYY-MM-DD: reservations in force on this day take space. */
  today: string;
}

/** Rounds of search and check: after a round the check's blocking findings are avoided in the next search. */
export const PROPOSAL_ROUNDS = 5;
/** Room fetched around the searched area, for obstacles just outside it that still reach in (a wide tree zone). */
const OBSTACLE_REACH_M = 30;

/**
 * Route proposals for `who` between two points (through via points): the search runs in the worker pool on the
 * assets and streets of the area; each proposal is then checked on this thread by runCheck, as POST /api/checks
 * checks a trench. A crossing the check blocks (too little vertical clearance at this depth) makes that line
 * uncrossable, and a clearance a few centimetres short widens that asset, for the next round; what still blocks
 * after the rounds is answered as not clean.
 *
 * @example const result = await proposeRoute(store, principal, rules, { body: { from, to, kind: 'heat', width_m: 0.9, depth_m: 1.45 }, crs: 'EPSG:28992', today: '2026-12-01' });
 *   result.ok ? result.proposals.map((p) => p.clean) : result.errors // [true, true, true]
 */
export async function proposeRoute(store: Pick<Repositories, 'features' | 'coverage'>, who: Principal, rules: RuleSet, input: ProposeRouteInput, options: ProposalOptions = {}): Promise<ProposeRouteResult> {
  const checked = validateProposal(input.body, input.crs);
  if (!checked.valid) return { ok: false, reason: checked.errors.some((e) => e.code === PROPOSAL_REASONS.tooManyVia || e.code === PROPOSAL_REASONS.tooFar) ? 'too-large' : 'invalid', errors: checked.errors };
  const { from, to, via, kind, width_m, depth_m } = checked.input;
  const request = { from, to, via, kind, width_m, depth_m, organisation: who.organisation, on: input.today };
  const points = [from, ...via, to];
  const margin = (options.widenedMargin_m ?? PROPOSAL_DEFAULTS.widenedMargin_m) + OBSTACLE_REACH_M;
  const [minX, minY, maxX, maxY] = bboxOf([points]);
  const bbox: BBox = [minX - margin, minY - margin, maxX + margin, maxY + margin];
  const streets = segmentsFromStreets(await store.features.inBbox('streets', bbox));
  const assets: LayeredAsset[] = [];
  for (const layer of LAYERS) {
    if (layer === 'streets') continue;
    for (const a of await store.features.inBbox(layer, bbox)) assets.push({ ...a, layer });
  }

  const uncrossable = new Set<string>();
  const extraKeep: Record<string, number> = {};
  const cell = options.cell_m ?? PROPOSAL_DEFAULTS.cell_m;
  const clean: RouteProposal[] = [];
  let last: RouteProposal[] = [];
  let bottleneck: Bottleneck | undefined;
  let round = 0;
  while (round < PROPOSAL_ROUNDS) {
    round++;
    const outcome = await runInPool('route-propose', { request, assets, streets, rules, options: { ...options, avoid: { uncrossable: [...uncrossable], extraKeep_m: { ...extraKeep } } } });
    if (!outcome.ok) return refused(outcome, cell);
    bottleneck = outcome.bottleneck;
    last = [];
    let learned = false;
    for (const candidate of outcome.proposals) {
      const proposal = await checkProposal(store, rules, candidate, { kind, width_m, depth_m }, outcome.leastBad, { organisation: who.organisation, on: input.today });
      last.push(proposal);
      if (proposal.clean) {
        if (!clean.some((c) => sameLine(c.geometry, proposal.geometry))) clean.push(proposal);
        continue;
      }
      for (const c of proposal.report.conflicts) {
        // Only an asset's finding teaches the search something: unknown ground and precaution zones are no obstacle
        // it can route around, and searching again for them would only cost rounds.
        if (c.severity !== 'blocking' || !c.assetId) continue;
        if (c.rule === 'crossing') {
          if (!uncrossable.has(c.assetId)) learned = true;
          uncrossable.add(c.assetId);
        } else if (!outcome.leastBad) {
          // A near miss is first met with a wider berth; an asset the check still blocks after that (a route
          // slipping round the end of a main through its clearance, which the raster took for a crossing) is
          // taken space for the next search.
          if (extraKeep[c.assetId] !== undefined && !uncrossable.has(c.assetId)) uncrossable.add(c.assetId);
          extraKeep[c.assetId] = (extraKeep[c.assetId] ?? 0) + cell / 2;
          learned = true;
        }
      }
    }
    if (outcome.leastBad || clean.length >= (options.alternatives ?? PROPOSAL_DEFAULTS.alternatives) || !learned) break;
  }
  // Rounds add clean routes as they find them: the answer is at most the asked number, shortest first.
  const proposals = clean.length ? clean.sort((a, b) => a.length_m - b.length_m).slice(0, options.alternatives ?? PROPOSAL_DEFAULTS.alternatives) : last;
  return { ok: true, proposals, ...(clean.length === 0 && bottleneck ? { bottleneck } : {}), rounds: round };
}

async function checkProposal(store: Pick<Repositories, 'features' | 'coverage'>, rules: RuleSet, candidate: RouteCandidate, properties: { kind: string; width_m: number; depth_m: number }, leastBad: boolean, asked: CheckAsk): Promise<RouteProposal> {
  // As POST /api/checks would check it for this caller on this day: lanes meant for the caller are its to use.
  const result = await runCheck(store, rules, { type: 'Feature', geometry: candidate.geometry, properties }, RD_NEW, {}, asked);
  // The search's own line: only a bug makes the check refuse it.
  if (!result.ok) throw new Error(`a proposed route failed the trench validation: ${JSON.stringify(result.errors)}`);
  const report = result.report;
  const { blocking, warning } = report.summary.bySeverity;
  const verdict = leastBad ? msg('proposal.verdict.least-bad', { blocking }) : blocking === 0 ? msg('proposal.verdict.clean', { warnings: warning }) : msg('proposal.verdict.blocking', { blocking });
  // A least-bad route passes through space the space room counts as taken, whatever this rule set's check makes of it.
  return { ...candidate, treeZone_m: report.summary.treeZoneLength_m, clean: blocking === 0 && !leastBad, verdict, report };
}

function refused(outcome: { reason: 'no-street-space'; point: string } | { reason: 'too-many-cells'; cells: number; max: number } | { reason: 'no-path' }, cell_m: number): ProposeRouteResult {
  switch (outcome.reason) {
    case 'no-street-space': return { ok: false, reason: 'invalid', errors: [invalid(outcome.point, PROPOSAL_REASONS.noStreet, { snap_m: PROPOSAL_DEFAULTS.snap_m, cell_m })] };
    case 'too-many-cells': return { ok: false, reason: 'too-large', errors: [invalid('to', PROPOSAL_REASONS.tooManyCells, { cells: outcome.cells, max: outcome.max })] };
    case 'no-path': return { ok: false, reason: 'no-path', message: msg('proposal.no-path') };
  }
}

function sameLine(a: LineString, b: LineString): boolean {
  return JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}
