import { describe, expect, it } from 'vitest';
import { msg } from '../../server/domain/message.ts';
import type { Plan } from '../../server/domain/plan/plan.types.ts';
import { CSV_COLUMNS, planToCsv } from '../../server/exports/plan-csv.ts';
import { planToGeoJson } from '../../server/exports/plan-geojson.ts';
import { planToIcs } from '../../server/exports/plan-ics.ts';
import { planToXlsx } from '../../server/exports/plan-xlsx.ts';
import { planToLetters } from '../../server/exports/resident-letters.ts';
import { loadWorkbook, readCsv } from './read-back.ts';
import { SAMPLE_META, samplePlan } from './sample-plan.ts';

const label = (type: string, owner: string) => msg('plan.work', { type: msg(`plan.work-type.${type}`), owner });

/** The sample plan as the planner stores it since issue 11: codes and parameters instead of English sentences. */
function codedPlan(): Plan {
  const plan = samplePlan();
  const sewer = plan.openings[0]!.works.find((w) => w.workId === 'w-01')!;
  delete sewer.explanation;
  sewer.message = msg('plan.shift.shared', {
    work: label('sewer', 'Gemeente Rotterdam'), street: 'Hudsonstraat (seg-hudsonstraat-1)',
    moved: msg('plan.shift.earlier', { span: msg('plan.span.months', { count: 8 }) }), others: [label('heat', 'Eneco')],
  });
  plan.infeasible = [{ workIds: ['w-19'], reason: 'window-too-short', message: msg('plan.infeasible.window-too-short', {
    work: label('cables', 'KPN'), street: 'Schiedamseweg', days: 1234, from: '2027-01-01', to: '2027-01-10', holds: 10,
  }) }];
  return plan;
}

describe('exports in Dutch and in English', () => {
  it('writes the workbook in Dutch by default and in English when asked, explanations rendered from codes', async () => {
    const nl = await loadWorkbook(await planToXlsx(codedPlan(), SAMPLE_META));
    const en = await loadWorkbook(await planToXlsx(codedPlan(), { ...SAMPLE_META, language: 'en' }));
    expect(nl.worksheets.slice(0, 3).map((s) => s.name)).toEqual(['Samenvatting', 'Openingen', 'Werken']);
    expect(en.worksheets.slice(0, 3).map((s) => s.name)).toEqual(['Summary', 'Openings', 'Works']);
    expect(en.getWorksheet('Works')!.getRow(1).getCell(13).value).toBe('Explanation');
    expect(nl.getWorksheet('Werken')!.getRow(2).getCell(13).value).toBe(
      'riolering (Gemeente Rotterdam) op Hudsonstraat (seg-hudsonstraat-1) is 8 maanden naar voren gehaald om de openbreking te delen met warmtenet (Eneco)');
    expect(en.getWorksheet('Works')!.getRow(2).getCell(13).value).toBe(
      'sewer replacement (Gemeente Rotterdam) on Hudsonstraat (seg-hudsonstraat-1) moved 8 months earlier to share the opening with the heat network (Eneco)');
    expect(en.getWorksheet('Openings')!.getRow(2).getCell(7).value).toBe(
      'sewer replacement (Gemeente Rotterdam) → heat network (Eneco) → house connections (Eneco) → repaving (Gemeente Rotterdam)');
    const rows = (sheet: string, book: typeof nl) => Array.from(book.getWorksheet(sheet)!.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(rows('Summary', en).find((r) => r[0] === 'w-19')).toEqual(['w-19', 'window too short', expect.stringContaining('needs 1,234 calendar days but its window 1 Jan 2027 – 10 Jan 2027 holds 10')]);
    expect(rows('Samenvatting', nl).find((r) => r[0] === 'w-19')).toEqual(['w-19', 'venster te kort', expect.stringContaining('heeft 1.234 kalenderdagen nodig')]);
    expect(rows('Hudsonstraat', en)[1]!.slice(0, 4)).toEqual(['Segment', 'Opening', 'Type', 'Owner']);
  });

  it('keeps the CSV column ids in English and the explanation in the language asked', () => {
    const en = readCsv(planToCsv(codedPlan(), { language: 'en' }));
    const nl = readCsv(planToCsv(codedPlan()));
    const explanation = CSV_COLUMNS.indexOf('explanation');
    const sewerOf = (rows: string[][]) => rows.find((r) => r[CSV_COLUMNS.indexOf('work_id')] === 'w-01')!;
    expect(en[0]![explanation]).toBe('explanation');
    expect(sewerOf(en)[explanation]).toMatch(/^sewer replacement \(Gemeente Rotterdam\) on .* moved 8 months earlier/);
    expect(nl[0]![explanation]).toBe('toelichting');
    expect(sewerOf(nl)[explanation]).toMatch(/^riolering \(Gemeente Rotterdam\) op .* is 8 maanden naar voren gehaald/);
  });

  it('writes calendar events and GeoJSON explanations in the language asked, and keeps the code beside the text', () => {
    const en = planToIcs(codedPlan(), { ...SAMPLE_META, language: 'en' }).replace(/\r\n /g, '');
    expect(en).toContain('SUMMARY:Street open: Hudsonstraat');
    expect(en).toContain('1. sewer replacement (Rioolvervanging Hudsonstraat)\\, Gemeente Rotterdam: 2 March to 10 April 2026');
    expect(planToIcs(codedPlan(), SAMPLE_META).replace(/\r\n /g, '')).toContain('SUMMARY:Straat open: Hudsonstraat');
    const work = planToGeoJson(codedPlan(), undefined, 'en').features[0]!.properties.works[0]!;
    expect(work.explanation).toMatch(/^sewer replacement .* moved 8 months earlier/);
    expect(work.message?.code).toBe('plan.shift.shared');
  });

  it('writes the resident letters in English when asked, with English dates and one story', () => {
    const { text } = planToLetters(codedPlan(), { municipality: 'Gemeente Rotterdam', language: 'en' }).find((l) => l.street === 'Hudsonstraat')!;
    expect(text).toMatch(/^Dear residents of Hudsonstraat,\n\nHudsonstraat will be open from 2 March to 12 June 2026\./);
    expect(text).toContain('so the street is opened once instead of 4 times');
    expect(text).toContain('First, Gemeente Rotterdam replaces the sewer (Rioolvervanging Hudsonstraat), from 2 March to 10 April 2026.');
    expect(text).toContain('Finally, Gemeente Rotterdam restores the paving, from 8 to 12 June 2026.');
    expect(text).toContain('Kind regards,\n\nGemeente Rotterdam\nalso on behalf of Eneco');
  });
});
