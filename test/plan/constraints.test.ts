import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../server/domain/message.ts';
import { blackoutDays, constraintErrors, dependencyCycle } from '../../server/domain/plan/constraints.ts';
import { dayOf } from '../../server/domain/plan/dates.ts';
import { usesUnmodelledConstraints } from '../../server/domain/plan/placement.ts';
import { planProgramme } from '../../server/domain/plan/plan.ts';
import type { Opening, Plan, PlanOptions, Segment, WorkType } from '../../server/domain/plan/plan.types.ts';
import { parsePlanningRules } from '../../server/domain/plan/planning-rules.ts';
import { planOptions } from '../../server/domain/plan/work.validation.ts';
import { segmentsFromStreets } from '../../server/domain/streets/street-segments.ts';
import { render } from '../../server/messages/render.ts';
import { readPlanningRulesFile } from '../../server/rules-file.ts';
import { OPTIONS, row, work } from './programme.ts';

const RULES = readPlanningRulesFile('data/rules/planning.json');
const label = (type: string, owner = 'Gemeente Rotterdam') => msg('plan.work', { type: msg(`plan.work-type.${type}`), owner });
const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start <= b.end && b.start <= a.end;
const on = (plan: Plan, segmentId: string) => plan.openings.filter((o) => o.segmentId === segmentId);
const scheduled = (plan: Plan, workId: string) => plan.openings.flatMap((o) => o.works).find((w) => w.workId === workId)!;
const BOUWVAK = { id: 'bouwvak-2027', from: '2027-07-20', to: '2027-08-09', reason: 'plan.blackout.bouwvak' };
const WINTER_PAVING = { id: 'winterstop', from: '12-01', to: '02-28', yearly: true, types: ['paving' as const], reason: 'plan.blackout.winter-paving' };

/** A row of segments, each in the district given (undefined: none). */
function districts(...names: (string | undefined)[]): Segment[] {
  return row(names.length).map((s, i) => (names[i] ? { ...s, district: names[i] } : s));
}

/** Every opening day (inclusive) as day numbers. */
const daysOf = (o: { start: string; end: string }) => Array.from({ length: dayOf(o.end) - dayOf(o.start) + 1 }, (_, k) => dayOf(o.start) + k);

