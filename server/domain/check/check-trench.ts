import type { Geometry } from 'geojson';
import type { LayeredAsset } from '../assets/layers.ts';
import { type Message, type MessageParam, isMessage, msg } from '../message.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { unionLength } from './centreline.ts';
import { type CheckContext, type CheckReport, type CheckSummary, type Conflict, SEVERITIES, type Trench } from './check.types.ts';
import { roundGeometry } from '../../geo/crs.ts';
import { lineLength } from '../../geo/length.ts';
import { shapeOf } from '../../geo/shape.ts';
import { ownerOf, ruleContext } from './rule-context.ts';
import { RULES_BY_LAYER } from './rules-by-layer.ts';
import { coverageRule } from './rules/coverage.rule.ts';
import { precautionRule } from './rules/precaution.rule.ts';
import { OBSTACLE_LAYERS, type ObstacleLayer } from './search-distances.ts';

const SEVERITY_ORDER: Record<Conflict['severity'], number> = { blocking: 0, warning: 1, info: 2 };

/**
 * Checks a trench (RD New) against candidate assets with a rule set: every conflict with its rule, severity,
 * measured and required distance, chainage and location, and a summary. Pure: the candidates come from the
 * store's search (see candidateSearchDistances) or from anywhere else. Assets of the streets layer are no
 * obstacle; an asset with the trench's own geometry (a planned route checked again) is skipped; conflicts with an
 * abandoned asset are `info`. `context` carries what is known of the ground and who asks: with `coverage`
 * (the coverage areas and precaution zones near the trench) the check also reports unknown ground (rule
 * `coverage`) and precaution zones (rule `precaution`), and the summary gains the length outside coverage per
 * layer and a coverage verdict; without it neither is evaluated (domain tests of the other rules), so every caller
 * in the application passes it. `organisation` and `on` say who lays the trench and the day reservations are
 * read on (CheckAsk).
 *
 * @example checkTrench(trench, await store.features.candidates(...), rules).summary.bySeverity // { blocking: 1, warning: 2, info: 3 }
 * @example checkTrench(trench, [], rules, { coverage: [], precautions: [] }).summary.coverage // 'none'
 */
export function checkTrench(trench: Trench, candidates: readonly LayeredAsset[], rules: RuleSet, context: CheckContext = {}): CheckReport {
  const ctx = ruleContext(trench, rules, context);
  const known = context.coverage ? { coverage: context.coverage, precautions: context.precautions ?? [] } : undefined;
  const own = JSON.stringify(trench.geometry.coordinates);
  const first = trench.geometry.type === 'LineString' ? trench.geometry.coordinates[0] : trench.geometry.coordinates[0]?.[0];
  // Cheap test first (type and first vertex), the full comparison only for the rare asset that passes it.
  const sameAsTrench = (asset: LayeredAsset) => {
    const g = asset.geometry;
    if (g.type !== trench.geometry.type || !first) return false;
    const start = g.type === 'LineString' ? g.coordinates[0] : g.type === 'Polygon' ? g.coordinates[0]?.[0] : undefined;
    return start !== undefined && start[0] === first[0] && start[1] === first[1] && JSON.stringify(g.coordinates) === own;
  };
  const conflicts: Conflict[] = [];
  let considered = 0;
  for (const asset of candidates) {
    const layerRules = RULES_BY_LAYER[asset.layer as ObstacleLayer];
    if (!layerRules || !(OBSTACLE_LAYERS as readonly string[]).includes(asset.layer)) continue;
    if (sameAsTrench(asset)) continue;
    considered++;
    const shape = shapeOf(asset.geometry);
    for (const rule of layerRules) {
      for (const c of rule.check(ctx, asset, shape)) conflicts.push(asset.properties.status === 'abandoned' ? abandoned(c, asset) : c);
    }
  }
  const coverage = known ? coverageRule(ctx, known.coverage) : undefined;
  if (known) conflicts.push(...coverage!.conflicts, ...precautionRule(ctx, known.precautions));
  // A loop rather than conflicts.map(round): V8 deoptimised the inlined map again and again on findings of
  // different shapes, and each time the check ran slower code until it was compiled anew.
  const rounded: Conflict[] = [];
  for (const c of conflicts) rounded.push(round(c));
  rounded.sort(byPlace);
  const summary = summarise(ctx.line ? ctx.line.length : footprintLength(trench), rounded, considered);
  if (coverage) {
    summary.outsideCoverage_m = Object.fromEntries(Object.entries(coverage.outside_m).map(([layer, m]) => [layer, r3(m)]));
    summary.coverage = coverage.verdict;
  }
  return { ruleSet: { id: rules.id, version: rules.version }, conflicts: rounded, summary };
}

