import { fileURLToPath } from 'node:url';
import type { Position } from 'geojson';
import type { Asset, AssetProperties, LayerName, StreetAsset } from '../domain/assets/layers.ts';
import type { CoverageArea } from '../domain/coverage/coverage.ts';
import { generateLaneReservations } from '../domain/space/profiles.ts';
import { readProfileFile } from '../profiles-file.ts';
import { between, seeded } from './seeded.ts';

/**
 * A demo neighbourhood in Rotterdam Bospolder-Tussendijken (RD New, around x 89 500, y 436 000): a grid of four
 * east–west and four north–south streets, each split into segments at the crossings, with the street profile of
 * practice (RULES.md): sewer under the carriageway, water and gas under one footpath, cables under the other,
 * street trees beyond them. It holds the conflicts an engineer should find: a planned heat route 0.6 m from a
 * drinking-water main, protected trees along Hudsonstraat, telecom of unknown depth, an abandoned gas main, two
 * stations at corners. The municipality has laid its division of the underground on two streets (lanes of the
 * residential-16m profile on Grote Visserijstraat and Rösener Manzstraat) and keeps a strip for future trees along the
 * east side of Hudsonstraat, clear of the planned heat route on its west side.
 */
export interface DemoDistrict {
  layers: Record<LayerName, Asset[]>;
  works: DemoWork[];
  /** The district, for every layer it holds: the bounding box of the street grid with a margin (DISTRICT_MARGIN_M). */
  coverage: CoverageArea[];
}

/** Beyond the outermost street edge the district still holds its façades' cables and the trees of its corners. */
export const DISTRICT_MARGIN_M = 30;

/** A planned work as the planner takes it (issue 5): one party's job on one street. */
export interface DemoWork {
  id: string;
  type: 'sewer' | 'heat' | 'water' | 'gas' | 'cables' | 'connections' | 'trees' | 'paving';
  owner: string;
  description: string;
  street: string;
  geometry: { type: 'LineString'; coordinates: Position[] };
  preferred_start: string;
  earliest_start: string;
  latest_end: string;
  depth_m?: number;
}

interface Street {
  name: string;
  axis: 'ew' | 'ns';
  /** y of an east–west street, x of a north–south one. */
  at: number;
  main: boolean;
}

const EW_Y = [435_780, 435_900, 436_020, 436_140];
const NS_X = [89_300, 89_450, 89_600, 89_750];
const EW_SPAN: [number, number] = [89_240, 89_810];
const NS_SPAN: [number, number] = [435_730, 436_190];

const STREETS: Street[] = [
  { name: 'Schiedamseweg', axis: 'ew', at: EW_Y[0]!, main: true },
  { name: 'Taandwarsstraat', axis: 'ew', at: EW_Y[1]!, main: false },
  { name: 'Schippersstraat', axis: 'ew', at: EW_Y[2]!, main: false },
  { name: 'Mathenesserdijk', axis: 'ew', at: EW_Y[3]!, main: false },
  { name: 'Grote Visserijstraat', axis: 'ns', at: NS_X[0]!, main: false },
  { name: 'Hudsonstraat', axis: 'ns', at: NS_X[1]!, main: false },
  { name: 'Jan Kobellstraat', axis: 'ns', at: NS_X[2]!, main: false },
  { name: 'Rösener Manzstraat', axis: 'ns', at: NS_X[3]!, main: false },
];

const MUNICIPALITY = 'Gemeente Rotterdam';
/** The streets the municipality has laid profile lanes on, and the profile it used. */
const LANED_STREETS = ['Grote Visserijstraat', 'Rösener Manzstraat'];
const DEMO_PROFILE = fileURLToPath(new URL('../../data/profiles/residential-16m.json', import.meta.url));

/**
 * Generates the demo district. Same seed, same district, to the millimetre.
 *
 * @example const { layers } = demoDistrict(); layers.pipes.length // 16
 */
