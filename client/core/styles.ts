import type { TextKey } from './i18n.ts';
import type { AssetProperties, LayerName, Severity } from './types.ts';

/**
 * How each asset looks, as plain data the map turns into OpenLayers styles. Colours follow the habit of KLIC
 * viewers where it is clear (water blue, gas yellow/orange, telecom green, sewer brown, electricity red/purple),
 * darkened where needed for contrast on the light grey basemap. Status changes the line pattern, not the colour,
 * so a planned heat pipe is still recognisably heat.
 */
export interface SymbolStyle {
  kind: 'line' | 'point' | 'polygon';
  /** CSS colour of the line or outline. */
  stroke: string;
  /** Line width in pixels. */
  width: number;
  fill?: string;
  /** Pixel radius of a point symbol. */
  radius?: number;
  /** Canvas dash pattern in pixels; absent for a solid line. */
  dash?: number[];
  /** A polygon filled with diagonal hatching in this colour (drawn over `fill`). */
  hatch?: string;
  opacity: number;
  /** Drawing order: streets under sewers under pipes … under stations. */
  zIndex: number;
}

export interface LegendEntry {
  label: TextKey;
  style: SymbolStyle;
}

const Z: Record<LayerName, number> = { streets: 0, reservations: 0.5, sewers: 1, pipes: 2, heat: 3, cables: 4, trees: 5, stations: 6 };

export const CABLE_COLOURS: Record<string, string> = {
  hv: '#7a0019', mv: '#b3126f', lv: '#7b3fb5', telecom: '#1a7f4b', lighting: '#8a6d00', other: '#555555',
};
export const PIPE_COLOURS: Record<string, string> = { water: '#1558c0', 'gas-lp': '#b08800', 'gas-hp': '#d35400', other: '#555555' };
export const SEWER_COLOURS: Record<string, string> = { gravity: '#6d3b0f', pressure: '#9c5a1c' };
export const HEAT_COLOUR = '#d7191c';
export const TREE_COLOUR = '#2e7d32';
export const STATION_COLOURS: Record<string, string> = { 'heat-distribution': '#d7191c', 'electric-substation': '#7b3fb5' };
export const STREET_COLOUR = '#9e9e9e';
/** Reservations by purpose: green for trees and climate, grey-blue for a lane, violet for space kept free. */
export const RESERVATION_COLOURS: Record<string, string> = { 'future-trees': '#2e7d32', 'climate-adaptation': '#00838f', lane: '#546e7a', 'keep-free': '#6a1b9a' };

export const SEVERITY_COLOURS: Record<Severity, string> = { blocking: '#c00000', warning: '#b36b00', info: '#0061a8' };

/**
 * The style of one asset from its layer and properties.
 *
 * @example styleFor('pipes', { medium: 'water', status: 'existing' }).stroke // '#1558c0'
 */
export function styleFor(layer: LayerName, properties: Partial<AssetProperties>): SymbolStyle {
  const base = baseStyle(layer, properties);
  const status = properties.status;
  if (status === 'planned') return { ...base, dash: [10, 6] };
  if (status === 'abandoned') return { ...base, dash: [2, 5], opacity: 0.55 };
  return base;
}

function baseStyle(layer: LayerName, p: Partial<AssetProperties>): SymbolStyle {
  const z = Z[layer];
  switch (layer) {
    case 'cables':
      return line(CABLE_COLOURS[String(p.network)] ?? CABLE_COLOURS.other!, p.network === 'mv' || p.network === 'hv' ? 3 : 2, z);
    case 'pipes':
      return line(PIPE_COLOURS[String(p.medium)] ?? PIPE_COLOURS.other!, widthFromDiameter(p.diameter_mm), z);
    case 'sewers':
      return line(SEWER_COLOURS[String(p.system)] ?? SEWER_COLOURS.gravity!, Math.max(3, widthFromDiameter(p.diameter_mm)), z);
    case 'heat':
      return line(HEAT_COLOUR, Math.max(3, widthFromDiameter(p.diameter_mm)), z);
    case 'trees': {
      const radius = Math.min(10, Math.max(3, (p.crown_diameter_m ?? 4) / 1.5));
      return { kind: 'point', stroke: p.protected ? '#0b3d0e' : '#ffffff', width: p.protected ? 2.5 : 1, fill: p.protected ? '#1b5e20cc' : '#43a047aa', radius, opacity: 1, zIndex: z };
    }
    case 'stations': {
      const colour = STATION_COLOURS[String(p.type)] ?? '#555555';
      return { kind: 'polygon', stroke: colour, width: 2, fill: `${colour}55`, radius: 7, opacity: 1, zIndex: z };
    }
    case 'streets':
      // A wide pale band: the street corridor everything else lies in.
      return { ...line(STREET_COLOUR, 12, z), opacity: 0.45 };
    case 'reservations': {
      // A dashed outline over a faint fill: space kept, not something in the ground.
      const colour = RESERVATION_COLOURS[String(p.purpose)] ?? RESERVATION_COLOURS.lane!;
      return { kind: 'polygon', stroke: colour, width: 2, dash: [6, 4], fill: `${colour}26`, radius: 5, opacity: 1, zIndex: z };
    }
  }
}