describe('blackout periods', () => {
  it('when an opening would cross the bouwvak, moves it to the nearest free start after it and names the bouwvak', () => {
    // 10 working days of sewer (14 calendar days) and 7 days to reinstate: 1–21 August crosses the bouwvak.
    const works = [work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-06-01', latest_end: '2027-12-31', preferred_start: '2027-08-01' })];
    const plan = planProgramme(works, row(1), { ...OPTIONS, blackouts: [BOUWVAK] }, RULES);
    expect(plan.openings).toHaveLength(1);
    expect(plan.openings[0]).toMatchObject({ start: '2027-08-10', end: '2027-08-30' });
    expect(scheduled(plan, 'sewer').message).toEqual(msg('plan.shift.blocked', {
      work: label('sewer'),
      street: 'Teststraat (teststraat-1)',
      moved: msg('plan.shift.later', { span: msg('plan.span.days', { count: 9 }) }),
      because: msg('plan.because.blackout', { reason: msg('plan.blackout.bouwvak'), from: '2027-07-20', to: '2027-08-09' }),
    }));
    expect(render(scheduled(plan, 'sewer').message!, 'nl')).toContain('9 dagen uitgesteld, omdat de straat tijdens de bouwvak niet open mag');
    expect(plan.metrics.windowViolations).toBe(0);
  });

  it('when a yearly blackout is for paving only, keeps the repaving out of the winter stop but lets the sewer dig through it', () => {
    const works = [
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-10-01', latest_end: '2028-06-30', preferred_start: '2028-02-10' }),
      work('paving', 0, { type: 'paving', duration_days: 5, earliest_start: '2027-10-01', latest_end: '2028-06-30', preferred_start: '2028-02-24' }),
    ];
    const plan = planProgramme(works, row(1), { ...OPTIONS, blackouts: [WINTER_PAVING] }, RULES);
    expect(plan.openings).toHaveLength(1);
    // 2028 is a leap year: 29 February is the first day after the winter stop (12-01 to 02-28).
    expect(scheduled(plan, 'paving')).toMatchObject({ start: '2028-02-29', end: '2028-03-06' });
    expect(scheduled(plan, 'sewer')).toMatchObject({ start: '2028-02-15', end: '2028-02-28' });
    expect(scheduled(plan, 'paving').message).toMatchObject({
      code: 'plan.shift.blocked-shared',
      params: { because: msg('plan.because.blackout-types', { reason: msg('plan.blackout.winter-paving'), from: '2027-12-01', to: '2028-02-28', types: [msg('plan.work-type.paving')] }) },
    });
    expect(render(scheduled(plan, 'paving').message!, 'en')).toContain('because no repaving may be done during the winter stop for paving (1 Dec 2027 – 28 Feb 2028)');
    // The same period without types keeps the whole opening out of it.
    const { types: _types, ...wholeStreet } = WINTER_PAVING;
    const untyped = planProgramme(works, row(1), { ...OPTIONS, blackouts: [wholeStreet] }, RULES);
    expect(untyped.openings[0]!.start >= '2028-02-29' || untyped.openings[0]!.end < '2027-12-01').toBe(true);
  });

  it('when a blackout names districts, keeps only their openings out of it; a segment without district is not in one', () => {
    const works = [0, 1, 2].map((i) => work(`sewer-${i}`, i, { type: 'sewer', duration_days: 10, earliest_start: '2027-06-01', latest_end: '2027-12-31', preferred_start: '2027-08-01' }));
    const reason = { nl: 'de Zomerkermis', en: 'the summer fair' };
    const plan = planProgramme(works, districts('Delfshaven', 'Charlois', undefined), { ...OPTIONS, blackouts: [{ ...BOUWVAK, districts: ['Delfshaven'], reason }] }, RULES);
    expect(on(plan, 'teststraat-1')[0]!.start).toBe('2027-08-10');
    // A name given in both languages reads in the reader's.
    const moved = scheduled(plan, 'sewer-0').message!;
    expect(render(moved, 'nl')).toContain('omdat de straat tijdens de Zomerkermis niet open mag (20 jul 2027 – 9 aug 2027)');
    expect(render(moved, 'en')).toContain('because the street may not be open during the summer fair');
    expect(on(plan, 'teststraat-2')[0]!.start).toBe('2027-08-01');
    expect(on(plan, 'teststraat-3')[0]!.start).toBe('2027-08-01');
  });

  it('when the rule file holds a blackout, every plan keeps it, beside those in the options', () => {
    const works = [work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-06-01', latest_end: '2027-12-31', preferred_start: '2027-08-01' })];
    const plan = planProgramme(works, row(1), OPTIONS, { ...RULES, blackouts: [BOUWVAK] });
    expect(plan.openings[0]!.start).toBe('2027-08-10');
  });

  it('when no day in the window is free of the blackout, goes late and says which blackout and how to resolve it', () => {
    const works = [work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-07-15', latest_end: '2027-08-20' })];
    const plan = planProgramme(works, row(1), { ...OPTIONS, blackouts: [BOUWVAK] }, RULES);
    expect(plan.openings[0]!.start).toBe('2027-08-10');
    expect(plan.infeasible).toEqual([expect.objectContaining({ workIds: ['sewer'], reason: 'blackout' })]);
    expect(plan.infeasible[0]!.message.params).toMatchObject({ fix: msg('plan.fix.blackout', { reason: msg('plan.blackout.bouwvak') }) });
  });

  it('spells a yearly period that wraps the year out per year', () => {
    const b = blackoutDays(WINTER_PAVING, dayOf('2027-01-01'), dayOf('2027-12-31'));
    expect(b.periods).toEqual([[dayOf('2026-12-01'), dayOf('2027-02-28')], [dayOf('2027-12-01'), dayOf('2028-02-28')]]);
  });
});

describe('districts', () => {
  it('reads a segment\'s district from the street property district, else wijk, and its diversion route from diversion_via', () => {
    const line = (x: number) => ({ type: 'LineString' as const, coordinates: [[x, 0], [x + 100, 0]] });
    const segments = segmentsFromStreets([
      { type: 'Feature', id: 'a', geometry: line(0), properties: { district: 'Delfshaven', diversion_via: 'c' } },
      { type: 'Feature', id: 'b', geometry: line(500), properties: { wijk: 'Charlois', diversion_via: ['a', 'c'] } },
      { type: 'Feature', id: 'c', geometry: line(1000), properties: {} },
    ]);
    expect(segments.map((s) => [s.district, s.diversion_via])).toEqual([['Delfshaven', ['c']], ['Charlois', ['a', 'c']], [undefined, undefined]]);
  });

  it('when a district may have one segment open, keeps its openings apart and says why; other districts and segments without one are free', () => {
    const works = [0, 1, 2, 3].map((i) => work(`sewer-${i}`, i, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-12-31', preferred_start: '2027-04-01' }));
    const segments = districts('Delfshaven', 'Delfshaven', 'Charlois', undefined);
    const plan = planProgramme(works, segments, { ...OPTIONS, maxOpenPerDistrict: { Delfshaven: 1 } }, RULES);
    const [a, b] = [on(plan, 'teststraat-1')[0]!, on(plan, 'teststraat-2')[0]!];
    expect(overlaps(a, b)).toBe(false);
    expect(on(plan, 'teststraat-3')[0]!.start).toBe('2027-04-01');
    expect(on(plan, 'teststraat-4')[0]!.start).toBe('2027-04-01');
    const moved = [a, b].flatMap((o) => o.works).find((w) => w.message)!;
    expect(moved.message!.code).toBe('plan.shift.blocked');
    expect(moved.message!.params!.because).toEqual(msg('plan.because.district-capacity-one', {
      count: 1, district: 'Delfshaven', where: [moved.workId === 'sewer-0' ? 'Teststraat (teststraat-2)' : 'Teststraat (teststraat-1)'],
    }));
    expect(render(moved.message!, 'nl')).toContain('omdat in Delfshaven maar 1 segment tegelijk open mag');
  });

  it('when the rule file limits every district ("*"), a plan\'s own number for one district overrides it', () => {
    const works = [0, 1, 2, 3].map((i) => work(`sewer-${i}`, i, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-12-31', preferred_start: '2027-04-01' }));
    const segments = districts('Delfshaven', 'Delfshaven', 'Charlois', 'Charlois');
    const plan = planProgramme(works, segments, { ...OPTIONS, maxOpenPerDistrict: { Charlois: 2 } }, { ...RULES, maxOpenPerDistrict: { '*': 1 } });
    expect(overlaps(on(plan, 'teststraat-1')[0]!, on(plan, 'teststraat-2')[0]!)).toBe(false);
    expect(on(plan, 'teststraat-3')[0]!.start).toBe(on(plan, 'teststraat-4')[0]!.start);
  });
});

describe('dependencies between works', () => {
  const main = (extra = {}) => work('main', 0, { type: 'heat', owner: 'Eneco', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01', ...extra });
  const branch = (extra = {}) => work('branch', 1, { type: 'connections', owner: 'Eneco', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-06-30', preferred_start: '2027-03-01', ...extra });

  it('places the heat main before its branch, even when the branch has the earlier deadline, with the gap, and says why the branch waits', () => {
    const plan = planProgramme([main(), branch()], row(2), { ...OPTIONS, dependencies: [{ before: 'main', after: 'branch', gapDays: 7 }] }, RULES);
    // The main: 14 calendar days from 1 March, ends 14 March; the branch from 14 + 7 + 1 = 22 March.
    expect(scheduled(plan, 'main')).toMatchObject({ start: '2027-03-01', end: '2027-03-14' });
    expect(scheduled(plan, 'branch')).toMatchObject({ start: '2027-03-22' });
    expect(scheduled(plan, 'branch').message).toEqual(msg('plan.shift.blocked', {
      work: label('connections', 'Eneco'),
      street: 'Teststraat (teststraat-2)',
      moved: msg('plan.shift.later', { span: msg('plan.span.weeks', { count: 3 }) }),
      because: msg('plan.because.dependency', { before: label('heat', 'Eneco'), where: ['Teststraat (teststraat-1)'], ready: '2027-03-22' }),
    }));
    expect(plan.infeasible).toEqual([]);
  });

  it('when the branch\'s window ends before the main can be finished, plans it late and reports the dependency', () => {
    const plan = planProgramme([main({ earliest_start: '2027-05-01', preferred_start: '2027-05-01' }), branch({ latest_end: '2027-04-30' })], row(2),
      { ...OPTIONS, dependencies: [{ before: 'main', after: 'branch' }] }, RULES);
    expect(scheduled(plan, 'branch').start).toBe('2027-05-15');
    expect(scheduled(plan, 'branch').message!.code).toBe('plan.shift.late');
    const [late] = plan.infeasible;
    expect(late).toMatchObject({ workIds: ['branch', 'main'], reason: 'dependency' });
    expect(late!.message.params).toMatchObject({ fix: msg('plan.fix.dependency', { before: label('heat', 'Eneco') }) });
    expect(plan.metrics.windowViolations).toBe(1);
  });

  it('when two works on one segment depend on each other against the depth order, opens the segment twice rather than break it', () => {
    const works = [
      work('cables', 0, { type: 'cables', duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01' }),
      work('sewer', 0, { type: 'sewer', duration_days: 10, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01' }),
    ];
    expect(planProgramme(works, row(1), OPTIONS, RULES).openings).toHaveLength(1);
    const plan = planProgramme(works, row(1), { ...OPTIONS, dependencies: [{ before: 'cables', after: 'sewer' }] }, RULES);
    expect(plan.openings).toHaveLength(2);
    expect(scheduled(plan, 'sewer').start > scheduled(plan, 'cables').end).toBe(true);
    expect(plan.infeasible).toEqual([]);
  });
});

describe('dependencies that openings cannot all keep', () => {
  it('when two openings each hold a work the other waits for, reports the dependency it breaks rather than hide it', () => {
    const wide = { duration_days: 5, earliest_start: '2027-01-01', latest_end: '2027-12-31', preferred_start: '2027-03-01' };
    // In each opening the sewer goes first: b (after a) opens the second, d (after c) the first.
    const works = [work('a', 0, { type: 'cables', ...wide }), work('d', 0, { type: 'sewer', ...wide }), work('c', 1, { type: 'cables', ...wide }), work('b', 1, { type: 'sewer', ...wide })];
    const plan = planProgramme(works, row(2), { ...OPTIONS, dependencies: [{ before: 'a', after: 'b' }, { before: 'c', after: 'd' }] }, RULES);
    expect(plan.openings).toHaveLength(2);
    const broken = plan.infeasible.filter((i) => i.message.code === 'plan.infeasible.dependency');
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ reason: 'dependency' });
    expect(render(broken[0]!.message, 'en')).toMatch(/^the sewer replacement \(Gemeente Rotterdam\) starts on .*, but the cable work \(Gemeente Rotterdam\) is not finished before /);
  });
});

describe('diversions', () => {
  it('never closes a segment and its diversion route on the same day, in either direction, and says why', () => {
    const works = [0, 2].map((i) => work(`sewer-${i}`, i, { type: 'sewer', duration_days: 10, earliest_start: '2027-03-01', latest_end: '2027-12-31', preferred_start: '2027-04-01' }));
    const free = planProgramme(works, row(3), OPTIONS, RULES);
    expect(overlaps(on(free, 'teststraat-1')[0]!, on(free, 'teststraat-3')[0]!)).toBe(true);
    for (const diversion of [{ segment: 'teststraat-1', via: 'teststraat-3' }, { segment: 'teststraat-3', via: 'teststraat-1' }]) {
      const plan = planProgramme(works, row(3), { ...OPTIONS, diversions: [diversion] }, RULES);
      expect(overlaps(on(plan, 'teststraat-1')[0]!, on(plan, 'teststraat-3')[0]!)).toBe(false);
      const moved = plan.openings.flatMap((o) => o.works).find((w) => w.message)!;
      expect(moved.message!.params!.because).toMatchObject({ code: 'plan.because.diversion' });
    }
    // The street property does the same.
    const viaStreet = row(3).map((s, i) => (i === 0 ? { ...s, diversion_via: ['teststraat-3'] } : s));
    const plan = planProgramme(works, viaStreet, OPTIONS, RULES);
    expect(overlaps(on(plan, 'teststraat-1')[0]!, on(plan, 'teststraat-3')[0]!)).toBe(false);
  });
});

describe('all constraints at once', () => {
  it('keeps every one of them on a programme that breaks each when planned without them', () => {
    const segments = districts('Delfshaven', 'Delfshaven', 'Delfshaven', 'Charlois', 'Charlois', undefined);
    const w = (id: string, i: number, type: WorkType, duration_days: number, earliest_start: string, latest_end: string, preferred_start: string) =>
      work(id, i, { type, duration_days, earliest_start, latest_end, preferred_start });
    const works = [
      w('w0', 0, 'heat', 10, '2027-06-01', '2027-10-31', '2027-07-25'),
      w('w1', 1, 'sewer', 15, '2027-06-01', '2027-10-31', '2027-07-20'),
      w('w2', 2, 'water', 5, '2027-05-01', '2027-09-30', '2027-07-01'),
      w('w3', 3, 'cables', 5, '2027-01-01', '2027-12-31', '2027-03-01'),
      w('w4', 4, 'paving', 5, '2027-10-01', '2028-04-30', '2027-12-15'),
      w('w5', 5, 'gas', 10, '2027-06-01', '2027-12-31', '2027-07-25'),
      w('w6', 3, 'connections', 5, '2027-01-01', '2027-06-30', '2027-03-01'),
      w('w7', 4, 'connections', 5, '2027-06-01', '2027-12-31', '2027-07-01'),
      w('w8', 3, 'trees', 3, '2027-05-01', '2028-03-31', '2027-07-01'),
      w('w9', 2, 'paving', 5, '2028-01-01', '2028-12-31', '2028-01-15'),
    ];
    const options: PlanOptions = {
      ...OPTIONS,
      blackouts: [{ ...BOUWVAK, from: '07-20', to: '08-09', yearly: true }, WINTER_PAVING],
      maxOpenPerDistrict: { Delfshaven: 1, '*': 2 },
      dependencies: [{ before: 'w0', after: 'w7' }, { before: 'w7', after: 'w8', gapDays: 3 }],
      diversions: [{ segment: 'teststraat-1', via: 'teststraat-6' }],
    };
    // Without them the same programme breaks each kind, so the check below has something to find.
    const unconstrained = violations(planProgramme(works, segments, OPTIONS, RULES), segments, options).join('\n');
    for (const kind of ['during bouwvak', 'on site during winterstop', 'limit 1', 'starts before', 'diversion']) expect(unconstrained).toContain(kind);
    const plan = planProgramme(works, segments, options, RULES);
    expect(violations(plan, segments, options)).toEqual([]);
    // Grouping couples trees (w8, waiting for w7) with works whose windows end sooner; that opening goes late and says
    // so, but no dependency is broken.
    expect(plan.infeasible.map((i) => i.message.code)).not.toContain('plan.infeasible.dependency');
    expect(plan.infeasible.every((i) => i.reason === 'dependency' && i.message.code === 'plan.infeasible.late')).toBe(true);
  });
});

/** Every way a plan breaks the constraints of `options`, as sentences a failing test prints. */
function violations(plan: Plan, segments: readonly Segment[], options: PlanOptions): string[] {
  const out: string[] = [];
  const district = new Map(segments.map((s) => [s.id, s.district]));
  for (const b of options.blackouts ?? []) {
    const { periods } = blackoutDays(b, dayOf('2026-01-01'), dayOf('2040-01-01'));
    const hit = (from: number, to: number) => periods.some(([s, e]) => from <= e && to >= s);
    for (const o of plan.openings) {
      if (b.districts && !b.districts.includes(district.get(o.segmentId)!)) continue;
      if (!b.types && hit(dayOf(o.start), dayOf(o.end))) out.push(`${o.id} open during ${b.id}`);
      for (const w of o.works) if (b.types?.includes(w.type) && hit(dayOf(w.start), dayOf(w.end))) out.push(`${w.workId} on site during ${b.id}`);
    }
  }
  const limits = options.maxOpenPerDistrict ?? {};
  const byDay = new Map<string, Opening[]>();
  for (const o of plan.openings) {
    const d = district.get(o.segmentId);
    if (d === undefined) continue;
    for (const day of daysOf(o)) (byDay.get(`${d}@${day}`) ?? byDay.set(`${d}@${day}`, []).get(`${d}@${day}`)!).push(o);
  }
  for (const [key, list] of byDay) {
    const limit = limits[key.split('@')[0]!] ?? limits['*'];
    if (limit !== undefined && list.length > limit) out.push(`${key}: ${list.length} open, limit ${limit}`);
  }
  for (const d of options.dependencies ?? []) {
    const before = plan.openings.flatMap((o) => o.works).filter((w) => w.workId === d.before);
    const after = plan.openings.flatMap((o) => o.works).filter((w) => w.workId === d.after);
    const end = Math.max(...before.map((w) => dayOf(w.end)));
    const start = Math.min(...after.map((w) => dayOf(w.start)));
    if (start <= end + (d.gapDays ?? 0)) out.push(`${d.after} starts before ${d.before} ends (+${d.gapDays ?? 0})`);
  }
  for (const d of options.diversions ?? []) {
    for (const a of on(plan, d.segment)) for (const b of on(plan, d.via)) if (overlaps(a, b)) out.push(`${a.id} and its diversion ${b.id} closed together`);
  }
  return out;
}

describe('plan options for the constraints', () => {
  const defaults = { today: '2026-05-01', moratoriumYears: 3 };

  it('takes every constraint as sent and leaves absent ones out', () => {
    const sent = {
      blackouts: [BOUWVAK, WINTER_PAVING, { id: 'marathon', from: '2027-04-11', to: '2027-04-11', districts: ['Delfshaven'], reason: { nl: 'de marathon', en: 'the marathon' } }],
      maxOpenPerDistrict: { Delfshaven: 2, '*': 4 },
      dependencies: [{ before: 'main', after: 'branch', gapDays: 7 }],
      diversions: [{ segment: 'a', via: 'b' }],
    };
    expect(planOptions(sent, defaults)).toEqual({ valid: true, options: { horizonStart: '2026-05-01', moratoriumYears: 3, separateNeighbours: false, ...sent } });
    expect(planOptions({}, defaults)).toEqual({ valid: true, options: { horizonStart: '2026-05-01', moratoriumYears: 3, separateNeighbours: false } });
  });

  it('refuses malformed constraints, each by field', () => {
    const result = planOptions({
      blackouts: [
        { id: 'a', from: '2027-07-20', to: '08-09', yearly: true, reason: 'x' },
        { id: 'b', from: '2027-08-09', to: '2027-07-20', reason: 'x' },
        { id: 'c', from: '2027-01-01', to: '2027-01-02', types: ['asphalt'], reason: 'x' },
        { id: 'd', from: '2027-01-01', to: '2027-01-02' },
        { id: 'e', from: '07-15', to: '2027-08-25', reason: 'x' },
      ],
      maxOpenPerDistrict: { Delfshaven: 0 },
      dependencies: [{ before: 'main' }],
      diversions: [{ segment: 'a', via: 'a' }],
    }, defaults);
    expect(result.valid).toBe(false);
    const errors = result.valid ? [] : result.errors;
    expect(errors.map((e) => [e.field, e.code])).toEqual(expect.arrayContaining([
      ['options.blackouts.0.from', 'validation.plan.blackout-month-day'],
      ['options.blackouts.1.to', 'validation.plan.blackout-inverted'],
      ['options.blackouts.2.types.0', 'validation.not-one-of'],
      ['options.blackouts.3.reason', 'validation.required'],
      ['options.blackouts.4.from', 'validation.plan.blackout-not-yearly'],
      ['options.maxOpenPerDistrict.Delfshaven', 'validation.too-small'],
      ['options.dependencies.0.after', 'validation.required'],
      ['options.diversions.0.via', 'validation.plan.diversion-self'],
    ]));
    expect(errors).toHaveLength(8);
    expect(render(errors.find((e) => e.field === 'options.blackouts.4.from')!, 'nl')).toContain('zet yearly: true');
  });

  it('refuses dependencies that wait for each other, naming the works around the cycle', () => {
    const result = planOptions({ dependencies: [{ before: 'main', after: 'branch' }, { before: 'branch', after: 'main' }] }, defaults);
    expect(result).toEqual({ valid: false, errors: [{ field: 'options.dependencies', code: 'validation.plan.dependency-cycle', params: expect.objectContaining({ cycle: 'main → branch → main' }) }] });
    expect(render(result.valid ? msg('x') : result.errors[0]!, 'en')).toContain('the dependencies form a cycle (main → branch → main)');
    expect(dependencyCycle([{ before: 'a', after: 'b' }, { before: 'b', after: 'c' }, { before: 'a', after: 'c' }])).toBeUndefined();
    expect(dependencyCycle([{ before: 'a', after: 'a' }])).toEqual(['a', 'a']);
  });

  it('names work and segment ids the store does not hold', () => {
    const errors = constraintErrors({ dependencies: [{ before: 'main', after: 'ghost' }], diversions: [{ segment: 'a', via: 'nowhere' }] }, new Set(['main']), new Set(['a']));
    expect(errors).toEqual([
      { field: 'options.dependencies.0.after', code: 'validation.plan.unknown-work', params: { value: '"ghost"' } },
      { field: 'options.diversions.0.via', code: 'validation.plan.unknown-segment', params: { value: '"nowhere"' } },
    ]);
  });

  it('refuses flexibility for a party that owns no work, naming the owners there are, rather than relaxing nothing', () => {
    const owners = new Set(['KPN', 'Gemeente Rotterdam']);
    const errors = constraintErrors({ flexibility: { months: 6, parties: ['KPN', 'Kpn'] } }, new Set(), new Set(), owners);
    expect(errors).toEqual([{ field: 'options.flexibility.parties.1', code: 'validation.plan.unknown-party', params: { value: '"Kpn"', owners: 'Gemeente Rotterdam, KPN' } }]);
    expect(render(errors[0]!, 'en')).toBe('no work has owner "Kpn"; name an owner as the works write it (Gemeente Rotterdam, KPN)');
    expect(constraintErrors({ flexibility: { months: 6, parties: ['KPN'] } }, new Set(), new Set(), owners)).toEqual([]);
  });

  it('refuses a district limit or blackout for a district no segment lies in, naming the districts there are', () => {
    const districts = new Set(['Delfshaven', 'Bospolder-Tussendijken']);
    const errors = constraintErrors({
      maxOpenPerDistrict: { '*': 2, Nergens: 1, Delfshaven: 1 },
      blackouts: [{ id: 'b', from: '07-15', to: '08-25', yearly: true, districts: ['Delfshaven', 'Delfhaven'], reason: 'plan.blackout.bouwvak' }],
    }, new Set(), new Set(), undefined, districts);
    expect(errors).toEqual([
      { field: 'options.maxOpenPerDistrict.Nergens', code: 'validation.plan.unknown-district', params: { value: '"Nergens"', districts: 'Bospolder-Tussendijken, Delfshaven' } },
      { field: 'options.blackouts.0.districts.1', code: 'validation.plan.unknown-district', params: { value: '"Delfhaven"', districts: 'Bospolder-Tussendijken, Delfshaven' } },
    ]);
    expect(render(errors[0]!, 'nl')).toBe('geen straatvak ligt in wijk "Nergens"; noem een wijk zoals de straten hem schrijven (Bospolder-Tussendijken, Delfshaven)');
  });

  it('tells the exact method when a plan uses constraints it does not model', () => {
    expect(usesUnmodelledConstraints(OPTIONS)).toBe(false);
    expect(usesUnmodelledConstraints({ ...OPTIONS, dependencies: [{ before: 'a', after: 'b' }] })).toBe(true);
    expect(usesUnmodelledConstraints({ ...OPTIONS, maxOpenPerDistrict: { '*': 1 } })).toBe(true);
  });
});

describe('the planning rule file\'s constraints', () => {
  const DEFAULT = JSON.parse(readFileSync('data/rules/planning.json', 'utf8')) as Record<string, unknown>;

  it('reads blackouts with their status and source, and district limits', () => {
    const parsed = parsePlanningRules({
      ...DEFAULT,
      blackouts: [{ ...WINTER_PAVING, status: 'S', source: 'Gemeente Rotterdam, winterstop bestrating' }],
      maxOpenPerDistrict: { value: { '*': 3 }, status: 'E', source: 'estimate' },
    });
    expect(parsed).toMatchObject({ valid: true, rules: { blackouts: [WINTER_PAVING], maxOpenPerDistrict: { '*': 3 } } });
  });

  it('when a blackout entry is malformed, stops with the file name and the entry\'s field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'planning-rules-')), 'planning.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT, blackouts: [{ ...WINTER_PAVING, from: '2027-12-01', status: 'S', source: 'x' }] }));
    expect(() => readPlanningRulesFile(file)).toThrow(new RegExp(`rule file ${file} has 1 problem:\\n  blackouts.0.from: "2027-12-01" is invalid: a yearly period \\(yearly: true\\) gives month and day as MM-DD`));
    writeFileSync(file, JSON.stringify({ ...DEFAULT, blackouts: [{ ...WINTER_PAVING, source: 'x' }] }));
    expect(() => readPlanningRulesFile(file)).toThrow(/blackouts.0.status: — is not allowed; use one of C, S and E/);
  });
});
