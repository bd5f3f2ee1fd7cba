import type { Position } from 'geojson';
import type { Asset, LayerName } from '../domain/assets/layers.ts';
import { between, seeded } from './seeded.ts';

/**
 * A seeded grid city for benchmarks: `n` east–west and `n` north–south streets 120 m apart (RD New, from x 100 000,
 * y 440 000), each split at the crossings into segments, with the demo district's street profile (sewer in the
 * middle, water and gas under one footpath, low voltage and telecom under the other, trees beyond them on the
 * north–south streets) and a station every few crossings. Same seed, same city.
 *
 * @example const { streets } = seededCity(23); streets.length // 1012 segments (2 · 23 · 22)
 */
export function seededCity(n: number, seed = 1_000): Record<LayerName, Asset[]> {
  const random = seeded(seed);
  const layers: Record<LayerName, Asset[]> = { cables: [], pipes: [], sewers: [], heat: [], trees: [], stations: [], streets: [], reservations: [] };
  const SPACING = 120;
  const span = SPACING * (n - 1);
  const add = (layer: LayerName, id: string, geometry: Asset['geometry'], properties: Record<string, unknown>) =>
    layers[layer].push({ type: 'Feature', id, geometry, properties: { owner: 'Gemeente', status: 'existing', version: 1, ...properties } });
  for (const axis of ['ew', 'ns'] as const) {
    for (let i = 0; i < n; i++) {
      const at = SPACING * i;
      const line = (from: number, to: number, offset: number): Position[] =>
        axis === 'ew' ? [[100_000 + from, 440_000 + at + offset], [100_000 + to, 440_000 + at + offset]] : [[100_000 + at + offset, 440_000 + from], [100_000 + at + offset, 440_000 + to]];
      const name = `${axis}-${i}`;
      const wide = i % 5 === 0;
      for (let k = 0; k + 1 < n; k++) {
        const id = `${name}-${k}`;
        add('streets', id, { type: 'LineString', coordinates: line(SPACING * k, SPACING * (k + 1), 0) }, { name: `Straat ${name}`, segment_id: id, width_m: wide ? 24 : 16 });
        add('sewers', `sewer-${id}`, { type: 'LineString', coordinates: line(SPACING * k, SPACING * (k + 1), 0.4) }, { system: 'gravity', diameter_mm: 400, depth_m: between(random, 2.2, 2.8) });
      }
      add('pipes', `water-${name}`, { type: 'LineString', coordinates: line(0, span, -4) }, { owner: 'Evides', medium: 'water', diameter_mm: 110, depth_m: 1 });
      add('pipes', `gas-${name}`, { type: 'LineString', coordinates: line(0, span, -4.8) }, { owner: 'Stedin', medium: 'gas-lp', diameter_mm: 125, depth_m: 0.7 });
      add('cables', `lv-${name}`, { type: 'LineString', coordinates: line(0, span, 4.2) }, { owner: 'Stedin', network: 'lv', diameter_mm: 50, depth_m: 0.6 });
      add('cables', `telecom-${name}`, { type: 'LineString', coordinates: line(0, span, 5.4) }, { owner: 'KPN', network: 'telecom', diameter_mm: 40 });
      if (axis === 'ns') {
        for (let s = 10; s < span; s += 15) {
          if (s % SPACING < 12 || s % SPACING > SPACING - 12) continue;
          for (const side of [-7, 7]) {
            const stem = Math.round(between(random, 20, 80, 0));
            const p = line(s, s, side + between(random, -0.3, 0.3))[0]!;
            add('trees', `tree-${name}-${s}-${side}`, { type: 'Point', coordinates: p }, { stem_diameter_cm: stem, crown_diameter_m: +(3 + stem / 10).toFixed(1), protected: stem >= 70 });
          }
        }
      } else if (i % 3 === 1) {
        for (let k = 1; k + 1 < n; k += 4) {
          const [x, y] = line(SPACING * k + 20, 0, 6)[0]!;
          add('stations', `station-${name}-${k}`, { type: 'Polygon', coordinates: [[[x!, y!], [x! + 3, y!], [x! + 3, y! + 2.4], [x!, y! + 2.4], [x!, y!]]] }, { type: 'electric-substation', clearance_m: 1 });
        }
      }
    }
  }
  return layers;
}
