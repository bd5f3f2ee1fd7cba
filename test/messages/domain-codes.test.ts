import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { can, type Principal } from '../../server/domain/access/policy.ts';
import { validateFeature } from '../../server/domain/assets/asset.validation.ts';
import type { Message } from '../../server/domain/message.ts';
import { validateWork } from '../../server/domain/plan/work.validation.ts';
import { parseRuleSet } from '../../server/domain/rules/rule-set.ts';
import { render } from '../../server/messages/render.ts';

/** What the last files of issue 11 §2 say now: codes with parameters, and the sentence only when rendered. */
const both = (m: Message) => [render(m, 'nl'), render(m, 'en')];

describe('refusals and reasons the domain gives as codes', () => {
  const eneco: Principal = { tokenId: 't', organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter' };

  it('refuses an action the role lacks, and an object of another owner, by code', () => {
    const lacks = can(eneco, 'routes:decide');
    const foreign = can(eneco, 'layers:write', 'Stedin');
    if (lacks.allowed || foreign.allowed) throw new Error('the policy allowed what it must refuse');
    expect(lacks.reason).toEqual({ code: 'access.role-may-not', params: { role: 'submitter', action: { code: 'access.action.routes:decide' } } });
    expect(both(lacks.reason)).toEqual(['rol submitter mag niet over tracés beslissen', 'role submitter may not decide routes']);
    expect(both(foreign.reason)).toEqual([
      'rol submitter van Eneco mag alleen voor Eneco lagen wijzigen, niet voor Stedin',
      'role submitter of Eneco may write layers only for Eneco, not for Stedin',
    ]);
  });

  it('names the property to use instead of a unitless one in the reader\'s language', () => {
    const cable = { type: 'Feature', id: 'c', geometry: { type: 'LineString', coordinates: [[89_000, 436_000], [89_030, 436_000]] }, properties: { owner: 'Stedin', network: 'lv', depth: 0.6 } };
    const result = validateFeature(cable, 'cables', 'EPSG:28992');
    expect(result).toMatchObject({ field: 'properties.depth', code: 'validation.feature.property-without-unit', params: { instead: { code: 'validation.unit.depth_m' } } });
    const [nl, en] = both(result as Message);
    expect(nl).toContain('gebruik depth_m (meter onder maaiveld)');
    expect(en).toContain('use depth_m (metres below surface)');
  });

  it('answers a date that is no calendar date, and unsorted stem rows, by code', () => {
    const work = { type: 'Feature', id: 'w', geometry: { type: 'Point', coordinates: [89_000, 436_000] }, properties: { type: 'sewer', owner: 'Gemeente', latest_end: '2027-02-30' } };
    const dated = validateWork(work, 'EPSG:28992');
    expect(dated.valid ? [] : dated.errors).toContainEqual(expect.objectContaining({ code: 'validation.not-a-date', params: { value: '"2027-02-30"' } }));
    const rules = JSON.parse(readFileSync('data/rules/nl-default.json', 'utf8'));
    rules.trees.stemTable.rows = [...rules.trees.stemTable.rows].reverse();
    const parsed = parseRuleSet(rules);
    const unsorted = parsed.valid ? undefined : parsed.errors.find((e) => e.code === 'validation.rules.rows-unsorted');
    expect(unsorted).toBeDefined();
    expect(both(unsorted!)).toEqual(['rijen moeten oplopend naar stamdiameter gesorteerd zijn', 'rows must be sorted by stem diameter, increasing']);
  });
});
