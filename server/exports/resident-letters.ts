import type { Opening, Plan, ScheduledWork, WorkType } from '../domain/plan/plan.types.ts';
import { formatRangeNl, ownersOf, worksInDepthOrder } from './plan-format.ts';

export interface ResidentLetter {
  openingId: string;
  street: string;
  text: string;
}

export interface LetterOptions {
  /** Who sends the letter and answers questions, e.g. "Gemeente Rotterdam"; "de gemeente" when absent. */
  municipality?: string;
}

/** What each kind of work does, as a Dutch verb with its object (and separable particle), owner as subject. */
const WORK_SENTENCES: Record<WorkType, { verb: string; object: string; particle?: string }> = {
  sewer: { verb: 'vervangt', object: 'de riolering' },
  heat: { verb: 'legt', object: 'het warmtenet', particle: 'aan' },
  water: { verb: 'vernieuwt', object: 'de waterleiding' },
  gas: { verb: 'vervangt', object: 'de gasleiding' },
  cables: { verb: 'legt', object: 'nieuwe kabels' },
  connections: { verb: 'sluit', object: 'de woningen', particle: 'aan' },
  trees: { verb: 'plant', object: 'nieuwe bomen' },
  paving: { verb: 'herstelt', object: 'de bestrating' },
};

const LIST_NL = new Intl.ListFormat('nl-NL', { style: 'long', type: 'conjunction' });

/**
 * One plain-language Dutch letter per opening, to the residents of its street: when the street is open, every
 * work in it in the order the crews dig (deepest first) with its dates and the party doing it, how many openings
 * the coordination saves, and the street's other openings. One story signed once on behalf of every party, instead
 * of a letter from each. Letters come street by street, in time order within a street.
 *
 * @example planToLetters(plan, { municipality: 'Gemeente Rotterdam' })[0].text
 * // 'Beste bewoners van de Hudsonstraat,\n\nVan 2 maart tot en met 12 juni 2026 gaat …'
 */
export function planToLetters(plan: Plan, { municipality }: LetterOptions = {}): ResidentLetter[] {
  const openings = [...plan.openings].sort((a, b) => a.street.localeCompare(b.street, 'nl') || a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  return openings.map((opening) => ({
    openingId: opening.id,
    street: opening.street,
    text: letter(opening, openings.filter((o) => o.street === opening.street && o.id !== opening.id), municipality),
  }));
}

/** All letters in one text, each on its own page (form feed) after a dividing line, for printing in one go. */
export function lettersToText(letters: ResidentLetter[]): string {
  return letters.map((l) => l.text).join(`\n${'-'.repeat(72)}\n\f\n`);
}

function letter(opening: Opening, others: Opening[], municipality: string | undefined): string {
  const works = worksInDepthOrder(opening);
  const owners = ownersOf(works);
  const street = withArticle(opening.street);
  const sender = municipality?.trim() || 'de gemeente';
  const period = formatRangeNl(opening.start, opening.end);

  const intro = [`${capitalise(period.includes(' tot en met ') ? `van ${period}` : `op ${period}`)} gaat ${street} open.`];
  if (works.length > 1) {
    const parties = owners.length > 1 ? `${LIST_NL.format(owners)} hebben hun werk op elkaar afgestemd` : `${owners[0]} heeft het werk zo gepland`;
    intro.push(`${parties}, zodat de straat één keer open gaat in plaats van ${works.length} keer.`);
  }

  const story = works.map((work, i) => sentence(work, i, works)).join(' ');

  const more = others.map((o) => `van ${formatRangeNl(o.start, o.end)}${o.segmentId === opening.segmentId ? '' : ' (een ander deel van de straat)'}`);
  const also = more.length
    ? [`Let op: ${street} gaat ook open ${LIST_NL.format(more)}. Daarover krijgt u ${more.length > 1 ? 'aparte brieven' : 'een aparte brief'}.`]
    : [];

  return [
    `Beste bewoners van ${street},`,
    intro.join(' '),
    `Dit gaat er gebeuren. ${story}`,
    ...also,
    `Vlak voor de start hoort u van de uitvoerende partijen hoe uw woning bereikbaar blijft. Heeft u vragen, neem dan contact op met ${sender}; wij zorgen dat uw vraag bij de juiste partij terechtkomt.`,
    signature(sender, owners),
  ].join('\n\n') + '\n';
}

function signature(sender: string, owners: string[]): string {
  const others = owners.filter((o) => o.toLowerCase() !== sender.toLowerCase());
  return `Met vriendelijke groet,\n\n${capitalise(sender)}${others.length ? `\nook namens ${LIST_NL.format(others)}` : ''}`;
}

/** "Eerst vervangt Gemeente Rotterdam de riolering, van 2 maart tot en met 10 april 2026." */
function sentence(work: ScheduledWork, index: number, works: ScheduledWork[]): string {
  const { verb, object, particle } = WORK_SENTENCES[work.type];
  const previous = works[index - 1];
  const lead =
    index === 0 ? (works.length > 1 ? 'Eerst' : '')
    : previous && previous.start === work.start ? 'Tegelijk'
    : index === works.length - 1 && works.length > 2 ? 'Tot slot'
    : index % 2 === 1 ? 'Daarna' : 'Vervolgens';
  const clause = lead ? `${lead} ${verb} ${work.owner} ${object}` : `${work.owner} ${verb} ${object}`;
  const project = work.name ? ` (${work.name})` : '';
  const range = formatRangeNl(work.start, work.end);
  const when = range.includes(' tot en met ') ? `van ${range}` : `op ${range}`;
  return `${clause}${particle ? ` ${particle}` : ''}${project}, ${when}.`;
}

/**
 * "de Hudsonstraat", "het Heemraadsplein": squares, parks and courts are neuter; a name that brings its own article
 * ("De Vliegerstraat") or a number ("Plein 1940") takes none.
 */
function withArticle(street: string): string {
  if (/^(de|het|'s|'t)\s/i.test(street) || /\d/.test(street)) return street;
  return /(plein|park|plantsoen|hof|veld|erf)$/i.test(street) ? `het ${street}` : `de ${street}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
