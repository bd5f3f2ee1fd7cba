import { RESERVATION_PURPOSES } from '../../server/domain/assets/layers.ts';
import { formatDate } from './format.ts';
import type { Language, Translate } from './i18n.ts';

/**
 * What the feature information says about a reservation, as label and value pairs in the reader's language: what
 * the space is kept for, for whom, from when until when, and where the reservation comes from.
 *
 * @example reservationFacts({ purpose: 'lane', kinds: ['heat'], organisation: 'Eneco', valid_from: '2026-01-01' }, t, 'en')
 *   // [['Kept for', 'Utility lane'], ['Meant for', 'heat of Eneco'], ['Valid', 'from 1 Jan 2026'], ['Source', '—']]
 */
export function reservationFacts(p: Readonly<Record<string, unknown>>, t: Translate, language: Language): [string, string][] {
  const purpose = (RESERVATION_PURPOSES as readonly unknown[]).includes(p.purpose) ? t(`legend.${p.purpose as (typeof RESERVATION_PURPOSES)[number]}`) : String(p.purpose ?? '—');
  return [
    [t('info.purpose'), purpose],
    [t('info.meantFor'), meantFor(p, t)],
    [t('info.valid'), validity(p, t, language)],
    [t('info.source'), typeof p.source === 'string' && p.source !== '' ? p.source : '—'],
  ];
}

function meantFor(p: Readonly<Record<string, unknown>>, t: Translate): string {
  if (p.purpose !== 'lane') return t('info.meantForNone');
  const kinds = Array.isArray(p.kinds) ? p.kinds.map((k) => t(`check.new.${String(k)}` as Parameters<Translate>[0])) : [];
  const organisation = typeof p.organisation === 'string' && p.organisation !== '' ? p.organisation : undefined;
  if (kinds.length && organisation) return t('info.kindsOf', { kinds, organisation });
  if (organisation) return organisation;
  if (kinds.length) return t('info.kinds', { kinds });
  return t('info.meantForAny');
}

function validity(p: Readonly<Record<string, unknown>>, t: Translate, language: Language): string {
  const from = typeof p.valid_from === 'string' ? formatDate(p.valid_from, language) : undefined;
  const until = typeof p.valid_until === 'string' ? formatDate(p.valid_until, language) : undefined;
  if (from && until) return t('info.validBetween', { from, until });
  if (from) return t('info.validFrom', { from });
  if (until) return t('info.validUntil', { until });
  return t('info.validAlways');
}
