import type { Opening, Plan, WorkType } from '../domain/plan/plan.types.ts';
import { formatList } from '../messages/format.ts';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language.ts';
import { type Translate, translator } from '../messages/render.ts';
import { formatDateLong, formatWhen, ownersOf } from './plan-format.ts';
import { type Round, capitalise, partLabels, repavedBefore, roundsOf, storyOf, whyAgain, withArticle } from './resident-story.ts';

export interface ResidentLetter {
  street: string;
  /** Every opening the letter tells about, in time order. */
  openingIds: string[];
  text: string;
}

export interface LetterOptions {
  /** Who sends the letter and answers questions, e.g. "Gemeente Rotterdam"; else the municipality among the owners, else "de gemeente". */
  municipality?: string;
  /** One line where residents reach the sender, e.g. "14 010 of bereikbaarheid@rotterdam.nl". */
  contact?: string;
  /** Dutch by default: the letters go to residents of Dutch streets; English for residents who asked for it. */
  language?: Language;
  /** The plan's moratorium: a street opening again sooner after a repaving is explained to its residents. */
  moratoriumYears?: number;
  /** Working hours on site, `HH:MM`; 07:00–19:00 is what the Bouwbesluit allows for construction noise on working days. */
  workingHours?: { from: string; to: string };
}

const DIGGING: readonly WorkType[] = ['sewer', 'heat', 'water', 'gas', 'cables', 'connections', 'paving'];
const NOISY = ['sewer', 'paving'] as const;

/**
 * One plain-language letter per street, to its residents (Dutch, or English with `language: 'en'`), telling every
 * opening of the street in time order: when each part of the street is open, every work in the order the crews dig
 * (deepest first) with its party and dates, what residents will notice, why the street opens again when it does so
 * within the moratorium or later than planned, and one contact. Signed once on behalf of every party, instead of a
 * letter from each, and one letter instead of one per segment or opening. Letters come in street order.
 *
 * @example planToLetters(plan, { municipality: 'Gemeente Rotterdam' })[0]
 * // { street: 'Grote Visserijstraat', openingIds: ['grote-visserijstraat-1@2027-11-15', …], text: 'Beste bewoners van de Grote Visserijstraat,\n\nVan 15 november …' }
 */
export function planToLetters(plan: Plan, options: LetterOptions = {}): ResidentLetter[] {
  const byStreet = new Map<string, Opening[]>();
  for (const o of plan.openings) (byStreet.get(o.street) ?? byStreet.set(o.street, []).get(o.street)!).push(o);
  return [...byStreet.keys()].sort((a, b) => a.localeCompare(b, 'nl')).map((street) => {
    const openings = byStreet.get(street)!.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    return { street, openingIds: openings.map((o) => o.id), text: letter(street, openings, plan, options) };
  });
}

/** All letters in one text, each on its own page (form feed) after a dividing line, for printing in one go. */
export function lettersToText(letters: ResidentLetter[]): string {
  return letters.map((l) => l.text).join(`\n${'-'.repeat(72)}\n\f\n`);
}

function letter(street: string, openings: Opening[], plan: Plan, options: LetterOptions): string {
  const language = options.language ?? DEFAULT_LANGUAGE;
  const t = translator(language);
  const named = language === 'nl' ? withArticle(street) : street;
  const works = openings.flatMap((o) => o.works);
  const owners = ownersOf(works);
  const sender = options.municipality?.trim() || owners.find((o) => /^gemeente\b/i.test(o)) || t('plan.letter.municipality');
  const parts = partLabels(openings, t, language);
  const rounds = roundsOf(openings);

  const told = rounds.map((round, i) => [
    [opensLine(round, i, rounds, named, parts, t, language, options.moratoriumYears), coordinated(round, t, language)].filter(Boolean).join(' '),
    ...whyAgain(round, i, rounds, plan, { street, named, moratoriumYears: options.moratoriumYears, t, language }),
    ...(parts.size > 0 ? [`${t('plan.letter.parts')}\n${round.openings.map((o) => `- ${capitalise(t('plan.letter.part-when', { part: parts.get(o.segmentId)!, when: formatWhen(o.start, o.end, language) }))}`).join('\n')}`] : []),
    `${t('plan.letter.story')}\n${storyOf(round, parts, t, language)}`,
  ].join('\n\n'));

  const contact = [t('plan.letter.contact', { sender }), ...(options.contact?.trim() ? [t('plan.letter.contact-line', { contact: options.contact.trim() })] : [])].join(' ');
  return [
    t('plan.letter.greeting', { street: named }),
    ...told,
    notices(new Set(works.map((w) => w.type)), t, language, options.workingHours),
    contact,
    signature(sender, owners, t, language),
  ].join('\n\n') + '\n';
}

/** "Van 2 maart tot en met 12 juni 2026 gaat de Hudsonstraat open.", or that it opens again, and when that is soon after a repaving, that too. */
function opensLine(round: Round, i: number, rounds: Round[], street: string, parts: ReadonlyMap<string, string>, t: Translate, language: Language, moratoriumYears: number | undefined): string {
  const when = formatWhen(round.start, round.end, language);
  if (i === 0) return capitalise(t('plan.letter.opens', { when, street }));
  const paved = moratoriumYears === undefined ? undefined : repavedBefore(round, rounds.slice(0, i), moratoriumYears);
  if (!paved) return capitalise(t('plan.letter.again', { when, street }));
  return capitalise(t('plan.letter.again-paved', {
    when, street, years: moratoriumYears!, pavedOn: formatDateLong(paved.end, language),
    paved: parts.get(paved.segmentId) ?? street,
  }));
}

function coordinated(round: Round, t: Translate, language: Language): string | undefined {
  const count = Math.max(...round.openings.map((o) => new Set(o.works.map((w) => w.workId)).size));
  if (count < 2) return undefined;
  const owners = ownersOf(round.openings.flatMap((o) => o.works));
  return owners.length > 1
    ? t('plan.letter.coordinated-many', { owners: formatList(owners, language), count })
    : t('plan.letter.coordinated-one', { owner: owners[0]!, count });
}

/** What residents will notice, from the kinds of work in their street: access, parking, trees, waste, hours and noise. */
function notices(types: ReadonlySet<WorkType>, t: Translate, language: Language, hours = { from: '07:00', to: '19:00' }): string {
  const digging = DIGGING.some((type) => types.has(type));
  const noisy = NOISY.filter((type) => types.has(type)).map((type) => t(`plan.letter.noisy.${type}`));
  const time = (hhmm: string) => (language === 'nl' ? hhmm.replace(/^0(?=\d)/, '').replace(':', '.') : hhmm);
  const lines = [
    t('plan.letter.notice.access'),
    ...(types.has('connections') ? [t('plan.letter.notice.connections')] : []),
    digging ? t('plan.letter.notice.parking') : t('plan.letter.notice.parking-trees'),
    ...(types.has('trees') && digging ? [t('plan.letter.notice.trees')] : []),
    t('plan.letter.notice.waste'),
    [t('plan.letter.notice.hours', { from: time(hours.from), to: time(hours.to) }), ...(noisy.length ? [t('plan.letter.notice.noise', { works: formatList(noisy, language) })] : [])].join(' '),
  ];
  return `${t('plan.letter.notice')}\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

function signature(sender: string, owners: string[], t: Translate, language: Language): string {
  const others = owners.filter((o) => o.toLowerCase() !== sender.toLowerCase());
  return `${t('plan.letter.regards')}\n\n${capitalise(sender)}${others.length ? `\n${t('plan.letter.on-behalf', { owners: formatList(others, language) })}` : ''}`;
}
