import { isMessage, type Message, type MessageParam } from '../domain/message.ts';
import { WORK_TYPES, type IsoDate, type Opening, type Plan, type ScheduledWork, type StreetPart, type WorkType } from '../domain/plan/plan.types.ts';
import { lineLength } from '../geo/length.ts';
import { formatList } from '../messages/format.ts';
import type { Language } from '../messages/language.ts';
import { infeasibilityText } from '../messages/plan-text.ts';
import { render, type Translate } from '../messages/render.ts';
import { addDays, formatDateLong, formatWhen } from './plan-format.ts';

/**
 * The parts of a resident letter that tell a street's story: its openings gathered into rounds of work, the parts of
 * the street by name, the works in digging order, and why a street opens again.
 */

/** Openings of one street that residents live through as one stretch of work. */
export interface Round {
  openings: Opening[];
  start: IsoDate;
  end: IsoDate;
}

/** Openings this close after the last one still read as the same stretch of work, not as the street opening again. */
const SAME_STRETCH_DAYS = 14;

/**
 * A street's openings (in time order) as rounds: an opening joins the round before it when it starts within two
 * weeks of its end or carries a work of it (a work dug part by part), else it starts a new round.
 *
 * @example roundsOf(openings).map((r) => [r.start, r.end]) // [['2027-02-01', '2027-03-29'], ['2028-03-01', '2028-03-24']]
 */
export function roundsOf(openings: readonly Opening[]): Round[] {
  const rounds: Round[] = [];
  for (const o of openings) {
    const last = rounds.at(-1);
    const shares = last?.openings.some((p) => p.works.some((w) => o.works.some((v) => v.workId === w.workId)));
    if (last && (o.start <= addDays(last.end, SAME_STRETCH_DAYS) || shares)) {
      last.openings.push(o);
      if (o.end > last.end) last.end = o.end;
    } else {
      rounds.push({ openings: [o], start: o.start, end: o.end });
    }
  }
  return rounds;
}

/**
 * Each segment of the letter as residents name its part of the street ("het deel tussen de Taandwarsstraat en de
 * Schippersstraat", else "deel 2 (120 m)"); empty when the street is one part, so the letter does not list it.
 * A plan stored before openings carried their part numbers its segments in id order, with the centreline's length.
 */
export function partLabels(openings: readonly Opening[], t: Translate, language: Language): Map<string, string> {
  const ids = [...new Set(openings.map((o) => o.segmentId))].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
  const partOf = new Map<string, StreetPart>();
  for (const o of openings) {
    if (partOf.has(o.segmentId)) continue;
    const length = o.geometry.type === 'LineString' ? Math.round(lineLength(o.geometry.coordinates)) : 0;
    partOf.set(o.segmentId, o.part ?? { number: ids.indexOf(o.segmentId) + 1, of: ids.length, length_m: length });
  }
  if (ids.length < 2 && [...partOf.values()].every((p) => p.of < 2)) return new Map();
  const name = (street: string) => (language === 'nl' ? withArticle(street) : street);
  const numbered = (p: StreetPart) => t('plan.letter.part.numbered', { number: p.number, length: p.length_m });
  const labels = new Map<string, string>();
  for (const [id, p] of partOf) {
    const end = p.from ?? p.to;
    const atStreetEnd = p.number === 1 || p.number === p.of;
    labels.set(id,
      p.from && p.to ? t('plan.letter.part.between', { from: name(p.from), to: name(p.to) })
      : end && p.crosses ? t('plan.letter.part.beyond', { from: name(end), crosses: name(p.crosses) })
      : end && atStreetEnd ? t('plan.letter.part.to-end', { from: name(end) })
      : numbered(p));
  }
  // Two parts the crossing streets cannot tell apart are told by number instead.
  const seen = [...labels.values()];
  for (const [id, label] of labels) if (seen.indexOf(label) !== seen.lastIndexOf(label)) labels.set(id, numbered(partOf.get(id)!));
  return labels;
}

/**
 * The works of a round in the order crews dig (deepest type first), one sentence each with its party and dates.
 * When every part of the street gets the same works, they are told once, a work from its first day on any part to
 * its last; when the parts differ, part by part, so no part reads as getting work it does not get.
 */
export function storyOf(round: Round, parts: ReadonlyMap<string, string>, t: Translate, language: Language): string {
  const kinds = new Set(round.openings.map((o) => [...new Set(o.works.map((w) => w.workId))].sort().join('|')));
  if (kinds.size > 1 && parts.size > 0) {
    return round.openings.map((o) => `${capitalise(parts.get(o.segmentId)!)}: ${tell(o.works, t, language)}${closing(o.works, o.end, t, language)}`).join('\n');
  }
  const byWork = new Map<string, ScheduledWork>();
  for (const w of round.openings.flatMap((o) => o.works)) {
    const seen = byWork.get(w.workId);
    byWork.set(w.workId, seen ? { ...seen, start: w.start < seen.start ? w.start : seen.start, end: w.end > seen.end ? w.end : seen.end } : w);
  }
  const each = round.openings.length > 1 && parts.size > 0 && byWork.size > 1 ? `${t('plan.letter.story-each')} ` : '';
  return each + tell([...byWork.values()], t, language) + closing([...byWork.values()], round.end, t, language);
}

