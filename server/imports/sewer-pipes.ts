import type { Feature, LineString } from 'geojson';
import { type Observation, pipeCondition } from '../domain/sewer/condition.ts';
import type { SewerRules } from '../domain/sewer/sewer-rules.ts';
import { type AssetCollector, withoutUndefined } from './collect.ts';

/** A sewer pipe as the RIB and HydX readers hand it over: levels in m NAP, ids as the source writes them. */
export interface SourcePipe {
  id: string;
  from: string;
  to: string;
  start: [number, number];
  end: [number, number];
  /** Invert (BOB) at each end, m NAP. */
  bob_start_m?: number;
  bob_end_m?: number;
  /** Ground or cover level at each end's manhole or node, m NAP. */
  ground_start_m?: number;
  ground_end_m?: number;
  diameter_mm?: number;
  height_mm?: number;
  shape?: string;
  material?: string;
  built_year?: number;
  street?: string;
  district?: string;
  length_m?: number;
  system: 'gravity' | 'pressure';
  /** DWA, HWA, GMD … as the source says: foul, storm or combined. */
  sewer_type?: string;
  inspected_on?: string;
  observations?: readonly Observation[];
}

/**
 * The stable id of a municipality's pipe: its owner and the source's pipe id, so a newer file of the same owner
 * updates the same pipe, whichever of the two formats brings it.
 *
 * @example sewerPipeId('Gemeente Almere', '2200231') // 'sewer:gemeente-almere:2200231'
 */
export function sewerPipeId(owner: string, pipeId: string): string {
  const slug = owner.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
  return `sewer:${slug}:${pipeId}`;
}

/**
 * Depths below the surface where both ends' ground levels are known: the invert below the surface at each end, and
 * `depth_m` the shallowest top of the pipe (invert minus its height) — measured. Otherwise only the NAP levels.
 *
 * @example pipeDepths({ bob_start_m: -5.26, bob_end_m: -5.06, ground_start_m: -3.2, ground_end_m: -3.1, diameter_mm: 250 })
 *   // { invert_start_m: 2.06, invert_end_m: 1.96, depth_m: 1.71, depth_source: 'measured' }
 */
export function pipeDepths(p: Pick<SourcePipe, 'bob_start_m' | 'bob_end_m' | 'ground_start_m' | 'ground_end_m' | 'diameter_mm' | 'height_mm'>): { invert_start_m?: number; invert_end_m?: number; depth_m?: number; depth_source?: 'measured' } {
  const { bob_start_m: a, bob_end_m: b, ground_start_m: ga, ground_end_m: gb } = p;
  if (a === undefined || b === undefined || ga === undefined || gb === undefined) return {};
  const invertStart = round2(ga - a);
  const invertEnd = round2(gb - b);
  if (invertStart <= 0 || invertEnd <= 0) return {};
  const height = (p.height_mm ?? p.diameter_mm ?? 0) / 1_000;
  return { invert_start_m: invertStart, invert_end_m: invertEnd, depth_m: round2(Math.max(0, Math.min(invertStart, invertEnd) - height)), depth_source: 'measured' };
}

/**
 * Adds one source pipe to the collector as a `sewers` feature: geometry from its two manholes, depths where the
 * ground is known, NAP levels kept as `*_nap_m`, and its condition and age from the observations.
 */
export function addSewerPipe(out: AssetCollector, pipe: SourcePipe, meta: { owner: string; source: string; format: string; rules: SewerRules }): void {
  const condition = pipe.observations ? pipeCondition(pipe.observations, meta.rules) : undefined;
  const geometry: LineString = { type: 'LineString', coordinates: [pipe.start, pipe.end] };
  const feature: Feature<LineString> = {
    type: 'Feature',
    id: sewerPipeId(meta.owner, pipe.id),
    geometry,
    properties: withoutUndefined({
      owner: meta.owner,
      status: 'existing',
      system: pipe.system,
      sewer_type: pipe.sewer_type,
      diameter_mm: pipe.diameter_mm,
      height_mm: pipe.height_mm !== pipe.diameter_mm ? pipe.height_mm : undefined,
      shape: pipe.shape,
      material: pipe.material,
      built_year: pipe.built_year,
      street: pipe.street,
      district: pipe.district,
      length_m: pipe.length_m,
      from_node: pipe.from,
      to_node: pipe.to,
      invert_start_nap_m: pipe.bob_start_m,
      invert_end_nap_m: pipe.bob_end_m,
      ground_start_nap_m: pipe.ground_start_m,
      ground_end_nap_m: pipe.ground_end_m,
      ...pipeDepths(pipe),
      inspected_on: pipe.inspected_on,
      observations: pipe.observations?.length,
      ...(condition ?? {}),
      source: meta.source,
      source_id: pipe.id,
      source_format: meta.format,
    }),
  };
  out.add('sewers', feature, meta.format === 'suf-rib' ? 'RIOO' : 'Verbinding');
}

const round2 = (x: number) => Math.round(x * 100) / 100;
