import { describe, expect, it } from 'vitest';
import { translator } from '../../client/core/i18n.ts';
import { segmentLines, spaceLegend, spaceStyle, type SpaceSegmentProperties } from '../../client/core/space.ts';

const hudson: SpaceSegmentProperties = {
  role: 'segment', segment_id: 'hudsonstraat-1', street: 'Hudsonstraat', verdict: 'does-not-fit', narrowest_m: 0, at_chainage_m: 30, crossings: 4,
  taken_by: [{ asset_id: 'tree-hudsonstraat-3', layer: 'trees', owner: 'Gemeente Rotterdam', reason: 'tree-zone', required_m: 7.55 }],
  explanation: '', message: { code: 'space.explain.does-not-fit' },
};

describe('the space scan in the client', () => {
  it('draws each verdict in its own colour, unknown dashed, and the chosen segment wider', () => {
    expect(spaceLegend().map((e) => [e.verdict, e.style.stroke, e.style.dash ?? null])).toEqual([
      ['fits', '#1a9641', null], ['tight', '#e69500', null], ['does-not-fit', '#c00000', null], ['unknown', '#7f7f7f', [6, 6]],
    ]);
    expect(spaceStyle('segment', 'fits', true).width).toBeGreaterThan(spaceStyle('segment', 'fits', false).width);
    expect(spaceStyle('corridor', 'fits', false).fill).toBe('#1a964133');
  });

  it('says where a segment is narrowest and what takes the space, in Dutch and in English numbers', () => {
    expect(segmentLines(hudson, translator('nl'), 'nl')).toEqual({
      title: 'Hudsonstraat (hudsonstraat-1): past niet',
      narrowest: 'smalste vrije breedte 0,00 m, bij 30,0 m',
      taken: ['tree-hudsonstraat-3 (Bomen, Gemeente Rotterdam; boomwortelzone 7,55 m)'],
    });
    expect(segmentLines(hudson, translator('en'), 'en').taken).toEqual(['tree-hudsonstraat-3 (Trees, Gemeente Rotterdam; root-protection zone 7.55 m)']);
  });
});
