import type { Position } from 'geojson';
import { pointToLineDistance } from '../../geo/point-line-distance.ts';
import type { FeatureRecord } from './imkl-parser.ts';
import { codeOf, toLength } from './units.ts';

/** A measured depth found for a network element. */
export interface MeasuredDepth {
  depth_m: number;
  /** gml:ids of the DiepteTovMaaiveld records it came from. */
  records: string[];
}

/** A line element of a network, as resolved before depths are attached. */
export interface DepthCandidate {
  id: string;
  network: string;
  lines: Position[][];
  diameter_mm: number | undefined;
}

/**
 * How far a DiepteTovMaaiveld point may lie from a line of its network to count as measured on it. IMKL links a
 * depth record only to its Utiliteitsnet and a point, not to the cable; operators place the point on the line, so
 * 0.5 m absorbs drawing precision without grabbing a neighbouring line in a bundle.
 */
export const DEPTH_SNAP_M = 0.5;

/**
 * Attaches each DiepteTovMaaiveld record to the nearest line of its own network within {@link DEPTH_SNAP_M}. The
 * depth is converted to the top of the asset (`depth_m`): `bovenkant` as is, `midden`/`onderkant` minus half/the whole
 * diameter when known. Where several records fall on one element the shallowest top is kept: that is where a trench
 * meets it first. Records that match nothing come back as `unmatched` with the reason.
 *
 * @example
 * linkDepths(depthRecords, [{ id: 'nl.imkl-KL1110.WALD_1', network: 'nl.imkl-KL1110.UNET_Water_3', lines, diameter_mm: 100 }])
 *   // { byElement: Map { 'nl.imkl-KL1110.WALD_1' => { depth_m: 1.3, records: ['nl.imkl-KL1110.DTMV_…'] } }, unmatched: [] }
 */
export function linkDepths(
  records: readonly FeatureRecord[],
  candidates: readonly DepthCandidate[],
  point: (record: FeatureRecord) => Position | undefined,
): { byElement: Map<string, MeasuredDepth>; unmatched: { id: string; reason: string }[] } {
  const byNetwork = new Map<string, DepthCandidate[]>();
  for (const c of candidates) (byNetwork.get(c.network) ?? byNetwork.set(c.network, []).get(c.network)!).push(c);
  const byElement = new Map<string, MeasuredDepth>();
  const unmatched: { id: string; reason: string }[] = [];
  for (const record of records) {
    const network = record.hrefs.inNetwork?.[0] ?? '';
    const at = point(record);
    const peil = toLength(record.values.dieptePeil, 'm');
    if (!at || !peil?.ok) {
      unmatched.push({ id: record.id, reason: `depth record has ${at ? `no usable dieptePeil (${peil?.ok === false ? peil.reason : 'missing'})` : 'no point (ligging)'}; not used` });
      continue;
    }
    let best: { candidate: DepthCandidate; distance: number } | undefined;
    for (const candidate of byNetwork.get(network) ?? []) {
      for (const line of candidate.lines) {
        const distance = pointToLineDistance(at, line);
        if (!best || distance < best.distance) best = { candidate, distance };
      }
    }
    if (!best || best.distance > DEPTH_SNAP_M) {
      const nearest = best ? `the nearest line of ${network} is ${best.distance.toFixed(2)} m away` : `network ${network} has no lines in this delivery`;
      unmatched.push({ id: record.id, reason: `depth point [${at.map((v) => v.toFixed(2)).join(', ')}] lies on no line: ${nearest} (limit ${DEPTH_SNAP_M} m); not used` });
      continue;
    }
    const top = topOf(peil.value, codeOf(record.hrefs.diepteAangrijpingspunt?.[0]), best.candidate.diameter_mm);
    const known = byElement.get(best.candidate.id);
    if (!known) byElement.set(best.candidate.id, { depth_m: top, records: [record.id] });
    else byElement.set(best.candidate.id, { depth_m: Math.min(known.depth_m, top), records: [...known.records, record.id] });
  }
  return { byElement, unmatched };
}

function topOf(depth: number, point: string | undefined, diameter_mm: number | undefined): number {
  if (diameter_mm === undefined) return depth;
  const d = diameter_mm / 1000;
  const top = point === 'onderkant' ? depth - d : point === 'midden' ? depth - d / 2 : depth;
  return Math.round(Math.max(0, top) * 1000) / 1000;
}
