import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { flexibilitySeries } from '../../server/domain/plan/flexibility-series.ts';
import { planWithFlexibility } from '../../server/domain/plan/flexibility.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import type { Plan } from '../../server/domain/plan/plan.types.ts';
import { planToXlsx } from '../../server/exports/plan-xlsx.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, work } from '../plan/programme.ts';
import { loadWorkbook } from './read-back.ts';
import { SAMPLE_META, samplePlan } from './sample-plan.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

/** Two works on one segment two months apart (three months of flexibility couples them), with the series. */
function flexiblePlan(): Plan {
  const segments = row(1, 'Teststraat', { households: 40 });
  const works = [
    work('sewer', 0, { type: 'sewer', owner: 'Gemeente Rotterdam', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-01' }),
    work('heat', 0, { type: 'heat', owner: 'Stedin', duration_days: 10, earliest_start: '2027-05-01', latest_end: '2027-07-01' }),
  ];
  return { ...planProgramme(works, segments, OPTIONS, RULES), flexibility: flexibilitySeries(works, segments, OPTIONS, RULES, { months: [0, 3, 6] }) };
}

const cells = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
};
const summaryValues = (sheet: ExcelJS.Worksheet) => new Map(cells(sheet).map((r) => [String(r[0]), r[1]]));

describe('the plan as XLSX with flexibility', () => {
  it('adds a sheet with the series and the ranked opportunities, read back in Dutch', async () => {
    const plan = flexiblePlan();
    const workbook = await loadWorkbook(await planToXlsx(plan, SAMPLE_META));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Samenvatting', 'Openingen', 'Werken', 'Flexibiliteit', 'Teststraat']);
    const rows = cells(workbook.getWorksheet('Flexibiliteit')!);
    expect(rows[0]).toEqual(['Speling (± maanden)', 'Openingen', 'Hinderdagen (open dagen × huishoudens of lengte/100 m)', 'Huishoudendagen', 'Werken buiten hun venster', 'Grootste verschuiving (maanden)', 'Totale verschuiving (maanden)', 'Partijen die moeten instemmen']);
    // The headers are longer than their number columns: they wrap rather than being cut off.
    expect(workbook.getWorksheet('Flexibiliteit')!.getRow(1).getCell(3).alignment).toMatchObject({ wrapText: true });
    const [zero, three, six] = plan.flexibility!.series;
    expect(rows.slice(1, 4)).toEqual([
      [0, 2, zero!.disruptionDays, zero!.householdDays, 0, 0, 0, ''],
      [3, 1, three!.disruptionDays, three!.householdDays, 1, three!.largestMonthsMoved, three!.totalMonthsMoved, 'Stedin'],
      [6, 1, six!.disruptionDays, six!.householdDays, 1, six!.largestMonthsMoved, six!.totalMonthsMoved, 'Stedin'],
    ]);
    expect(three!.householdDays).toBeLessThan(zero!.householdDays);
    const ranked = rows.findIndex((r) => r[0] === 'Koppelkansen, beste eerst');
    expect(ranked).toBeGreaterThan(3);
    expect(rows[ranked + 2]!.slice(0, 8)).toEqual([1, 3, 'Teststraat', 'teststraat-1', 1, zero!.householdDays - three!.householdDays, three!.totalMonthsMoved, 'Stedin']);
    expect(String(rows[ranked + 2]![8])).toMatch(/^Teststraat \(teststraat-1\): 1 in plaats van 2 openingen bij ± 3 maanden speling/);
  });

  it('counts in the summary the works a plan with flexibility moved out of their owner\'s window, which its own violations count leaves at 0', async () => {
    const segments = row(1, 'Teststraat', { households: 40 });
    const works = [
      work('sewer', 0, { type: 'sewer', owner: 'Gemeente Rotterdam', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-03-01' }),
      work('heat', 0, { type: 'heat', owner: 'Stedin', duration_days: 10, earliest_start: '2027-05-01', latest_end: '2027-07-01' }),
    ];
    const flexible = planWithFlexibility(works, segments, OPTIONS, RULES, { months: 3 });
    const values = summaryValues((await loadWorkbook(await planToXlsx(flexible, SAMPLE_META))).getWorksheet('Samenvatting')!);
    expect(values.get('Werken buiten hun venster')).toBe(0);
    expect(values.get('Werken met speling buiten hun opgegeven venster')).toBe(1);
    const today = summaryValues((await loadWorkbook(await planToXlsx(planProgramme(works, segments, OPTIONS, RULES), SAMPLE_META))).getWorksheet('Samenvatting')!);
    expect(today.has('Werken met speling buiten hun opgegeven venster')).toBe(false);
  });

  it('names the sheet and its headers in English on request', async () => {
    const workbook = await loadWorkbook(await planToXlsx(flexiblePlan(), { ...SAMPLE_META, language: 'en' }));
    const sheet = workbook.getWorksheet('Flexibility')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Household-days');
  });

  it('shows the proven lower bound and the gap in the summary when the plan has them, and nothing of them in an older plan', async () => {
    const sample = samplePlan();
    const proven = { ...sample, metrics: { ...sample.metrics, lowerBound: 6, segmentsWithWork: 5, gap_pct: 0 } } as Plan;
    const values = summaryValues((await loadWorkbook(await planToXlsx(proven, SAMPLE_META))).getWorksheet('Samenvatting')!);
    expect(values.get('Bewezen ondergrens (openingen)')).toBe(6);
    expect(values.get('Boven de ondergrens (%)')).toBe(0);
    expect(values.get('Segmenten met werk')).toBe(5);
    expect(values.has('Ondergrens (segmenten met werk)')).toBe(false);
    const older = summaryValues((await loadWorkbook(await planToXlsx(sample, SAMPLE_META))).getWorksheet('Samenvatting')!);
    expect(older.get('Ondergrens (segmenten met werk)')).toBe(5);
    expect(older.has('Boven de ondergrens (%)')).toBe(false);
    expect(older.has('Huishoudendagen')).toBe(false);
  });
});