function line(stroke: string, width: number, zIndex: number): SymbolStyle {
  return { kind: 'line', stroke, width, opacity: 1, zIndex };
}

/** Thicker lines for thicker pipes, within what stays readable at street scale. */
function widthFromDiameter(diameter_mm: number | undefined): number {
  if (!diameter_mm) return 2;
  return Math.min(6, Math.max(2, Math.round(diameter_mm / 80)));
}

/**
 * Legend entries per layer, in the same style the map draws.
 *
 * @example legend().cables.map((e) => e.label) // ['legend.hv', 'legend.mv', …]
 */
export function legend(): Record<LayerName, LegendEntry[]> {
  const entries = (layer: LayerName, key: string, values: [string, TextKey][]) =>
    values.map(([value, label]) => ({ label, style: styleFor(layer, { [key]: value, status: 'existing' }) }));
  return {
    streets: [{ label: 'legend.street', style: styleFor('streets', {}) }],
    sewers: entries('sewers', 'system', [['gravity', 'legend.gravity'], ['pressure', 'legend.pressure']]),
    pipes: entries('pipes', 'medium', [['water', 'legend.water'], ['gas-lp', 'legend.gas-lp'], ['gas-hp', 'legend.gas-hp'], ['other', 'legend.other']]),
    heat: [
      { label: 'legend.heat', style: styleFor('heat', { status: 'existing' }) },
      { label: 'legend.planned', style: styleFor('heat', { status: 'planned' }) },
    ],
    cables: [
      ...entries('cables', 'network', [['hv', 'legend.hv'], ['mv', 'legend.mv'], ['lv', 'legend.lv'], ['telecom', 'legend.telecom'], ['lighting', 'legend.lighting']]),
      { label: 'legend.abandoned', style: styleFor('cables', { network: 'other', status: 'abandoned' }) },
    ],
    trees: [
      { label: 'legend.tree', style: styleFor('trees', { protected: false }) },
      { label: 'legend.tree-protected', style: styleFor('trees', { protected: true }) },
    ],
    reservations: entries('reservations', 'purpose', [['future-trees', 'legend.future-trees'], ['climate-adaptation', 'legend.climate-adaptation'], ['lane', 'legend.lane'], ['keep-free', 'legend.keep-free']]),
    stations: entries('stations', 'type', [['electric-substation', 'legend.electric-substation'], ['heat-distribution', 'legend.heat-distribution']]),
  };
}

/** Highlight of a conflict on the map: its severity colour, wide enough to read over the asset. */
export function conflictStyle(severity: Severity): SymbolStyle {
  return { kind: 'line', stroke: SEVERITY_COLOURS[severity], width: 7, fill: `${SEVERITY_COLOURS[severity]}55`, radius: 9, opacity: 0.85, zIndex: 20 };
}

export const TRENCH_STYLE: SymbolStyle = { kind: 'line', stroke: '#111111', width: 4, dash: [12, 6], opacity: 1, zIndex: 30 };

/** Where an import knows the ground: an outline only, so the assets inside stay readable. */
export const COVERAGE_STYLE: SymbolStyle = { kind: 'polygon', stroke: '#2b6cb0', width: 2, dash: [10, 5], opacity: 0.9, zIndex: 12 };
/** A KLIC precaution zone: hatched in a warning colour, as an operator's demand must be seen before anyone digs. */
export const PRECAUTION_STYLE: SymbolStyle = { kind: 'polygon', stroke: '#e65100', width: 2, fill: '#e6510022', hatch: '#e65100', opacity: 1, zIndex: 13 };

/**
 * Colour of an opening by the period it starts in, one colour per year on a sequential scale from `firstYear`,
 * so early and late openings are told apart at a glance.
 *
 * @example periodColour('2027-03-01', 2027) // '#08519c'
 */
export function periodColour(start: string, firstYear: number): string {
  const palette = ['#08519c', '#3182bd', '#31a354', '#e6a100', '#d94801', '#a50f15'];
  const year = Number(start.slice(0, 4));
  const index = Math.min(palette.length - 1, Math.max(0, year - firstYear));
  return palette[index]!;
}