export function demoDistrict(seed = 20_261_122): DemoDistrict {
  const random = seeded(seed);
  const layers: Record<LayerName, Asset[]> = { cables: [], pipes: [], sewers: [], heat: [], trees: [], stations: [], streets: [], reservations: [] };
  const add = (layer: LayerName, id: string, coordinates: Position[] | Position, properties: Partial<AssetProperties>) => {
    const geometry = Array.isArray(coordinates[0])
      ? (coordinates as Position[]).length > 2 && samePoint((coordinates as Position[])[0]!, (coordinates as Position[]).at(-1)!)
        ? { type: 'Polygon' as const, coordinates: [coordinates as Position[]] }
        : { type: 'LineString' as const, coordinates: coordinates as Position[] }
      : { type: 'Point' as const, coordinates: coordinates as Position };
    layers[layer].push({ type: 'Feature', id, geometry, properties: { owner: MUNICIPALITY, status: 'existing', version: 1, ...properties } });
  };

  for (const street of STREETS) {
    const code = slug(street.name);
    const crossings = street.axis === 'ew' ? NS_X : EW_Y;
    const span = street.axis === 'ew' ? EW_SPAN : NS_SPAN;
    const stops = [span[0], ...crossings, span[1]];
    // Segments run between crossings; the short stubs at both ends join their neighbours.
    const bounds = [stops[0]!, ...stops.slice(2, -2), stops.at(-1)!];
    for (let i = 0; i < bounds.length - 1; i++) {
      add('streets', `${code}-${i + 1}`, line(street, bounds[i]!, bounds[i + 1]!, 0), {
        owner: MUNICIPALITY,
        name: street.name,
        segment_id: `${code}-${i + 1}`,
        households: Math.round(between(random, 30, 90, 0)),
        width_m: street.main ? 24 : 16,
        district: 'Bospolder-Tussendijken',
      });
      // Gravity sewer per segment, manhole to manhole, falling 1:300 towards the main road.
      const length = bounds[i + 1]! - bounds[i]!;
      const top = between(random, 2.2, 2.8);
      add('sewers', `sewer-${code}-${i + 1}`, line(street, bounds[i]!, bounds[i + 1]!, 0.4), {
        owner: MUNICIPALITY,
        system: 'gravity',
        diameter_mm: street.main ? 600 : 400,
        depth_m: top,
        invert_start_m: +(top + (street.main ? 0.6 : 0.4)).toFixed(2),
        invert_end_m: +(top + (street.main ? 0.6 : 0.4) + length / 300).toFixed(2),
        material: 'beton',
        year: 1950 + Math.round(random() * 40),
      });
    }
    const [from, to] = span;
    add('pipes', `water-${code}`, line(street, from, to, -4.0), { owner: 'Evides', medium: 'water', diameter_mm: street.main ? 160 : 110, depth_m: 1.0, material: 'PVC' });
    add('pipes', `gas-${code}`, line(street, from, to, -4.8), { owner: 'Stedin', medium: 'gas-lp', diameter_mm: 125, depth_m: between(random, 0.6, 0.8) });
    add('cables', `lv-${code}`, line(street, from, to, 4.2), { owner: 'Stedin', network: 'lv', diameter_mm: 50, depth_m: between(random, 0.55, 0.7) });
    // Telecom records in the demo carry no depth, as many real ones don't: the check must flag them.
    add('cables', `telecom-${code}`, line(street, from, to, 5.4), { owner: 'KPN', network: 'telecom', diameter_mm: 40 });
    if (street.main || street.name === 'Hudsonstraat') {
      add('cables', `mv-${code}`, line(street, from, to, 4.8), { owner: 'Stedin', network: 'mv', diameter_mm: 90, depth_m: 0.8 });
    }
    if (street.main) {
      add('heat', 'heat-main-schiedamseweg', line(street, from, to, 2.5), {
        owner: 'Eneco', diameter_mm: 250, pair_width_m: 0.9, depth_m: 1.0, temperature_c: 90,
      });
    }
    if (street.axis === 'ns') addTrees(street, code);
  }

  // A cast-iron gas main left in the ground when the street was relaid.
  add('pipes', 'gas-abandoned-jan-kobellstraat', line(STREETS[6]!, NS_SPAN[0], NS_SPAN[1], -3.0), {
    owner: 'Stedin', medium: 'gas-lp', status: 'abandoned', diameter_mm: 100, depth_m: 0.9, material: 'gietijzer',
  });
  // The planned heat route on Hudsonstraat: 0.6 m from the water main, the conflict the heat–water rule exists for.
  add('heat', 'heat-planned-hudsonstraat', line(STREETS[5]!, NS_SPAN[0] + 60, NS_SPAN[1] - 20, -3.05), {
    owner: 'Eneco', status: 'planned', diameter_mm: 150, pair_width_m: 0.6, depth_m: 1.0, temperature_c: 70,
  });
  add('stations', 'station-hudsonstraat', rectangle(89_459.5, 435_790.5, 3.0, 2.4), {
    owner: 'Stedin', type: 'electric-substation', clearance_m: 1.0, name: 'Compact station Hudsonstraat',
  });
  add('stations', 'station-jan-kobellstraat', rectangle(89_607.5, 436_028, 5.0, 4.0), {
    owner: 'Eneco', type: 'heat-distribution', clearance_m: 1.0, name: 'Onderstation Jan Kobellstraat',
  });
  const laned = layers.streets.filter((s) => LANED_STREETS.includes(String(s.properties.name))) as StreetAsset[];
  const lanes = generateLaneReservations(laned, [readProfileFile(DEMO_PROFILE)], { owner: MUNICIPALITY, around: layers.streets as StreetAsset[] });
  if (!lanes.ok) throw new Error(`the demo profile ${DEMO_PROFILE} was refused: ${JSON.stringify(lanes.errors)}`);
  layers.reservations.push(...lanes.reservations);
  // Space kept for a second row of street trees, 6–8 m east of Hudsonstraat's centreline: one strip per block, clear
  // of the junctions as the trees are (14 m), so a trench crossing Hudsonstraat at a corner keeps out of it.
  const hudson = STREETS[5]!;
  for (let k = 0; k + 1 < EW_Y.length; k++) {
    const [from, to] = [EW_Y[k]! + 14, EW_Y[k + 1]! - 14];
    add('reservations', `future-trees-hudsonstraat-${k + 1}`, [point(hudson, from, 6.0), point(hudson, from, 8.0), point(hudson, to, 8.0), point(hudson, to, 6.0), point(hudson, from, 6.0)], {
      owner: MUNICIPALITY, purpose: 'future-trees', valid_from: '2026-01-01', source: 'Bomenplan Bospolder-Tussendijken (demo)', name: 'Bomenstrook Hudsonstraat oost',
    });
  }

  function addTrees(street: Street, code: string) {
    let n = 0;
    for (const side of [-7.0, 7.0]) {
      for (let s = NS_SPAN[0] + 6; s < NS_SPAN[1]; s += 12) {
        if (EW_Y.some((y) => Math.abs(y - s) < 14)) continue;
        const stem = Math.round(between(random, 20, 80, 0));
        add('trees', `tree-${code}-${++n}`, point(street, s, side + between(random, -0.3, 0.3)), {
          owner: MUNICIPALITY,
          stem_diameter_cm: stem,
          crown_diameter_m: +(3 + stem / 10 + random() * 2).toFixed(1),
          protected: street.name === 'Hudsonstraat' && stem >= 60,
          species: stem > 60 ? 'Platanus x hispanica' : 'Tilia x europaea',
        });
      }
    }
  }

  return { layers, works: demoWorks(), coverage: districtCoverage(layers) };
}

