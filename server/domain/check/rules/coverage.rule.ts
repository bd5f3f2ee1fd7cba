import type { LayerName } from '../../assets/layers.ts';
import { type CoverageArea, KLIC_LAYERS, polygonsOf } from '../../coverage/coverage.ts';
import { type Interval, coveredIntervals, outsideIntervals } from '../../coverage/covered-stretches.ts';
import { type Message, msg } from '../../message.ts';
import { centreline } from '../centreline.ts';
import type { Conflict, CoverageVerdict } from '../check.types.ts';
import { type RuleContext, stretchGeometry, whereMessage } from '../rule-context.ts';

/** What the coverage rule finds: one conflict per stretch of unknown ground, and the summary's numbers. */
export interface CoverageOutcome {
  conflicts: Conflict[];
  outside_m: Partial<Record<LayerName, number>>;
  verdict: CoverageVerdict;
}

/**
 * Unknown ground: per stretch of the trench outside the coverage of one or more of the rule set's required layers
 * (`coverage.layers`), a finding naming those layers and what to do, at the rule set's severity. Measured along the
 * centreline; a footprint is measured along its outline (half its perimeter, as its length) and gets one finding.
 *
 * @example coverageRule(ctx, [{ layer: 'cables', kind: 'graafpolygoon', geometry, ... }]).outside_m // { cables: 0, trees: 100, ... }
 */
export function coverageRule(ctx: RuleContext, coverage: readonly CoverageArea[]): CoverageOutcome {
  const { layers, severity, source, status } = ctx.rules.coverage;
  const footprint = !ctx.line;
  const line = ctx.line ?? centreline(ctx.trench.geometry.type === 'Polygon' ? ctx.trench.geometry.coordinates[0]! : []);
  const scale = footprint ? 0.5 : 1;
  const outside = new Map<LayerName, Interval[]>();
  const outside_m: CoverageOutcome['outside_m'] = {};
  for (const layer of layers) {
    const polygons = coverage.filter((a) => a.layer === layer).flatMap((a) => polygonsOf(a.geometry));
    const gaps = outsideIntervals(line.length, coveredIntervals(line, polygons));
    outside.set(layer, gaps);
    outside_m[layer] = gaps.reduce((sum, g) => sum + g.to - g.from, 0) * scale;
  }
  const totals = Object.values(outside_m);
  const length = line.length * scale;
  const verdict: CoverageVerdict = totals.every((v) => v < 1e-3) ? 'complete' : totals.every((v) => v >= length - 1e-3) ? 'none' : 'partial';
  const basis = msg('check.basis.rule', { source, status });
  const finding = (unknown: LayerName[], from: number | null, to: number | null): Conflict => {
    const where = { from, to };
    return {
      rule: 'coverage',
      severity,
      assetId: '',
      layer: unknown[0]!,
      owner: '',
      measured_m: from === null || to === null ? null : to - from,
      required_m: null,
      chainage_from_m: from,
      chainage_to_m: to,
      location: from === null || to === null ? ctx.trench.geometry : stretchGeometry(line, from, to),
      message: msg('check.coverage.unknown', { where: whereMessage(where), layers: unknown.map((l) => msg(`check.layer.${l}`)), advice: adviceFor(unknown) }),
      basis,
      layers: unknown,
    };
  };
  if (footprint) {
    const unknown = layers.filter((l) => outside.get(l)!.length > 0);
    return { conflicts: unknown.length ? [finding(unknown, null, null)] : [], outside_m, verdict };
  }
  return { conflicts: stretchesOfUnknown(outside).map((s) => finding(s.layers, s.from, s.to)), outside_m, verdict };
}

/** The trench cut at every gap's ends, each piece with the layers unknown there, neighbours with the same layers joined. */
function stretchesOfUnknown(outside: ReadonlyMap<LayerName, Interval[]>): (Interval & { layers: LayerName[] })[] {
  const cuts = [...new Set([...outside.values()].flatMap((gaps) => gaps.flatMap((g) => [g.from, g.to])))].sort((a, b) => a - b);
  const out: (Interval & { layers: LayerName[] })[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!, to = cuts[i + 1]!;
    const mid = (from + to) / 2;
    const layers = [...outside].filter(([, gaps]) => gaps.some((g) => g.from <= mid && mid <= g.to)).map(([l]) => l);
    if (layers.length === 0) continue;
    const last = out.at(-1);
    if (last && Math.abs(last.to - from) < 1e-9 && last.layers.join() === layers.join()) last.to = to;
    else out.push({ from, to, layers });
  }
  return out;
}

/** What to do: ask KLIC for the networks, the municipality's tree register for the trees. */
function adviceFor(layers: readonly LayerName[]): Message[] {
  const advice: Message[] = [];
  if (layers.some((l) => (KLIC_LAYERS as readonly string[]).includes(l))) advice.push(msg('check.coverage.advice-klic'));
  if (layers.includes('trees')) advice.push(msg('check.coverage.advice-trees'));
  return advice;
}
