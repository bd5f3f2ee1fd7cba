import { describe, expect, it } from 'vitest';
import { CABLE_COLOURS, legend, periodColour, PIPE_COLOURS, styleFor } from '../../client/core/styles.ts';
import { LAYER_NAMES } from '../../client/core/types.ts';

/** WCAG relative luminance contrast against white, the colour behind the map when no basemap loads. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe('the style rules', () => {
  it('give each cable network and each pipe medium its own colour', () => {
    expect(new Set(Object.values(CABLE_COLOURS)).size).toBe(Object.keys(CABLE_COLOURS).length - 0);
    expect(styleFor('pipes', { medium: 'water' }).stroke).not.toBe(styleFor('pipes', { medium: 'gas-lp' }).stroke);
    expect(styleFor('cables', { network: 'telecom' }).stroke).toBe(CABLE_COLOURS.telecom);
    expect(styleFor('pipes', { medium: 'gas-hp' }).stroke).toBe(PIPE_COLOURS['gas-hp']);
  });

  it('keep the colour of a planned asset and dash it; an abandoned one is dotted and faded', () => {
    const existing = styleFor('heat', { status: 'existing' });
    const planned = styleFor('heat', { status: 'planned' });
    const abandoned = styleFor('pipes', { medium: 'gas-lp', status: 'abandoned' });
    expect(planned.stroke).toBe(existing.stroke);
    expect(existing.dash).toBeUndefined();
    expect(planned.dash).toEqual([10, 6]);
    expect(abandoned.opacity).toBeLessThan(1);
  });

  it('mark a protected tree differently from an ordinary one', () => {
    expect(styleFor('trees', { protected: true })).not.toEqual(styleFor('trees', { protected: false }));
  });

  it('fall back to a neutral colour for a value the legend does not know', () => {
    expect(styleFor('cables', { network: 'district-cooling' as never }).stroke).toBe(CABLE_COLOURS.other);
  });

  it('draw every asset colour with at least 3:1 contrast on white (WCAG non-text contrast)', () => {
    for (const colour of [...Object.values(CABLE_COLOURS), ...Object.values(PIPE_COLOURS), styleFor('heat', {}).stroke, styleFor('sewers', { system: 'gravity' }).stroke]) {
      expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('have legend entries for every layer, drawn with the map rule', () => {
    const entries = legend();
    for (const layer of LAYER_NAMES) expect(entries[layer].length, layer).toBeGreaterThan(0);
    expect(entries.pipes.find((e) => e.label === 'legend.water')?.style).toEqual(styleFor('pipes', { medium: 'water', status: 'existing' }));
  });

  it('colour openings by year from the first year of the plan', () => {
    expect(periodColour('2027-03-01', 2027)).not.toBe(periodColour('2028-03-01', 2027));
    expect(periodColour('2040-01-01', 2027)).toBe(periodColour('2045-01-01', 2027));
  });
});
