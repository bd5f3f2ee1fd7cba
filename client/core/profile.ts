import { isMessage, type Message } from '../../server/domain/message.ts';
import { formatFixed } from './format.ts';
import type { Language } from './i18n.ts';
import { spreadLabels } from './label-layout.ts';
import { SEVERITY_COLOURS } from './styles.ts';
import type { CheckReport, Conflict, LayerName, Severity } from './types.ts';

/**
 * The longitudinal profile engineers draw for a trench across a street: chainage along the trench against depth,
 * every asset the trench crosses at its depth where it is crossed, the clearance box the crossing rule asks around
 * it, and the trench with its bottom. Built from the check report alone (the crossing findings carry the levels they
 * compared), so a stored route report draws the same profile as a fresh check, without the assets being loaded.
 */
/** A crossing as the check report gives it, before it is drawn. */
export interface CrossingFinding {
  /** Index of the crossing finding in `report.conflicts`, to link drawing and table row. */
  index: number;
  assetId: string;
  layer: LayerName;
  owner: string;
  chainage_m: number;
  top_m: number;
  bottom_m: number;
  depthSource: 'measured' | 'assumed';
  /** The worst finding on this asset at this chainage (a crossing may also break a horizontal clearance). */
  severity: Severity;
  /** The required vertical clearance; the clearance box is the asset grown by it. */
  required_m: number | null;
  measured_m: number | null;
}

export interface ProfileCrossing extends CrossingFinding {
  label: string;
  colour: string;
  /** Pixels: the asset's centre, half its height (at the depth scale), its box and where its label stands. */
  x: number;
  cy: number;
  r: number;
  box: { x: number; y: number; width: number; height: number } | null;
  labelX: number;
}

export interface LongitudinalProfile {
  length_m: number;
  depthRange_m: number;
  width_px: number;
  height_px: number;
  /** Where the drawing area is: surface at `top`, depthRange_m at `bottom`. */
  plot: { left: number; right: number; top: number; bottom: number };
  trench: { top_m: number; bottom_m: number; x: number; width: number; yTop: number; yBottom: number };
  crossings: ProfileCrossing[];
  chainageTicks: { x: number; chainage_m: number }[];
  depthTicks: { y: number; depth_m: number }[];
}

export interface ProfileOptions {
  width_px?: number;
  /** Pixels per metre of depth; shrinks when the deepest asset would make the drawing taller than `maxPlot_px`. */
  depthScale?: number;
  maxPlot_px?: number;
  language?: Language;
}

const CROSSING_RULES: readonly Conflict['rule'][] = ['crossing', 'unknown-depth'];
const RANK: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };
const MARGIN = { left: 44, right: 14, bottom: 30 };
const LABEL_GAP = 13;
const CHAR_PX = 6;
const MAX_LABEL = 30;

/**
 * @example longitudinalProfile(report, { depth_m: 1 }).crossings.map((c) => c.assetId) // ['gas-hudsonstraat', 'water-hudsonstraat', …]
 */