function demoWorks(): DemoWork[] {
  const ns = (name: string, offset: number) => line(STREETS.find((s) => s.name === name)!, NS_SPAN[0] + 10, NS_SPAN[1] - 10, offset);
  const ew = (name: string, offset: number) => line(STREETS.find((s) => s.name === name)!, EW_SPAN[0] + 10, EW_SPAN[1] - 10, offset);
  const work = (w: Omit<DemoWork, 'geometry'>, coordinates: Position[]): DemoWork => ({ ...w, geometry: { type: 'LineString', coordinates } });
  return [
    work({ id: 'work-heat-hudsonstraat', type: 'heat', owner: 'Eneco', street: 'Hudsonstraat', description: 'warmtenet aanleggen', preferred_start: '2027-03-01', earliest_start: '2027-01-01', latest_end: '2027-12-31', depth_m: 1.0 }, ns('Hudsonstraat', -3.05)),
    work({ id: 'work-sewer-hudsonstraat', type: 'sewer', owner: MUNICIPALITY, street: 'Hudsonstraat', description: 'riolering vervangen', preferred_start: '2027-11-01', earliest_start: '2026-09-01', latest_end: '2028-12-31', depth_m: 2.5 }, ns('Hudsonstraat', 0.4)),
    work({ id: 'work-water-hudsonstraat', type: 'water', owner: 'Evides', street: 'Hudsonstraat', description: 'waterleiding vernieuwen', preferred_start: '2028-04-01', earliest_start: '2026-06-01', latest_end: '2029-06-30', depth_m: 1.0 }, ns('Hudsonstraat', -4.0)),
    work({ id: 'work-paving-hudsonstraat', type: 'paving', owner: MUNICIPALITY, street: 'Hudsonstraat', description: 'herbestraten', preferred_start: '2028-06-01', earliest_start: '2027-01-01', latest_end: '2029-12-31' }, ns('Hudsonstraat', 0)),
    work({ id: 'work-heat-jan-kobellstraat', type: 'heat', owner: 'Eneco', street: 'Jan Kobellstraat', description: 'warmtenet aanleggen', preferred_start: '2027-05-01', earliest_start: '2027-03-01', latest_end: '2028-03-31', depth_m: 1.0 }, ns('Jan Kobellstraat', -2.0)),
    work({ id: 'work-cables-jan-kobellstraat', type: 'cables', owner: 'Stedin', street: 'Jan Kobellstraat', description: 'laagspanningsnet verzwaren', preferred_start: '2026-10-01', earliest_start: '2026-09-01', latest_end: '2028-06-30', depth_m: 0.6 }, ns('Jan Kobellstraat', 4.2)),
    work({ id: 'work-sewer-schippersstraat', type: 'sewer', owner: MUNICIPALITY, street: 'Schippersstraat', description: 'riolering vervangen', preferred_start: '2027-02-01', earliest_start: '2027-01-01', latest_end: '2027-08-31', depth_m: 2.4 }, ew('Schippersstraat', 0.4)),
    work({ id: 'work-cables-schippersstraat', type: 'cables', owner: 'KPN', street: 'Schippersstraat', description: 'glasvezel aanleggen', preferred_start: '2028-03-01', earliest_start: '2028-01-01', latest_end: '2028-12-31', depth_m: 0.6 }, ew('Schippersstraat', 5.4)),
    work({ id: 'work-gas-taandwarsstraat', type: 'gas', owner: 'Stedin', street: 'Taandwarsstraat', description: 'gasleiding saneren', preferred_start: '2027-09-01', earliest_start: '2027-06-01', latest_end: '2028-06-30', depth_m: 0.7 }, ew('Taandwarsstraat', -4.8)),
    work({ id: 'work-trees-grote-visserijstraat', type: 'trees', owner: MUNICIPALITY, street: 'Grote Visserijstraat', description: 'bomen herplanten', preferred_start: '2027-11-15', earliest_start: '2027-11-01', latest_end: '2028-03-31' }, ns('Grote Visserijstraat', 7.0)),
  ];
}

