import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { LABEL_CHARACTERS, movedWorks, openAt, planRange, rowLabel, timeline, timelineSvg } from '../../client/core/timeline.ts';
import type { Opening, Plan } from '../../client/core/types.ts';

const opening = (id: string, segmentId: string, street: string, start: string, end: string, shift = 0): Opening => ({
  id, segmentId, street, start, end, geometry: { type: 'Point', coordinates: [0, 0] },
  works: [{ workId: `w-${id}`, type: 'sewer', owner: 'Gemeente', start, end, shift_days: shift, ...(shift ? { explanation: `moved ${shift} days to share the opening` } : {}) }],
});

const plan: Plan = {
  openings: [
    opening('o2', 'hudsonstraat-2', 'Hudsonstraat', '2028-01-01', '2028-03-31', -240),
    opening('o1', 'hudsonstraat-1', 'Hudsonstraat', '2027-03-01', '2027-06-30', 30),
    opening('o3', 'hudsonstraat-1', 'Hudsonstraat', '2028-09-01', '2028-09-30'),
  ],
  metrics: { openings: 3, lowerBound: 2, baselineOpenings: 5, disruptionDays: 200, baselineDisruptionDays: 400, disruptionDaysSaved: 200, windowViolations: 0, totalShiftDays: 270 },
  couplingOpportunities: [],
  infeasible: [],
  unassigned: [],
};

describe('the plan timeline', () => {
  const model = timeline(plan, { width_px: 700, labelWidth_px: 100 });

  it('has one row per street segment with its openings in time order', () => {
    expect(model.rows.map((r) => r.segmentId)).toEqual(['hudsonstraat-1', 'hudsonstraat-2']);
    expect(model.rows[0]!.bars.map((b) => b.openingId)).toEqual(['o1', 'o3']);
  });

  it('spans whole years and places bars on a day scale', () => {
    expect(model.from).toBe('2027-01-01');
    expect(model.to).toBe('2028-12-31');
    const o1 = model.rows[0]!.bars[0]!;
    expect(o1.x).toBeCloseTo(100 + 59 * model.pxPerDay, 0);
    expect(o1.width).toBeCloseTo(122 * model.pxPerDay, 0);
    expect(model.ticks.map((t) => t.label)).toEqual(['2027', '2028', '2029']);
  });

  it('colours openings of different years differently', () => {
    expect(model.rows[0]!.bars[0]!.colour).not.toBe(model.rows[0]!.bars[1]!.colour);
  });

  it('lists what moved, largest shift first, with the explanation', () => {
    expect(movedWorks(plan).map((w) => [w.workId, w.shift_days])).toEqual([['w-o2', -240], ['w-o1', 30]]);
    expect(movedWorks(plan)[0]!.explanation).toContain('share the opening');
  });

  it('finds the openings open on a day, ends included', () => {
    expect(openAt(plan, '2027-06-30').map((o) => o.id)).toEqual(['o1']);
    expect(openAt(plan, '2027-07-01')).toEqual([]);
    expect(planRange(plan)).toEqual({ from: '2027-03-01', to: '2028-09-30', days: 579 });
  });

  it('is empty for a plan without openings', () => {
    expect(timeline({ ...plan, openings: [] }).rows).toEqual([]);
    expect(planRange({ ...plan, openings: [] })).toBeNull();
  });
});

/** The text of every `<text>` element of an SVG string, read by an XML parser that throws on a broken entity. */
function labelsOf(svg: string): string[] {
  const parser = new SaxesParser();
  const labels: string[] = [];
  let inText = false;
  parser.on('opentag', (tag) => { inText = tag.name === 'text'; if (inText) labels.push(''); });
  parser.on('closetag', () => { inText = false; });
  parser.on('text', (text) => { if (inText) labels[labels.length - 1] += text; });
  parser.write(svg).close();
  return labels;
}

describe('the timeline drawing', () => {
  it('renders a street named with entities past the cut, and every row after it (regression: "Straat &&&…")', () => {
    const street = `Straat ${'&'.repeat(60)}`;
    const hostile: Plan = { ...plan, openings: [opening('a', 'a-1', street, '2027-03-01', '2027-04-01'), opening('b', 'b-1', 'Zuidstraat <b>"x"</b>', '2027-05-01', '2027-06-01')] };
    const model = timeline(hostile);
    const labels = labelsOf(timelineSvg(model, new Set(['a']))).slice(model.ticks.length);
    expect(labels).toEqual([`Straat ${'&'.repeat(LABEL_CHARACTERS - 14)}… (a-1)`, 'Zuidstraat <b>"x"</b> (b-1)']);
  });

  it('cuts a label at whole characters, never inside a surrogate pair', () => {
    const label = rowLabel({ street: '🚧'.repeat(50), segmentId: 's' });
    expect(Array.from(label)).toHaveLength(LABEL_CHARACTERS);
    expect(label).toBe(`${'🚧'.repeat(LABEL_CHARACTERS - 5)}… (s)`);
    const id = rowLabel({ street: 'Straat', segmentId: '🚧'.repeat(50) });
    expect(id).toBe(`Straat (${'🚧'.repeat(LABEL_CHARACTERS - 9)}…`);
  });

  it('cuts a long street name, not the segment id, so the rows of one street stay apart (regression: three "Grote Visserijstraat (grote-visserijstra")', () => {
    const labels = [1, 2, 3].map((n) => rowLabel({ street: 'Grote Visserijstraat', segmentId: `grote-visserijstraat-${n}` }));
    expect(labels).toEqual(['Grote Visserij… (grote-visserijstraat-1)', 'Grote Visserij… (grote-visserijstraat-2)', 'Grote Visserij… (grote-visserijstraat-3)']);
    for (const l of labels) expect(Array.from(l).length).toBeLessThanOrEqual(LABEL_CHARACTERS);
  });

  it('draws one bar per opening, solid for the active ones', () => {
    const svg = timelineSvg(timeline(plan), new Set(['o1']));
    expect(svg.match(/<g class="opening"/g)).toHaveLength(3);
    expect(svg).toContain('data-opening="o1"><rect');
    expect(labelsOf(svg)).toContain('Hudsonstraat (hudsonstraat-1)');
  });
});
