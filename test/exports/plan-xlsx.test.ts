import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planToXlsx, sheetName } from '../../server/exports/plan-xlsx.ts';
import { GANTT_LEAD_COLUMNS, periodStarts } from '../../server/exports/plan-xlsx-gantt.ts';
import { loadWorkbook } from './read-back.ts';
import { SAMPLE_META, samplePlan, scheduledWorks } from './sample-plan.ts';

const readBack = async () => loadWorkbook(await planToXlsx(samplePlan(), SAMPLE_META));

const sheetOf = (workbook: ExcelJS.Workbook, name: string) => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets are ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  return sheet;
};

describe('the plan as XLSX', () => {
  const plan = samplePlan();

  it('has a summary, the openings, the works and one sheet per street', async () => {
    const workbook = await readBack();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Samenvatting', 'Openingen', 'Werken', 'Heemraadsplein', 'Hudsonstraat', 'Schiedamseweg']);
  });

  it('lists one row per opening and one per scheduled work, with real dates', async () => {
    const workbook = await readBack();
    const openings = sheetOf(workbook, 'Openingen');
    expect(openings.rowCount).toBe(plan.openings.length + 1);
    expect(openings.getRow(2).getCell(4).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(openings.getRow(2).getCell(7).value).toBe('riolering (Gemeente Rotterdam) → warmtenet (Eneco) → huisaansluitingen (Eneco) → bestrating (Gemeente Rotterdam)');
    const works = sheetOf(workbook, 'Werken');
    expect(works.rowCount).toBe(scheduledWorks(plan).length + 1);
    for (let r = 2; r <= works.rowCount; r++) {
      expect(works.getRow(r).getCell(9).value).toBeInstanceOf(Date);
      expect(works.getRow(r).getCell(10).value).toBeInstanceOf(Date);
    }
    expect(works.getRow(2).getCell(12).value).toBe(-245);
    expect(works.getRow(2).getCell(13).value).toContain('moved 8 months earlier');
  });

  it('reports openings against the lower bound and the baseline, and the disruption days saved', async () => {
    const summary = sheetOf(await readBack(), 'Samenvatting');
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Openingen')).toBe(6);
    expect(values.get('Ondergrens (segmenten met werk)')).toBe(5);
    expect(values.get('Zonder afstemming (elk werk een eigen opening)')).toBe(19);
    expect(values.get('Openingen bespaard')).toBe(13);
    expect(values.get('Hinderdagen bespaard')).toBe(229);
    expect(values.get('Berekend op')).toEqual(new Date('2026-11-25T22:25:11.123Z'));
    expect(values.get('Koppelkansen')).toBe('Segment');
  });

  it('draws each street as a timeline: weeks for a short street, months when it spans years', async () => {
    const workbook = await readBack();
    const hudson = sheetOf(workbook, 'Hudsonstraat');
    expect(hudson.rowCount).toBe(1 + 7);
    expect(hudson.getRow(1).getCell(GANTT_LEAD_COLUMNS + 1).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    const sewer = hudson.getRow(2);
    expect(sewer.getCell(3).value).toBe('riolering');
    const filled = (row: ExcelJS.Row) => {
      const weeks: number[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        if (col > GANTT_LEAD_COLUMNS && cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid') weeks.push(col - GANTT_LEAD_COLUMNS);
      });
      return weeks;
    };
    // 2 March – 10 April 2026: the six weeks starting on Mondays 2 March … 6 April.
    expect(filled(sewer)).toEqual([1, 2, 3, 4, 5, 6]);
    const schiedam = sheetOf(workbook, 'Schiedamseweg');
    expect(schiedam.getRow(1).getCell(GANTT_LEAD_COLUMNS + 1).value).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(schiedam.getRow(1).getCell(GANTT_LEAD_COLUMNS + 1).numFmt).toBe('mmm yyyy');
    const trees = schiedam.getRow(schiedam.rowCount);
    expect(trees.getCell(3).value).toBe('bomen');
    expect(filled(trees)).toEqual([47]);
  });

  it('covers a period with Mondays or first days of months', () => {
    expect(periodStarts('2026-03-04', '2026-03-16', 'week')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(periodStarts('2026-11-20', '2027-01-02', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });

  it('makes street names into sheet names Excel accepts, unique and at most 31 characters', () => {
    const taken = new Set(['samenvatting', 'openingen', 'werken']);
    expect(sheetName('Werken', taken)).toBe('Werken (2)');
    expect(sheetName('Laan van Nieuw Oost-Indië / Zuid [deel 2]', taken)).toHaveLength(31);
    expect(sheetName('Laan van Nieuw Oost-Indië / Zuid [deel 2]', taken)).toMatch(/ \(2\)$/);
    expect(sheetName('a:b*c?', taken)).toBe('a b c');
  });
});