export function longitudinalProfile(
  report: Pick<CheckReport, 'conflicts' | 'summary'>,
  trench: { depth_m: number },
  { width_px = 720, depthScale = 60, maxPlot_px = 320, language = 'nl' }: ProfileOptions = {},
): LongitudinalProfile {
  const found = crossingsOf(report.conflicts);
  const length_m = Math.max(report.summary.trenchLength_m, ...found.map((c) => c.chainage_m), 1);
  const laid = found.find((c) => c.laidBottom_m !== undefined)?.laidBottom_m;
  const top_m = trench.depth_m;
  const bottom_m = Math.max(laid ?? top_m, top_m);
  const deepest = Math.max(bottom_m, ...found.map((c) => c.bottom_m + (c.required_m ?? 0)));
  const depthRange_m = Math.ceil((deepest + 0.3) * 2) / 2;
  const yScale = Math.min(depthScale, maxPlot_px / depthRange_m);

  const labels = found.map((c) => shorten(c.assetId) + ` ${formatFixed(c.top_m, language, 2)} m${c.depthSource === 'assumed' ? '*' : ''}`);
  const band = 12 + Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX;
  const plot = { left: MARGIN.left, right: width_px - MARGIN.right, top: band, bottom: band + depthRange_m * yScale };
  const xScale = (plot.right - plot.left) / length_m;
  const x = (chainage: number) => round(plot.left + chainage * xScale);
  const y = (depth: number) => round(plot.top + depth * yScale);
  const labelAt = spreadLabels(found.map((c) => x(c.chainage_m)), LABEL_GAP, plot.left + 4, plot.right - 2);

  const crossings: ProfileCrossing[] = found.map(({ laidBottom_m, ...c }, k) => {
    const r = Math.max(3, ((c.bottom_m - c.top_m) / 2) * yScale);
    const grow = c.required_m ?? 0;
    const halfWidth_px = Math.max(r + grow * yScale, 5);
    return {
      ...c,
      label: labels[k]!,
      colour: SEVERITY_COLOURS[c.severity],
      x: x(c.chainage_m),
      cy: round((y(c.top_m) + y(c.bottom_m)) / 2),
      r: round(r),
      box: grow > 0 ? { x: round(x(c.chainage_m) - halfWidth_px), y: y(c.top_m - grow), width: round(2 * halfWidth_px), height: round((c.bottom_m - c.top_m + 2 * grow) * yScale) } : null,
      labelX: round(labelAt[k]!),
    };
  });

  const step = niceStep(length_m / 8);
  const chainageTicks = [];
  for (let c = 0; c <= length_m + 1e-9; c += step) chainageTicks.push({ x: x(c), chainage_m: round(c) });
  const depthTicks = [];
  for (let d = 0; d <= depthRange_m + 1e-9; d += 0.5) depthTicks.push({ y: y(d), depth_m: d });

  return {
    length_m,
    depthRange_m,
    width_px,
    height_px: round(plot.bottom + MARGIN.bottom),
    plot,
    trench: { top_m, bottom_m, x: plot.left, width: round(plot.right - plot.left), yTop: y(top_m), yBottom: y(bottom_m) },
    crossings,
    chainageTicks,
    depthTicks,
  };
}

/** A crossing found in the report, with the bottom of the new pipe where the finding gives it. */
interface Found extends CrossingFinding {
  laidBottom_m?: number;
}

/** The crossings in a report, one per asset and chainage, with the worst finding that asset has there. */
function crossingsOf(conflicts: readonly Conflict[]): Found[] {
  const found: Found[] = [];
  conflicts.forEach((c, index) => {
    if (!CROSSING_RULES.includes(c.rule) || c.chainage_from_m === null) return;
    const levels = param(c.message, 'levels');
    const top = levels && numberParam(levels, 'asset_top_m');
    const bottom = levels && numberParam(levels, 'asset_bottom_m');
    if (!levels || top === undefined || bottom === undefined) return;
    const where = param(c.message, 'where');
    const chainage_m = (where && numberParam(where, 'at_m')) ?? (c.chainage_from_m + (c.chainage_to_m ?? c.chainage_from_m)) / 2;
    if (found.some((f) => f.assetId === c.assetId && Math.abs(f.chainage_m - chainage_m) < 0.01)) return;
    const laidBottom_m = numberParam(levels, 'bottom_m');
    found.push({
      index,
      assetId: c.assetId,
      layer: c.layer,
      owner: c.owner,
      chainage_m,
      top_m: top,
      bottom_m: Math.max(bottom, top),
      ...(laidBottom_m !== undefined ? { laidBottom_m } : {}),
      depthSource: c.rule === 'unknown-depth' || c.depth_source === 'assumed' ? 'assumed' : 'measured',
      severity: c.severity,
      required_m: c.required_m,
      measured_m: c.measured_m,
    });
  });
  for (const f of found) {
    for (const c of conflicts) {
      const from = c.chainage_from_m;
      if (c.assetId !== f.assetId || from === null) continue;
      const to = c.chainage_to_m ?? from;
      if (f.chainage_m >= from - 0.01 && f.chainage_m <= to + 0.01 && RANK[c.severity] < RANK[f.severity]) f.severity = c.severity;
    }
  }
  return found.sort((a, b) => a.chainage_m - b.chainage_m || a.top_m - b.top_m);
}

function param(message: Message | undefined, name: string): Message | undefined {
  const value = message?.params?.[name];
  return isMessage(value) ? value : undefined;
}

function numberParam(message: Message, name: string): number | undefined {
  const value = message.params?.[name];
  return typeof value === 'number' ? value : undefined;
}

/** 1, 2 or 5 times a power of ten, the tick steps a ruler has. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

const shorten = (id: string) => (id.length > MAX_LABEL ? `${id.slice(0, MAX_LABEL - 1)}…` : id);
const round = (n: number) => Math.round(n * 100) / 100;
