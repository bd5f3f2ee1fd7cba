import type { Texts } from './texts.ts';

/**
 * Why a role was refused an action (403). `{action}` is one of the `access.action.*` texts, `{role}` and the
 * organisations are identifiers as the token holds them. The English reads as the server's sentences did before
 * they moved here, so API clients matching on them keep working with `?lang=en`.
 */
export const nl = {
  'access.role-may-not': 'rol {role} mag niet {action}',
  'access.own-only': 'rol {role} van {organisation} mag alleen voor {organisation} {action}, niet voor {owner}',
  'access.municipality-only': '{organisation} is geen gemeente: alleen een gemeente legt reserveringen in laag {layer} vast',

  'access.action.session:read': 'de sessie lezen',
  'access.action.layers:read': 'lagen lezen',
  'access.action.layers:write': 'lagen wijzigen',
  'access.action.checks:run': 'toetsen uitvoeren',
  'access.action.checks:read': 'toetsen lezen',
  'access.action.routes:submit': 'tracés indienen',
  'access.action.routes:read': 'tracés lezen',
  'access.action.routes:decide': 'over tracés beslissen',
  'access.action.works:read': 'werken lezen',
  'access.action.works:write': 'werken wijzigen',
  'access.action.plans:compute': 'planningen berekenen',
  'access.action.plans:read': 'planningen lezen',
  'access.action.imports:run': 'imports uitvoeren',
  'access.action.audit:read': 'het auditlog lezen',
  'access.action.tokens:manage': 'tokens beheren',
};

export const en: Texts<typeof nl> = {
  'access.role-may-not': 'role {role} may not {action}',
  'access.own-only': 'role {role} of {organisation} may {action} only for {organisation}, not for {owner}',
  'access.municipality-only': '{organisation} is not a municipality: only a municipality records reservations in layer {layer}',

  'access.action.session:read': 'read session',
  'access.action.layers:read': 'read layers',
  'access.action.layers:write': 'write layers',
  'access.action.checks:run': 'run checks',
  'access.action.checks:read': 'read checks',
  'access.action.routes:submit': 'submit routes',
  'access.action.routes:read': 'read routes',
  'access.action.routes:decide': 'decide routes',
  'access.action.works:read': 'read works',
  'access.action.works:write': 'write works',
  'access.action.plans:compute': 'compute plans',
  'access.action.plans:read': 'read plans',
  'access.action.imports:run': 'run imports',
  'access.action.audit:read': 'read audit',
  'access.action.tokens:manage': 'manage tokens',
};
