import { describe, expect, it } from 'vitest';
import { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';
import { formatRangeNl } from '../../server/exports/plan-format.ts';
import { lettersToText, planToLetters } from '../../server/exports/resident-letters.ts';
import { samplePlan } from './sample-plan.ts';

describe('resident letters', () => {
  const plan = samplePlan();
  const letters = planToLetters(plan, { municipality: 'Gemeente Rotterdam' });

  it('writes one letter per opening, addressed to the residents of its street', () => {
    expect(letters.map((l) => l.openingId).sort()).toEqual(plan.openings.map((o) => o.id).sort());
    for (const l of letters) expect(l.text).toMatch(new RegExp(`^Beste bewoners van (de|het) ${l.street},`));
    expect(letters.find((l) => l.street === 'Heemraadsplein')!.text).toMatch(/^Beste bewoners van het Heemraadsplein,/);
  });

  it("mentions every work's owner, and names the works in depth order", () => {
    const phrases = { sewer: 'de riolering', heat: 'het warmtenet', water: 'de waterleiding', gas: 'de gasleiding', cables: 'nieuwe kabels', connections: 'de woningen', trees: 'nieuwe bomen', paving: 'de bestrating' } as const;
    for (const opening of plan.openings) {
      const { text } = letters.find((l) => l.openingId === opening.id)!;
      const sentences = text.split('Dit gaat er gebeuren. ')[1]!.split('\n')[0]!.split(/(?<=\.) /);
      const inDepthOrder = [...opening.works].sort((a, b) => WORK_TYPES.indexOf(a.type) - WORK_TYPES.indexOf(b.type));
      const found = inDepthOrder.map((w) => sentences.findIndex((s) => s.includes(w.owner) && s.includes(phrases[w.type]) && s.includes(formatRangeNl(w.start, w.end))));
      expect(found).toEqual(inDepthOrder.map((_, i) => i));
    }
  });

  it('tells one story with Dutch dates: first the sewer, then the heat network, last the paving', () => {
    const { text } = letters.find((l) => l.openingId === 'op-hud-1-2026')!;
    expect(text).toContain('Van 2 maart tot en met 12 juni 2026 gaat de Hudsonstraat open.');
    expect(text).toContain('zodat de straat één keer open gaat in plaats van 4 keer');
    expect(text).toContain('Eerst vervangt Gemeente Rotterdam de riolering (Rioolvervanging Hudsonstraat), van 2 maart tot en met 10 april 2026.');
    expect(text).toContain('Daarna legt Eneco het warmtenet aan (Warmtenet Bospolder fase 1), van 13 april tot en met 22 mei 2026.');
    expect(text).toContain('Tot slot herstelt Gemeente Rotterdam de bestrating, van 8 tot en met 12 juni 2026.');
    expect(text).toContain('ook namens Eneco');
  });

  it('says when two works run at the same time', () => {
    expect(letters.find((l) => l.openingId === 'op-hmp-1-2026')!.text).toContain('Tegelijk legt KPN nieuwe kabels');
  });

  it("points to the street's other openings, across years", () => {
    const { text } = letters.find((l) => l.openingId === 'op-sch-1-2027')!;
    expect(text).toContain('gaat ook open van 3 mei tot en met 25 juni 2027 (een ander deel van de straat) en van 4 tot en met 22 november 2030');
  });

  it('signs as "de gemeente" when no municipality is given', () => {
    const [first] = planToLetters(plan);
    expect(first!.text).toMatch(/Met vriendelijke groet,\n\nDe gemeente\nook namens /);
  });

  it('joins all letters into one printable text, one per page', () => {
    const text = lettersToText(letters);
    expect(text.split('\f')).toHaveLength(letters.length);
  });
});
