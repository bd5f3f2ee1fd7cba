import { type Message, msg, ownText } from '../message.ts';
import { type Invalid, invalid, quoted } from '../validation.ts';
import { dayOf } from './dates.ts';
import type { PlanningRules } from './planning-rules.ts';
import type { BlackoutPeriod, Dependency, PlanOptions, Segment, WorkType } from './plan.types.ts';

/** A blackout in day numbers: every concrete period it covers, in order. */
export interface Blackout {
  id: string;
  /** Inclusive day ranges; a yearly blackout has one per year of the planning span. */
  periods: (readonly [number, number])[];
  districts?: ReadonlySet<string>;
  types?: ReadonlySet<WorkType>;
  /** What a reader calls it ("de bouwvak"). */
  reason: Message;
}

/** The constraints planners meet beyond a segment's own works, resolved against the segments. */
export interface Constraints {
  blackouts: Blackout[];
  /** Per segment (by index) its district, when the streets layer names one. */
  districts: (string | undefined)[];
  /** Most segments open at once per district; `"*"` holds for every district without its own number. */
  districtLimits: ReadonlyMap<string, number>;
  /** Per segment (by index) the segments that may not be closed on the same day: its diversion pairs. */
  diversions: number[][];
  /** Per work id, the works that must be finished before it starts, and how many days in between. */
  predecessors: ReadonlyMap<string, readonly { before: string; gapDays: number }[]>;
}

/**
 * Resolves blackouts (the rule file's and the options'), district limits, diversions (the options' and the street
 * property `diversion_via`) and dependencies into day numbers and segment indices. Yearly blackouts are expanded
 * into one period per year from `fromDay` to `untilDay`. Ids that name no segment are left out here: the use case
 * refuses them before planning (constraintErrors).
 *
 * @example buildConstraints(segments, { horizonStart: '2026-06-01', moratoriumYears: 3, separateNeighbours: false,
 *   blackouts: [{ id: 'bouwvak', from: '07-20', to: '08-09', yearly: true, reason: 'plan.blackout.bouwvak' }] }, rules, dayOf('2026-06-01'), dayOf('2036-06-01'))
 *   .blackouts[0].periods // [[20654, 20674], [21019, 21039], …]: 20 July – 9 August of 2026, 2027, … 2035 (10 periods)
 */
export function buildConstraints(segments: readonly Segment[], options: PlanOptions, rules: Pick<PlanningRules, 'blackouts' | 'maxOpenPerDistrict'>, fromDay: number, untilDay: number): Constraints {
  const byId = new Map(segments.map((s, i) => [s.id, i]));
  const diversions: number[][] = segments.map(() => []);
  const pair = (a: string, b: string) => {
    const i = byId.get(a);
    const j = byId.get(b);
    if (i === undefined || j === undefined || i === j) return;
    if (!diversions[i]!.includes(j)) diversions[i]!.push(j);
    if (!diversions[j]!.includes(i)) diversions[j]!.push(i);
  };
  segments.forEach((s) => s.diversion_via?.forEach((via) => pair(s.id, via)));
  options.diversions?.forEach((d) => pair(d.segment, d.via));
  const predecessors = new Map<string, { before: string; gapDays: number }[]>();
  for (const d of options.dependencies ?? []) {
    (predecessors.get(d.after) ?? predecessors.set(d.after, []).get(d.after)!).push({ before: d.before, gapDays: d.gapDays ?? 0 });
  }
  return {
    blackouts: [...(rules.blackouts ?? []), ...(options.blackouts ?? [])].map((b) => blackoutDays(b, fromDay, untilDay)),
    districts: segments.map((s) => s.district),
    districtLimits: new Map(Object.entries({ ...rules.maxOpenPerDistrict, ...options.maxOpenPerDistrict })),
    diversions,
    predecessors,
  };
}

/**
 * A blackout period in day numbers. A yearly one (`MM-DD`) gets a period per year that touches `fromDay`…`untilDay`;
 * one that ends before it starts in the calendar (12-01 to 02-28) runs into the next year.
 *
 * @example blackoutDays({ id: 'w', from: '12-01', to: '02-28', yearly: true, reason: 'winter' }, dayOf('2027-01-01'), dayOf('2027-12-31')).periods
 *   // [[dayOf('2026-12-01'), dayOf('2027-02-28')], [dayOf('2027-12-01'), dayOf('2028-02-28')]]
 */
export function blackoutDays(b: BlackoutPeriod, fromDay: number, untilDay: number): Blackout {
  const periods: [number, number][] = [];
  if (b.yearly) {
    const first = new Date(fromDay * 86_400_000).getUTCFullYear() - 1;
    const last = new Date(untilDay * 86_400_000).getUTCFullYear();
    const wraps = b.to < b.from;
    for (let year = first; year <= last; year++) {
      const from = dayOf(`${year}-01-01`) + monthDayOffset(year, b.from);
      const toYear = wraps ? year + 1 : year;
      const to = dayOf(`${toYear}-01-01`) + monthDayOffset(toYear, b.to);
      if (to >= fromDay && from <= untilDay) periods.push([from, to]);
    }
  } else {
    periods.push([dayOf(b.from), dayOf(b.to)]);
  }
  return {
    id: b.id,
    periods,
    ...(b.districts ? { districts: new Set(b.districts) } : {}),
    ...(b.types ? { types: new Set(b.types) } : {}),
    reason: typeof b.reason === 'string' ? msg(b.reason) : ownText(b.reason),
  };
}

