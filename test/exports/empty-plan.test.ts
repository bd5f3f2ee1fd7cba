import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../server/domain/plan/plan.types.ts';
import { planToCsv } from '../../server/exports/plan-csv.ts';
import { planToGeoJson } from '../../server/exports/plan-geojson.ts';
import { planToIcs } from '../../server/exports/plan-ics.ts';
import { planToXlsx } from '../../server/exports/plan-xlsx.ts';
import { planToLetters } from '../../server/exports/resident-letters.ts';
import { loadWorkbook } from './read-back.ts';
import { SAMPLE_META } from './sample-plan.ts';

const EMPTY: Plan = {
  openings: [],
  metrics: { openings: 0, lowerBound: 0, baselineOpenings: 0, disruptionDays: 0, baselineDisruptionDays: 0, disruptionDaysSaved: 0, windowViolations: 0, totalShiftDays: 0 },
  couplingOpportunities: [],
  infeasible: [],
  unassigned: [],
};

describe('a plan with no openings', () => {
  it('still exports a file of each kind, with headers and no rows', async () => {
    const workbook = await loadWorkbook(await planToXlsx(EMPTY, SAMPLE_META));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Samenvatting', 'Openingen', 'Werken']);
    expect(workbook.getWorksheet('Openingen')!.rowCount).toBe(1);
    expect(planToCsv(EMPTY).split('\r\n')).toHaveLength(2);
    expect(new ICAL.Component(ICAL.parse(planToIcs(EMPTY, SAMPLE_META))).getAllSubcomponents('vevent')).toHaveLength(0);
    expect(planToGeoJson(EMPTY)).toEqual({ type: 'FeatureCollection', features: [] });
    expect(planToLetters(EMPTY)).toEqual([]);
  });
});
