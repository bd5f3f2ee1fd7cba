import type { CheckReport, Conflict } from '../domain/check/check.types.ts';
import { type Message, msg } from '../domain/message.ts';
import type { Language } from './language.ts';
import { render } from './render.ts';

/**
 * A conflict as a store may hold it: with its message, or, stored before findings had codes, with only the English
 * sentence. Both read back.
 */
export type StoredConflict = Omit<Conflict, 'message' | 'basis'> & { message?: Message; explanation?: string; basis?: Message | string };
export type StoredReport = Omit<CheckReport, 'conflicts'> & { conflicts: StoredConflict[] };

/**
 * A conflict as the edge answers it: the message (when stored with one) and its sentence in the reader's language;
 * the basis (where the requirement comes from) as a citation in that language.
 */
export type ExplainedConflict = Omit<StoredConflict, 'basis'> & { explanation: string; basis?: string };
export type ExplainedReport = Omit<CheckReport, 'conflicts'> & { conflicts: ExplainedConflict[]; verdict: string };

/**
 * The report in one sentence. While any part of the trench lies outside coverage it is unknown ground, never "no
 * conflicts": an empty list there means nothing was known, not that nothing is there.
 *
 * @example verdictOf({ conflicts: [], summary: { coverage: 'none', outsideCoverage_m: { cables: 100 }, ... } }) // { code: 'check.verdict.unknown-ground', ... }
 */
export function verdictOf(report: Pick<StoredReport, 'conflicts' | 'summary'>): Message {
  const s = report.summary;
  const outside = Object.entries(s.outsideCoverage_m ?? {}).filter(([, m]) => (m ?? 0) > 0);
  if (s.coverage === 'none' && outside.length > 0) {
    // Nothing of the trench is known ground: say so, rather than "up to" its own length.
    return msg('check.verdict.unknown-ground-all', { length_m: s.trenchLength_m, layers: outside.map(([layer]) => msg(`check.layer.${layer}`)) });
  }
  if (s.coverage && s.coverage !== 'complete' && outside.length > 0) {
    return msg('check.verdict.unknown-ground', {
      outside_m: Math.max(...outside.map(([, m]) => m ?? 0)),
      layers: outside.map(([layer]) => msg(`check.layer.${layer}`)),
    });
  }
  if (report.conflicts.length === 0) return msg('check.verdict.no-conflicts');
  return msg('check.verdict.findings', { total: s.total, ...s.bySeverity });
}

/**
 * The sentence of a finding in `language`; an old record without a message keeps the sentence it was stored with.
 *
 * @example explanationOf(conflict, 'nl') // 'De sleuf voor warmte ligt op 0,60 m (rand tot rand) van drinkwaterleiding …'
 */
export function explanationOf(conflict: StoredConflict, language: Language): string {
  return conflict.message ? render(conflict.message, language) : (conflict.explanation ?? '');
}

/**
 * A report with every conflict's `explanation` rendered in `language` beside its `message`, so API users that read
 * the sentence keep working and those that want codes and numbers have them. The stored report is not changed.
 *
 * @example explainReport(report, 'en').conflicts[0].explanation // 'The heat trench runs 0.60 m edge to edge from …'
 */
export function explainReport(report: StoredReport, language: Language): ExplainedReport {
  return { ...report, conflicts: report.conflicts.map((c) => explained(c, language)), verdict: render(verdictOf(report), language) };
}

function explained({ basis, ...c }: StoredConflict, language: Language): ExplainedConflict {
  const out: ExplainedConflict = { ...c, explanation: explanationOf(c, language) };
  if (basis !== undefined) out.basis = typeof basis === 'string' ? basis : render(basis, language);
  return out;
}
