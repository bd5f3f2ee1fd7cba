import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoDistrict } from '../../server/demo/district.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import type { Plan, Work } from '../../server/domain/plan/plan.types.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { formatRangeNl } from '../../server/exports/plan-format.ts';
import { lettersToText, planToLetters } from '../../server/exports/resident-letters.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, work } from '../plan/programme.ts';
import { samplePlan } from './sample-plan.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');

/** The demo district's programme planned as the server plans it after loading the demo (server/demo/load.ts). */
function demoPlan(): Plan {
  const { layers, works } = demoDistrict();
  const programme = works.map(({ id, description, street, geometry, ...properties }): Work => ({ type: 'Feature', id, geometry, properties: { ...properties, name: description, street } }));
  return planProgramme(programme, segmentsFromStreets(layers.streets), OPTIONS, RULES);
}

/** The text between a letter's round heading and the next blank line. */
const section = (text: string, heading: string) => text.split(`${heading}\n`)[1]!.split('\n\n')[0]!;

describe('resident letters', () => {
  const demo = demoPlan();
  const letters = planToLetters(demo, { moratoriumYears: OPTIONS.moratoriumYears });
  const of = (street: string) => letters.find((l) => l.street === street)!;

  it('write exactly one letter per street with openings in the demo district, covering every opening of it', () => {
    const streets = [...new Set(demo.openings.map((o) => o.street))].sort((a, b) => a.localeCompare(b, 'nl'));
    expect(letters.map((l) => l.street)).toEqual(streets);
    expect(letters.flatMap((l) => l.openingIds).sort()).toEqual(demo.openings.map((o) => o.id).sort());
    for (const l of letters) expect(l.text.match(/Beste bewoners van /g)).toHaveLength(1);
    // Written out to read as a resident would (test/artifacts is not committed).
    mkdirSync('test/artifacts', { recursive: true });
    writeFileSync('test/artifacts/letters-nl.txt', lettersToText(letters));
    writeFileSync('test/artifacts/letters-en.txt', lettersToText(planToLetters(demo, { moratoriumYears: 3, language: 'en' })));
  });

  it("lists every opening of Grote Visserijstraat in time order, each part named by the streets it meets, with its dates", () => {
    const { text, openingIds } = of('Grote Visserijstraat');
    const openings = demo.openings.filter((o) => o.street === 'Grote Visserijstraat');
    expect(openingIds).toEqual([...openings].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id)).map((o) => o.id));
    expect(openingIds).toHaveLength(3);
    expect(text).toMatch(/^Beste bewoners van de Grote Visserijstraat,\n\nVan 15 november tot en met 1 december 2027 gaat de Grote Visserijstraat open\./);
    expect(section(text, 'Wanneer is welk deel van de straat open?').split('\n')).toEqual([
      '- Het deel van de Taandwarsstraat tot het eind van de straat: van 15 november tot en met 1 december 2027.',
      '- Het deel tussen de Taandwarsstraat en de Schippersstraat: van 15 tot en met 27 november 2027.',
      '- Het deel van de Schippersstraat tot het eind van de straat: van 15 november tot en met 1 december 2027.',
    ]);
    expect(section(text, 'Wat gaat er gebeuren?')).toBe('Gemeente Rotterdam plant nieuwe bomen (bomen herplanten), van 15 tot en met 19 november 2027. Na afloop wordt de straat weer dichtgemaakt; dat is uiterlijk 1 december 2027 klaar.');
  });

  it('tells the works in digging order with their party and dates, once for a street whose parts get the same works', () => {
    const { text } = of('Hudsonstraat');
    const story = section(text, 'Wat gaat er gebeuren?');
    const order = ['vervangt Gemeente Rotterdam de riolering', 'legt Eneco het warmtenet aan', 'vernieuwt Evides de waterleiding', 'herstelt Gemeente Rotterdam de bestrating'];
    expect(order.map((phrase) => story.indexOf(phrase))).toEqual(order.map((phrase) => story.indexOf(phrase)).sort((a, b) => a - b));
    expect(story).toMatch(/^In elk deel van de straat gaat het in deze volgorde\. Eerst vervangt Gemeente Rotterdam de riolering \(riolering vervangen\), van 1 november tot en met 4 december 2027\./);
    expect(text).toContain('Gemeente Rotterdam, Eneco en Evides hebben hun werk op elkaar afgestemd, zodat de straat één keer open gaat in plaats van 4 keer.');
    expect(text).toContain('Met vriendelijke groet,\n\nGemeente Rotterdam\nook namens Eneco en Evides\n');
  });

  it('says what residents will notice: access, parking, waste, working hours and the noisy works', () => {
    const notice = section(of('Hudsonstraat').text, 'Wat merkt u ervan?');
    expect(notice).toContain('het trottoir blijft open');
    expect(notice).toContain('parkeerplaatsen');
    expect(notice).toContain('Het afval wordt opgehaald zoals altijd.');
    expect(notice).toContain('op werkdagen van 7.00 tot 19.00 uur');
    expect(notice).toContain('Vooral bij het vervangen van de riolering en het bestraten kunt u geluid en trillingen merken.');
    expect(section(of('Grote Visserijstraat').text, 'Wat merkt u ervan?')).toContain('Waar de bomen geplant worden, kunt u een paar dagen niet parkeren.');
  });

  it('tells a street that opens again a year later in the same letter, not a second one', () => {
    const { text, openingIds } = of('Schippersstraat');
    expect(openingIds).toHaveLength(6);
    expect(text).toContain('Van 1 tot en met 24 maart 2028 gaat de Schippersstraat opnieuw open.');
    // Thirteen months after the sewer, within the moratorium: residents are told why it could not be done at once.
    expect(text).toContain('Van 1 tot en met 24 maart 2028 gaat de Schippersstraat opnieuw open.\n\nHet werk van KPN aan de kabels kan pas vanaf 1 januari 2028 beginnen en kon daarom niet mee met de eerdere werkzaamheden.');
    expect(text.indexOf('vervangt de riolering')).toBeLessThan(text.indexOf('KPN legt nieuwe kabels (glasvezel aanleggen), van 1 tot en met 9 maart 2028.'));
  });

  it('when a street opens again within the moratorium after a repaving, says so and names the window that forced it', () => {
    const plan = planProgramme([
      work('paving', 0, { type: 'paving', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('cables', 1, { type: 'cables', owner: 'KPN', duration_days: 5, earliest_start: '2028-01-01', latest_end: '2028-12-31' }),
    ], row(2), OPTIONS, RULES);
    const [letter, ...others] = planToLetters(plan, { moratoriumYears: 3 });
    expect(others).toEqual([]);
    expect(letter!.text).toContain('Van 1 tot en met 14 januari 2028 gaat de Teststraat opnieuw open, terwijl deel 1 (100 m) pas op 7 januari 2027 opnieuw is bestraat. Normaal blijft een straat na het bestraten 3 jaar dicht.');
    expect(letter!.text).toContain('Het werk van KPN aan de kabels kan pas vanaf 1 januari 2028 beginnen en kon daarom niet mee met de eerdere werkzaamheden.');
    // Without the moratorium the letter has nothing to excuse.
    expect(planToLetters(plan)[0]!.text).not.toContain('bestraat. Normaal');
  });

  it('when a work had to go past its window behind a repaving, says why, in Dutch and in English', () => {
    const plan = planProgramme([
      work('paving', 0, { type: 'paving', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-03-31' }),
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-06-01', latest_end: '2028-12-31' }),
    ], row(1), OPTIONS, RULES);
    expect(plan.infeasible).toMatchObject([{ reason: 'depth-order' }]);
    expect(planToLetters(plan, { moratoriumYears: 3 })[0]!.text).toContain(
      'Het werk aan de riolering had uiterlijk 18 december 2028 moeten beginnen, maar de straat is op 7 januari 2027 opnieuw bestraat en mag daarna 3 jaar niet open. Daarom begint het pas op 7 januari 2030.');
    expect(planToLetters(plan, { language: 'en' })[0]!.text).toContain(
      'The work on the sewer should have started by 18 December 2028, but the street was repaved on 7 January 2027 and may not be opened for 3 years after that. That is why it starts only on 7 January 2030.');
  });

  it('when the street was repaved before the plan and a work waits out the moratorium, says why it starts later', () => {
    const plan = planProgramme([work('gas', 0, { type: 'gas', owner: 'Stedin', duration_days: 5, earliest_start: '2026-07-01', latest_end: '2027-12-31' })], row(1, 'Teststraat', { paved_on: '2025-06-01' }), OPTIONS, RULES);
    expect(planToLetters(plan)[0]!.text).toContain('Van 1 tot en met 14 juni 2028 gaat de Teststraat open.\n\nDe Teststraat is op 1 juni 2025 opnieuw bestraat en mag daarna 3 jaar niet open. Daarom begint het werk aan de gasleiding niet eerder dan 1 juni 2028.');
  });

  it('writes English on request, with English dates and the same story', () => {
    const { text } = planToLetters(demo, { language: 'en', municipality: 'Gemeente Rotterdam', contact: '14 010' }).find((l) => l.street === 'Hudsonstraat')!;
    expect(text).toMatch(/^Dear residents of Hudsonstraat,\n\nHudsonstraat will be open from 1 November 2027 to 15 January 2028\./);
    expect(text).toContain('- The part between Taandwarsstraat and Schippersstraat: from 1 November to 28 December 2027.');
    expect(text).toContain('First, Gemeente Rotterdam replaces the sewer (riolering vervangen), from 1 November to 4 December 2027.');
    expect(text).toContain('Work takes place on working days from 07:00 to 19:00');
    expect(text).toContain('contact Gemeente Rotterdam; we will make sure your question reaches the right party. You can reach us at 14 010.');
    expect(text).toContain('Kind regards,\n\nGemeente Rotterdam\nalso on behalf of Eneco and Evides');
  });

  describe('of a plan stored before openings carried their part', () => {
    const plan = samplePlan();
    const stored = planToLetters(plan, { municipality: 'Gemeente Rotterdam' });

    it('number the parts in segment order with their length, and tell parts with different works part by part', () => {
      const { text } = stored.find((l) => l.street === 'Schiedamseweg')!;
      expect(text).toContain('- Deel 1 (260 m): van 11 januari tot en met 2 april 2027.\n- Deel 2 (129 m): van 3 mei tot en met 25 juni 2027.');
      expect(text).toContain('Deel 2 (129 m): Eerst legt Eneco het warmtenet aan (Warmtenet Schiedamseweg), van 3 tot en met 28 mei 2027.');
      expect(text).toContain('Van 4 tot en met 22 november 2030 gaat de Schiedamseweg opnieuw open.');
    });

    it('address a square with its article and say when two works run at the same time', () => {
      const { text } = stored.find((l) => l.street === 'Heemraadsplein')!;
      expect(text).toMatch(/^Beste bewoners van het Heemraadsplein,/);
      expect(text).toContain('Tegelijk legt KPN nieuwe kabels');
    });

    it("name every work's owner and dates", () => {
      for (const o of plan.openings) {
        const { text } = stored.find((l) => l.street === o.street)!;
        for (const w of o.works) {
          expect(text).toContain(w.owner);
          expect(text).toContain(formatRangeNl(w.start, w.end));
        }
      }
    });
  });

  it('sign as the municipality among the owners, else as "de gemeente", with the other parties on whose behalf', () => {
    expect(of('Jan Kobellstraat').text).toMatch(/Met vriendelijke groet,\n\nDe gemeente\nook namens Eneco en Stedin\n$/);
    expect(of('Grote Visserijstraat').text).toMatch(/Met vriendelijke groet,\n\nGemeente Rotterdam\n$/);
  });

  it('join into one printable text, one letter per page', () => {
    expect(lettersToText(letters).split('\f')).toHaveLength(letters.length);
  });
});
