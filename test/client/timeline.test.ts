import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { barText, movedWorks, openAt, planRange, rowLabel, timeline, timelineSvg, workTypeName, wrapLabel } from '../../client/core/timeline.ts';
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

/** The text of every `<text>` element of an SVG string (its lines joined by a space), read by an XML parser that throws on a broken entity. */
function labelsOf(svg: string): string[] {
  const parser = new SaxesParser();
  const labels: string[] = [];
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'text') { depth = 1; labels.push(''); } else if (depth) { if (tag.name === 'tspan' && labels.at(-1)) labels[labels.length - 1] += ' '; depth++; }
  });
  parser.on('closetag', () => { if (depth) depth--; });
  parser.on('text', (text) => { if (depth) labels[labels.length - 1] += text; });
  parser.write(svg).close();
  return labels;
}

describe('the timeline drawing', () => {
  // Labels were cut at 40 characters and ran under the bars (issue 15); they now wrap in the label column, whole.
  it('renders a street named with entities, whole, and every row after it (regression: "Straat &&&…")', () => {
    const street = `Straat ${'&'.repeat(60)}`;
    const hostile: Plan = { ...plan, openings: [opening('a', 'a-1', street, '2027-03-01', '2027-04-01'), opening('b', 'b-1', 'Zuidstraat <b>"x"</b>', '2027-05-01', '2027-06-01')] };
    const model = timeline(hostile);
    const labels = labelsOf(timelineSvg(model, new Set(['a']))).filter((l) => l.includes('('));
    expect(labels.map((l) => l.replace(/ /g, ''))).toEqual([`Straat${'&'.repeat(60)}(a-1)`, 'Zuidstraat<b>"x"</b>(b-1)']);
  });

  it('wraps a label at whole characters, never inside a surrogate pair, and drops nothing', () => {
    const lines = wrapLabel(`${'🚧'.repeat(50)} (s)`, 20);
    expect(lines.map((l) => Array.from(l).length)).toEqual([20, 20, 14]);
    expect(lines.join('')).toBe(`${'🚧'.repeat(50)} (s)`);
    expect(wrapLabel('Hudsonstraat (hud-1)', 40)).toEqual(['Hudsonstraat (hud-1)']);
  });

  it('keeps the rows of one long street apart (regression: three "Grote Visserijstraat (grote-visserijstra")', () => {
    const labels = [1, 2, 3].map((n) => rowLabel({ street: 'Grote Visserijstraat', segmentId: `grote-visserijstraat-${n}` }));
    expect(labels).toEqual(['Grote Visserijstraat (grote-visserijstraat-1)', 'Grote Visserijstraat (grote-visserijstraat-2)', 'Grote Visserijstraat (grote-visserijstraat-3)']);
  });

  it('never lets a label run under the bars: a long label gets a taller row, each line inside the label column', () => {
    const long: Plan = { ...plan, openings: [opening('a', 'grote-visserijstraat-1', 'Grote Visserijstraat bij het Visserijplein', '2027-03-01', '2027-04-01'), opening('b', 'b-1', 'Kort', '2027-05-01', '2027-06-01')] };
    const model = timeline(long, { labelWidth_px: 150 });
    const [a, b] = model.rows;
    expect(a!.lines.length).toBeGreaterThan(1);
    for (const line of a!.lines) expect(Array.from(line).length * 6.2).toBeLessThanOrEqual(150);
    expect(a!.height).toBeGreaterThan(b!.height);
    expect(b!.y).toBe(a!.height);
    expect(timelineSvg(model, new Set())).toContain('<title>Grote Visserijstraat bij het Visserijplein (grote-visserijstraat-1)</title>');
  });

  it('draws one bar per opening, solid for the active ones', () => {
    const svg = timelineSvg(timeline(plan), new Set(['o1']));
    expect(svg.match(/<g class="opening"/g)).toHaveLength(3);
    expect(svg).toContain('data-opening="o1"><rect');
    expect(labelsOf(svg)).toContain('Hudsonstraat (hudsonstraat-1)');
  });

  it('says inside a bar what it holds when that fits, and the tooltip names the work types, not their codes', () => {
    expect(barText(['sewer', 'heat'], 200, 'nl')).toBe('riolering + warmtenet');
    expect(barText(['sewer', 'heat', 'water'], 80, 'nl')).toBe('riolering +2');
    expect(barText(['sewer'], 10, 'nl')).toBe('');
    expect(workTypeName('heat', 'en')).toBe('heat network');
    expect(workTypeName('unheard-of', 'nl')).toBe('unheard-of');
    const svg = timelineSvg(timeline(plan, { language: 'en', width_px: 1400 }), new Set());
    expect(svg).toContain('<text class="bar-label"');
    expect(svg).toMatch(/<title>Hudsonstraat: 1 Mar 2027 – 30 Jun 2027; sewer replacement 1 Mar 2027 – 30 Jun 2027<\/title>/);
    expect(svg).not.toMatch(/<title>[^<]*\bsewer 20/);
  });

  it('marks a segment with a coupling opportunity, saying what would have to give', () => {
    const svg = timelineSvg(timeline(plan), new Set(), new Map([['hudsonstraat-2', 'verruim het venster van w-o2']]));
    expect(svg.match(/class="coupling"/g)).toHaveLength(1);
    expect(svg).toContain('<title>verruim het venster van w-o2</title>');
  });
});

describe('the timeline scale', () => {
  it('ticks months for a plan of a year or less, in the reader\'s language, the year beside the first and January', () => {
    const short: Plan = { ...plan, openings: [opening('a', 'a-1', 'A', '2027-11-10', '2027-12-20'), opening('b', 'b-1', 'B', '2028-01-05', '2028-02-10')] };
    const model = timeline(short);
    expect(model.scale).toBe('month');
    expect([model.from, model.to]).toEqual(['2027-11-01', '2028-02-29']);
    expect(model.ticks.map((t) => t.label)).toEqual(['nov 2027', 'dec', 'jan 2028', 'feb', 'mrt']);
    expect(timeline(short, { language: 'en' }).ticks[0]!.label).toBe('Nov 2027');
  });

  it('adds quarter ticks between the years for a plan of up to three years', () => {
    const model = timeline(plan);
    expect(model.scale).toBe('quarter');
    expect(model.minorTicks.map((t) => t.label)).toEqual(['K2', 'K3', 'K4', 'K2', 'K3', 'K4']);
  });

  it('ticks years only for a long plan', () => {
    const long: Plan = { ...plan, openings: [opening('a', 'a-1', 'A', '2027-01-10', '2027-02-20'), opening('b', 'b-1', 'B', '2031-01-05', '2031-02-10')] };
    const m = timeline(long);
    expect(m.scale).toBe('year');
    expect(m.minorTicks).toEqual([]);
    expect(m.ticks.map((t) => t.label)).toEqual(['2027', '2028', '2029', '2030', '2031', '2032']);
  });
});