function line(street: Street, from: number, to: number, offset: number): Position[] {
  return street.axis === 'ew' ? [[from, street.at + offset], [to, street.at + offset]] : [[street.at + offset, from], [street.at + offset, to]];
}

function point(street: Street, along: number, offset: number): Position {
  return street.axis === 'ew' ? [along, street.at + offset] : [street.at + offset, along];
}

function rectangle(x: number, y: number, w: number, h: number): Position[] {
  return [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-');
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The bbox of the street grid with the margin, recorded for each layer that holds assets. */
function districtCoverage(layers: Record<LayerName, Asset[]>): CoverageArea[] {
  const xs: number[] = [], ys: number[] = [];
  for (const street of layers.streets) {
    if (street.geometry.type !== 'LineString') continue;
    for (const [x, y] of street.geometry.coordinates) (xs.push(x!), ys.push(y!));
  }
  const [x0, y0, x1, y1] = [Math.min(...xs) - DISTRICT_MARGIN_M, Math.min(...ys) - DISTRICT_MARGIN_M, Math.max(...xs) + DISTRICT_MARGIN_M, Math.max(...ys) + DISTRICT_MARGIN_M];
  const geometry = { type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  return (Object.keys(layers) as LayerName[]).filter((l) => layers[l].length > 0).map((layer) => ({ source: 'demo', layer, owner: '', kind: 'district' as const, geometry }));
}