/** The finding stays as the rule found it, wrapped in what to do about an asset that should not be there. */
function abandoned(c: Conflict, asset: LayeredAsset): Conflict {
  return { ...c, severity: 'info', message: msg('check.abandoned', { finding: c.message, owner: ownerOf(asset) }) };
}

function summarise(trenchLength: number, conflicts: Conflict[], assetsConsidered: number): CheckSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as CheckSummary['bySeverity'];
  const byOwner: CheckSummary['byOwner'] = {};
  for (const c of conflicts) {
    bySeverity[c.severity]++;
    // Unknown ground has no owner to agree with.
    if (c.owner !== '') (byOwner[c.owner] ??= { blocking: 0, warning: 0, info: 0 })[c.severity]++;
  }
  const zones = conflicts
    .filter((c) => c.rule === 'tree-zone' && c.chainage_from_m !== null && c.chainage_to_m !== null)
    .map((c) => ({ from: c.chainage_from_m!, to: c.chainage_to_m!, min: 0 }));
  return { total: conflicts.length, bySeverity, byOwner, treeZoneLength_m: r3(unionLength(zones)), trenchLength_m: r3(trenchLength), assetsConsidered };
}

/** A footprint's length: half its perimeter, the length of a long, narrow trench. */
function footprintLength(trench: Trench): number {
  return trench.geometry.type === 'Polygon' ? lineLength(trench.geometry.coordinates[0]!) / 2 : 0;
}

function round(c: Conflict): Conflict {
  const n = (v: number | null) => (v === null ? null : r3(v));
  // A fixed member order, so stored reports and golden files read the same way every time. The optional members
  // are assigned after, in that order, rather than spread in from throwaway objects: this runs for every finding.
  const out: Conflict = {
    rule: c.rule,
    severity: c.severity,
    assetId: c.assetId,
    layer: c.layer,
    owner: c.owner,
    measured_m: n(c.measured_m),
    required_m: n(c.required_m),
    chainage_from_m: n(c.chainage_from_m),
    chainage_to_m: n(c.chainage_to_m),
    location: roundGeometry(c.location, 3) as Geometry,
    message: roundMessage(c.message),
  };
  if (c.depth_source) out.depth_source = c.depth_source;
  if (c.angle_deg !== undefined) out.angle_deg = Math.round(c.angle_deg * 10) / 10;
  if (c.basis) out.basis = roundMessage(c.basis);
  if (c.layers) out.layers = c.layers;
  return out;
}

/** The numbers of a message to the millimetre, as the conflict's own fields, so a stored report reads the same way. */
function roundMessage(m: Message): Message {
  if (!m.params) return { code: m.code };
  // A loop rather than Object.fromEntries(Object.entries(…)): this runs for every message of every finding, and
  // the entry arrays were a tenth of a check's time.
  const params: Record<string, MessageParam> = {};
  for (const key of Object.keys(m.params)) params[key] = roundParam(m.params[key]!);
  return { code: m.code, params };
}

function roundParam(p: MessageParam): MessageParam {
  if (typeof p === 'number') return r3(p);
  if (Array.isArray(p)) return p.map(roundParam);
  return isMessage(p) ? roundMessage(p) : p;
}

function byPlace(a: Conflict, b: Conflict): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.chainage_from_m ?? 0) - (b.chainage_from_m ?? 0) ||
    a.assetId.localeCompare(b.assetId) ||
    a.rule.localeCompare(b.rule)
  );
}

const r3 = (v: number) => Math.round(v * 1_000) / 1_000 + 0;