/** An opening without a repaving work of its own is closed and reinstated after its last work: the days residents otherwise cannot place. */
function closing(works: readonly ScheduledWork[], end: IsoDate, t: Translate, language: Language): string {
  const last = works.reduce((latest, w) => (w.end > latest ? w.end : latest), '');
  return last && end > last ? ` ${t('plan.letter.reinstate', { until: formatDateLong(end, language) })}` : '';
}

function tell(works: readonly ScheduledWork[], t: Translate, language: Language): string {
  const rank = (w: ScheduledWork) => WORK_TYPES.indexOf(w.type);
  const ordered = [...works].sort((a, b) => rank(a) - rank(b) || a.start.localeCompare(b.start));
  return ordered.map((work, i) => sentence(work, i, ordered, t, language)).join(' ');
}

/** "Eerst vervangt Gemeente Rotterdam de riolering, van 2 maart tot en met 10 april 2026." */
function sentence(work: ScheduledWork, index: number, works: ScheduledWork[], t: Translate, language: Language): string {
  const previous = works[index - 1];
  const lead =
    index === 0 ? (works.length > 1 ? 'first' : undefined)
    : previous && previous.start === work.start ? 'together'
    : index === works.length - 1 && works.length > 2 ? 'last'
    : index % 2 === 1 ? 'then' : 'next';
  const clause = lead
    ? t(`plan.letter.work-after.${work.type}`, { lead: t(`plan.letter.lead.${lead}`), owner: work.owner })
    : t(`plan.letter.work.${work.type}`, { owner: work.owner });
  const project = work.name ? ` (${work.name})` : '';
  return `${clause}${project}, ${formatWhen(work.start, work.end, language)}.`;
}

/** The latest earlier opening of the street that repaved it less than the moratorium (`Infinity`: any time) before `round` starts. */
export function repavedBefore(round: Round, earlier: readonly Round[], moratoriumYears: number): Opening | undefined {
  const limit = new Date(`${round.start}T00:00:00Z`);
  if (Number.isFinite(moratoriumYears)) limit.setUTCFullYear(limit.getUTCFullYear() - moratoriumYears);
  const since = Number.isFinite(moratoriumYears) ? limit.toISOString().slice(0, 10) : '';
  return earlier
    .flatMap((r) => r.openings)
    .filter((o) => o.works.some((w) => w.type === 'paving') && o.end > since && o.end < round.start)
    .sort((a, b) => b.end.localeCompare(a.end))[0];
}