/** Days from 1 January of `year` to `MM-DD` in it; 02-29 of a common year is 1 March, as Date.UTC counts it. */
function monthDayOffset(year: number, monthDay: string): number {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000);
}

/**
 * The first period of `b` that overlaps days `from`…`to` (inclusive), or undefined.
 *
 * @example blackoutHit({ id: 'b', periods: [[10, 20]], reason }, 18, 30) // [10, 20]
 */
export function blackoutHit(b: Blackout, from: number, to: number): readonly [number, number] | undefined {
  for (const period of b.periods) {
    if (period[0] > to) return undefined;
    if (period[1] >= from) return period;
  }
  return undefined;
}

/** The limit on simultaneous openings in `district`, when there is one. */
export function districtLimit(constraints: Constraints, district: string | undefined): number | undefined {
  if (district === undefined) return undefined;
  return constraints.districtLimits.get(district) ?? constraints.districtLimits.get('*');
}

/**
 * A cycle among dependencies, as the work ids around it (first id repeated at the end), or undefined when the
 * dependencies can all be kept in some order.
 *
 * @example dependencyCycle([{ before: 'main', after: 'branch' }, { before: 'branch', after: 'main' }]) // ['main', 'branch', 'main']
 */
export function dependencyCycle(dependencies: readonly Dependency[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const d of dependencies) (next.get(d.before) ?? next.set(d.before, []).get(d.before)!).push(d.after);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    path.push(id);
    for (const n of next.get(id) ?? []) {
      if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
      if (!state.has(n)) {
        const found = visit(n);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of next.keys()) {
    if (state.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}

/**
 * What plan options name that is not there: dependencies on works that are not stored, diversions over segments
 * that are not in the streets layer, flexibility for a party that owns no work (given `owners`: a misspelt "Kpn"
 * would otherwise relax nothing without a word), district limits and blackouts for a district no segment lies in
 * (given `districts`). Every one under its field, written as the options schema writes
 * its fields (`options.dependencies.0.after`), so a 400 can name them all in one style.
 *
 * @example constraintErrors({ dependencies: [{ before: 'w1', after: 'w9' }] }, new Set(['w1']), new Set())
 *   // [{ field: 'options.dependencies.0.after', code: 'validation.plan.unknown-work', params: { value: '"w9"' } }]
 * @example constraintErrors({ flexibility: { months: 3, parties: ['Kpn'] } }, new Set(), new Set(), new Set(['KPN']))
 *   // [{ field: 'options.flexibility.parties.0', code: 'validation.plan.unknown-party', params: { value: '"Kpn"', owners: 'KPN' } }]
 */
export function constraintErrors(options: Pick<PlanOptions, 'dependencies' | 'diversions' | 'flexibility' | 'maxOpenPerDistrict' | 'blackouts'>, workIds: ReadonlySet<string>, segmentIds: ReadonlySet<string>, owners?: ReadonlySet<string>, districts?: ReadonlySet<string>): Invalid[] {
  const errors: Invalid[] = [];
  if (districts) {
    // A misspelt district would limit or black out nothing without a word.
    const known = [...districts].sort().join(', ') || '—';
    const district = (field: string, name: string) => {
      if (!districts.has(name)) errors.push(invalid(field, 'validation.plan.unknown-district', { value: quoted(name), districts: known }));
    };
    for (const name of Object.keys(options.maxOpenPerDistrict ?? {})) if (name !== '*') district(`options.maxOpenPerDistrict.${name}`, name);
    options.blackouts?.forEach((b, i) => b.districts?.forEach((name, k) => district(`options.blackouts.${i}.districts.${k}`, name)));
  }
  if (owners) {
    const known = [...owners].sort().join(', ');
    options.flexibility?.parties?.forEach((party, i) => {
      if (!owners.has(party)) errors.push(invalid(`options.flexibility.parties.${i}`, 'validation.plan.unknown-party', { value: quoted(party), owners: known }));
    });
  }
  options.dependencies?.forEach((d, i) => {
    for (const key of ['before', 'after'] as const) {
      if (!workIds.has(d[key])) errors.push(invalid(`options.dependencies.${i}.${key}`, 'validation.plan.unknown-work', { value: quoted(d[key]) }));
    }
  });
  options.diversions?.forEach((d, i) => {
    for (const key of ['segment', 'via'] as const) {
      if (!segmentIds.has(d[key])) errors.push(invalid(`options.diversions.${i}.${key}`, 'validation.plan.unknown-segment', { value: quoted(d[key]) }));
    }
  });
  return errors;
}
