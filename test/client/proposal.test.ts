import { describe, expect, it } from 'vitest';
import { translator } from '../../client/core/i18n.ts';
import { nextPoints, PROPOSAL_COLOURS, PROPOSE_DEFAULTS, type ProposedRoute, proposalRequest, proposalSummary, routeFeature } from '../../client/core/proposal.ts';
import { CABLE_COLOURS, HEAT_COLOUR, PIPE_COLOURS, SEWER_COLOURS } from '../../client/core/styles.ts';

const proposal: ProposedRoute = {
  geometry: { type: 'LineString', coordinates: [[89_300, 435_800], [89_300, 436_020], [89_805, 436_020]] },
  length_m: 725.04,
  crossings: [{ assetId: 'water-1', layer: 'pipes', angle_deg: 90, point: [89_300, 435_900] }, { assetId: 'lv-1', layer: 'cables', angle_deg: 63.4, point: [89_300, 436_000] }],
  treeZone_m: 120.46,
  clean: true,
  verdict: { code: 'proposal.verdict.clean', text: '' },
  report: { ruleSet: { id: 'nl-default', version: '2025.1' }, conflicts: [], summary: { total: 30, bySeverity: { blocking: 0, warning: 28, info: 2 }, byOwner: {}, treeZoneLength_m: 120.46, trenchLength_m: 725.04, assetsConsidered: 80 } },
};

describe('the propose flow in the client', () => {
  it('sets the start with the first click, the end with the second and starts over with the third', () => {
    const one = nextPoints([], [1, 2]);
    const two = nextPoints(one, [3, 4]);
    expect(one).toEqual([[1, 2]]);
    expect(two).toEqual([[1, 2], [3, 4]]);
    expect(nextPoints(two, [5, 6])).toEqual([[5, 6]]);
  });

  it('asks for a twin heat pipe at 1 m in RD New unless the form says otherwise', () => {
    expect(proposalRequest([89_300, 435_800, 4], [89_805, 436_140], PROPOSE_DEFAULTS)).toEqual({ from: [89_300, 435_800], to: [89_805, 436_140], kind: 'heat', width_m: 0.9, depth_m: 1, crs: 'EPSG:28992' });
  });

  it('sums a proposal up in the reader\'s language with numbers in its locale', () => {
    expect(proposalSummary(proposal, translator('nl'))).toBe('725,0 m · 2 kruisingen · 120,5 m in wortelzones · 0 blokkerend · 28 waarschuwingen');
    expect(proposalSummary(proposal, translator('en'))).toBe('725.0 m · 2 crossings · 120.5 m in root zones · 0 blocking · 28 warnings');
  });

  it('submits the chosen proposal with the kind, width and depth it was proposed for', () => {
    expect(routeFeature(proposal, { kind: 'heat', width_m: 1.2, depth_m: 1.45 })).toEqual({ type: 'Feature', geometry: proposal.geometry, properties: { kind: 'heat', width_m: 1.2, depth_m: 1.45 } });
  });

  it('draws proposals in three colours no layer uses', () => {
    const layerColours = new Set([...Object.values(CABLE_COLOURS), ...Object.values(PIPE_COLOURS), ...Object.values(SEWER_COLOURS), HEAT_COLOUR]);
    expect(new Set(PROPOSAL_COLOURS).size).toBe(3);
    for (const c of PROPOSAL_COLOURS) expect(layerColours.has(c)).toBe(false);
  });
});
