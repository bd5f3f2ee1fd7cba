import type { Opening, Plan, ScheduledWork } from '../domain/plan/plan.types.ts';
import { formatList } from '../messages/format.ts';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language.ts';
import { type Translate, translator } from '../messages/render.ts';
import { formatWhen, ownersOf, worksInDepthOrder } from './plan-format.ts';

export interface ResidentLetter {
  openingId: string;
  street: string;
  text: string;
}

export interface LetterOptions {
  /** Who sends the letter and answers questions, e.g. "Gemeente Rotterdam"; "de gemeente" when absent. */
  municipality?: string;
  /** Dutch by default: the letters go to residents of Dutch streets; English for residents who asked for it. */
  language?: Language;
}

/**
 * One plain-language letter per opening, to the residents of its street (Dutch, or English with `language: 'en'`):
 * when the street is open, every work in it in the order the crews dig (deepest first) with its dates and the party
 * doing it, how many openings the coordination saves, and the street's other openings. One story signed once on
 * behalf of every party, instead of a letter from each. Letters come street by street, in time order within a street.
 *
 * @example planToLetters(plan, { municipality: 'Gemeente Rotterdam' })[0].text
 * // 'Beste bewoners van de Hudsonstraat,\n\nVan 2 maart tot en met 12 juni 2026 gaat …'
 */
export function planToLetters(plan: Plan, { municipality, language = DEFAULT_LANGUAGE }: LetterOptions = {}): ResidentLetter[] {
  const openings = [...plan.openings].sort((a, b) => a.street.localeCompare(b.street, 'nl') || a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  return openings.map((opening) => ({
    openingId: opening.id,
    street: opening.street,
    text: letter(opening, openings.filter((o) => o.street === opening.street && o.id !== opening.id), municipality, language),
  }));
}

/** All letters in one text, each on its own page (form feed) after a dividing line, for printing in one go. */
export function lettersToText(letters: ResidentLetter[]): string {
  return letters.map((l) => l.text).join(`\n${'-'.repeat(72)}\n\f\n`);
}

function letter(opening: Opening, others: Opening[], municipality: string | undefined, language: Language): string {
  const t = translator(language);
  const list = (items: string[]) => formatList(items, language);
  const works = worksInDepthOrder(opening);
  const owners = ownersOf(works);
  const street = language === 'nl' ? withArticle(opening.street) : opening.street;
  const sender = municipality?.trim() || t('plan.letter.municipality');

  const intro = [capitalise(t('plan.letter.opens', { when: formatWhen(opening.start, opening.end, language), street }))];
  if (works.length > 1) {
    intro.push(owners.length > 1
      ? t('plan.letter.coordinated-many', { owners: list(owners), count: works.length })
      : t('plan.letter.coordinated-one', { owner: owners[0]!, count: works.length }));
  }

  const story = works.map((work, i) => sentence(work, i, works, t, language)).join(' ');

  const more = others.map((o) => {
    const when = formatWhen(o.start, o.end, language);
    return o.segmentId === opening.segmentId ? when : t('plan.letter.other-part', { when });
  });
  const also = more.length ? [t(more.length > 1 ? 'plan.letter.also-many' : 'plan.letter.also-one', { street, when: list(more) })] : [];

  return [
    t('plan.letter.greeting', { street }),
    intro.join(' '),
    t('plan.letter.story', { story }),
    ...also,
    t('plan.letter.contact', { sender }),
    signature(sender, owners, t, language),
  ].join('\n\n') + '\n';
}

function signature(sender: string, owners: string[], t: Translate, language: Language): string {
  const others = owners.filter((o) => o.toLowerCase() !== sender.toLowerCase());
  return `${t('plan.letter.regards')}\n\n${capitalise(sender)}${others.length ? `\n${t('plan.letter.on-behalf', { owners: formatList(others, language) })}` : ''}`;
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