/** The latest earlier opening of the street that ended less than the moratorium before `round` starts, repaved or not. */
function closedBefore(round: Round, earlier: readonly Round[], moratoriumYears: number): Opening | undefined {
  const limit = new Date(`${round.start}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - moratoriumYears);
  const since = limit.toISOString().slice(0, 10);
  return earlier.flatMap((r) => r.openings).filter((o) => o.end > since && o.end < round.start).sort((a, b) => b.end.localeCompare(a.end))[0];
}

export interface WhyContext {
  street: string;
  /** The street as the letter names it ("de Hudsonstraat"). */
  named: string;
  moratoriumYears: number | undefined;
  t: Translate;
  language: Language;
}

/**
 * Why a round comes when it does, when residents would ask: a work the planner had to place late or behind a
 * moratorium (from `plan.infeasible`), or a street opening again within the moratorium after a repaving (from the
 * works' shift explanations, else the window that kept them apart). Empty when nothing needs explaining.
 */
export function whyAgain(round: Round, index: number, rounds: readonly Round[], plan: Plan, { street, named, moratoriumYears, t, language }: WhyContext): string[] {
  const works = round.openings.flatMap((o) => o.works);
  const ids = new Set(works.map((w) => w.workId));
  const date = (iso: MessageParam | undefined) => (typeof iso === 'string' ? formatDateLong(iso, language) : '');
  const reasons: string[] = [];
  for (const inf of plan.infeasible) {
    if (!inf.workIds.some((id) => ids.has(id)) || inf.reason === 'window-too-short' || inf.reason === 'no-segment') continue;
    const m = inf.message as Message | undefined;
    const p = m?.params ?? {};
    if (m?.code === 'plan.infeasible.late' && round.openings.some((o) => o.start === p.start)) {
      const common = { works: jobs(p.works, t, language), latest: date(p.latest), start: date(p.start) };
      const because = isMessage(p.because) ? p.because : undefined;
      // The planner's "repaved then" is the repaving residents already lived through: name its date.
      const paved = because?.code === 'plan.because.moratorium' ? repavedBefore(round, rounds.slice(0, index), Infinity) : undefined;
      reasons.push(paved
        ? t('plan.letter.why.late-paved', { ...common, pavedOn: date(paved.end), years: because!.params?.years ?? null })
        : t('plan.letter.why.late', { ...common, because: resident(p.because, language) }));
    } else if (m?.code === 'plan.infeasible.moratorium' && p.street === street) {
      reasons.push(t('plan.letter.why.paved', { street: named, pavedOn: date(p.pavedOn), years: p.years ?? null, work: jobs(p.work, t, language), openFrom: date(p.openFrom) }));
    } else if (!m) {
      reasons.push(infeasibilityText(inf, language));
    }
  }
  const earlier = rounds.slice(0, index);
  // Residents ask "why again?" after any opening within the moratorium, repaved or only closed up again
  // (the demo's Schippersstraat: a sewer in 2027, KPN's cables 13 months later); only a repaving is claimed as one.
  const before = index > 0 && moratoriumYears !== undefined ? repavedBefore(round, earlier, moratoriumYears) ?? closedBefore(round, earlier, moratoriumYears) : undefined;
  if (reasons.length === 0 && before) reasons.push(...whyNotTogether(works, before, round, t, language));
  return reasons.length ? [[...new Set(reasons)].map(capitalise).join(' ')] : [];
}

/** Why a round did not join the repaving before it: what moved its works, else the window that kept them apart. */
function whyNotTogether(works: readonly ScheduledWork[], paved: Opening, round: Round, t: Translate, language: Language): string[] {
  const moved = works.filter((w) => w.message?.params?.because && /^plan\.shift\.(blocked|late)/.test(w.message.code));
  if (moved.length) {
    return distinct(moved).map((w) => t('plan.letter.why.moved', {
      work: t(`plan.letter.job.${w.type}`), moved: w.message!.params!.moved ?? null, because: resident(w.message!.params!.because, language),
    }));
  }
  const late = distinct(works).find((w) => w.window?.from && w.window.from > paved.end);
  if (late) return [t('plan.letter.why.window', { owner: late.owner, work: t(`plan.letter.job.${late.type}`), from: formatDateLong(late.window!.from!, language) })];
  const early = distinct(paved.works).find((w) => w.window?.to && w.window.to < round.start);
  if (early) return [t('plan.letter.why.window-end', { owner: early.owner, work: t(`plan.letter.job.${early.type}`), to: formatDateLong(early.window!.to!, language) })];
  return [t('plan.letter.why.windows')];
}

/** Works named as residents say them ("de riolering en de bestrating"), from `plan.work` messages. */
function jobs(param: MessageParam | undefined, t: Translate, language: Language): string {
  const list = Array.isArray(param) ? param : param === undefined ? [] : [param];
  const names = list.map((m) => {
    const type = isMessage(m) && isMessage(m.params?.type) ? m.params.type.code.replace('plan.work-type.', '') : '';
    return (WORK_TYPES as readonly string[]).includes(type) ? t(`plan.letter.job.${type as WorkType}`) : isMessage(m) ? render(m, language) : String(m);
  });
  return formatList([...new Set(names)], language);
}

/**
 * A planner's reason (`plan.because.*`) as residents read it: the streets it names without their segment ids
 * ("de Hudsonstraat", not "Hudsonstraat (hudsonstraat-2)").
 */
function resident(because: MessageParam | undefined, language: Language): MessageParam {
  if (!isMessage(because)) return because ?? null;
  const plain = (s: MessageParam): MessageParam => {
    if (typeof s !== 'string') return s;
    const street = s.replace(/ \([^()]*\)$/, '');
    return language === 'nl' ? withArticle(street) : street;
  };
  const where = because.params?.where;
  return { ...because, params: { ...because.params, ...(where === undefined ? {} : { where: Array.isArray(where) ? where.map(plain) : plain(where) }) } };
}

function distinct(works: readonly ScheduledWork[]): ScheduledWork[] {
  return [...new Map(works.map((w) => [w.workId, w])).values()];
}

/**
 * "de Hudsonstraat", "het Heemraadsplein": squares, parks and courts are neuter; a name that brings its own article
 * ("De Vliegerstraat") or a number ("Plein 1940") takes none.
 */
export function withArticle(street: string): string {
  if (/^(de|het|'s|'t)\s/i.test(street) || /\d/.test(street)) return street;
  return /(plein|park|plantsoen|hof|veld|erf)$/i.test(street) ? `het ${street}` : `de ${street}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
