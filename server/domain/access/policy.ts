import { type Message, msg } from '../message.ts';

/**
 * Who may do what. Roles are granted per organisation through API tokens; an action is allowed when the role
 * grants it, and for `own` grants only on objects the organisation owns. Pure data and one function, so the
 * table-driven tests read the same table the server enforces.
 */
export const ROLES = ['admin', 'engineer', 'submitter', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['municipality', 'grid-operator', 'heat-company', 'water-company', 'contractor', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ACTIONS = [
  'session:read',
  'layers:read',
  'layers:write',
  'checks:run',
  'checks:read',
  'routes:submit',
  'routes:read',
  'routes:decide',
  'works:read',
  'works:write',
  'plans:compute',
  'plans:read',
  'imports:run',
  'audit:read',
  'tokens:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** `all`: any object; `own`: objects owned by the caller's organisation. */
export type Scope = 'all' | 'own';

export interface Principal {
  tokenId: string;
  organisation: string;
  organisationKind: OrganisationKind;
  role: Role;
}

const everything = Object.fromEntries(ACTIONS.map((a) => [a, 'all'])) as Record<Action, Scope>;

/** The grants per role (DESIGN.md "Users"; issue 7). A missing action is forbidden. */
export const GRANTS: Readonly<Record<Role, Readonly<Partial<Record<Action, Scope>>>>> = {
  admin: everything,
  engineer: {
    'session:read': 'all',
    'layers:read': 'all',
    'layers:write': 'own',
    'checks:run': 'all',
    'checks:read': 'all',
    'routes:read': 'all',
    'routes:decide': 'all',
    'works:read': 'all',
    'works:write': 'own',
    'plans:read': 'all',
    // A KLIC delivery holds every operator's networks: the municipality imports them all.
    'imports:run': 'all',
    'audit:read': 'all',
  },
  submitter: {
    'session:read': 'all',
    'layers:read': 'all',
    'layers:write': 'own',
    'checks:run': 'all',
    'checks:read': 'own',
    'routes:submit': 'own',
    'routes:read': 'own',
    'works:read': 'all',
    'works:write': 'own',
    'plans:read': 'all',
    'imports:run': 'own',
  },
  planner: {
    'session:read': 'all',
    'layers:read': 'all',
    'checks:run': 'all',
    'checks:read': 'all',
    'routes:read': 'all',
    'works:read': 'all',
    'works:write': 'all',
    'plans:compute': 'all',
    'plans:read': 'all',
  },
  viewer: {
    'session:read': 'all',
    'layers:read': 'all',
    'checks:read': 'own',
    'works:read': 'all',
    'plans:read': 'all',
  },
};

/** A refusal's `reason` is a message (`access.*`): the edge renders it in the reader's language. */
export type Decision = { allowed: true; scope: Scope } | { allowed: false; reason: Message };

/**
 * Decides whether `principal` may perform `action`, on an object owned by `owner` when given.
 * Without `owner` an `own` grant is allowed with scope `own`: the caller then filters or checks per object.
 *
 * @example can({ role: 'submitter', organisation: 'Eneco', ... }, 'routes:decide')
 *   // { allowed: false, reason: { code: 'access.role-may-not', params: { role: 'submitter', action: { code: 'access.action.routes:decide' } } } }
 * @example can({ role: 'submitter', organisation: 'Eneco', ... }, 'layers:write', 'Stedin') // { allowed: false, ... }
 */
export function can(principal: Principal, action: Action, owner?: string): Decision {
  const scope = GRANTS[principal.role][action];
  if (!scope) return { allowed: false, reason: msg('access.role-may-not', { role: principal.role, action: describe(action) }) };
  if (scope === 'own' && owner !== undefined && owner !== principal.organisation) {
    return { allowed: false, reason: msg('access.own-only', { role: principal.role, organisation: principal.organisation, action: describe(action), owner }) };
  }
  return { allowed: true, scope };
}

/**
 * Layers whose features only a municipality (or an admin) writes: reservations are the municipality's division of
 * the street's underground, which the parties who dig must respect, not draw for themselves.
 */
export const MUNICIPAL_LAYERS: readonly string[] = ['reservations'];

/**
 * Decides whether `principal` may write a feature of `layer` owned by `owner`: `layers:write` as `can` decides it,
 * and for a municipal layer only as a municipality or an admin.
 *
 * @example canWriteLayer({ role: 'submitter', organisationKind: 'heat-company', organisation: 'Eneco', ... }, 'reservations', 'Eneco')
 *   // { allowed: false, reason: { code: 'access.municipality-only', params: { organisation: 'Eneco', layer: 'reservations' } } }
 * @example canWriteLayer({ role: 'engineer', organisationKind: 'municipality', organisation: 'Rotterdam', ... }, 'reservations', 'Rotterdam')
 *   // { allowed: true, scope: 'own' }
 */
export function canWriteLayer(principal: Principal, layer: string, owner?: string): Decision {
  if (MUNICIPAL_LAYERS.includes(layer) && principal.role !== 'admin' && principal.organisationKind !== 'municipality') {
    return { allowed: false, reason: msg('access.municipality-only', { organisation: principal.organisation, layer }) };
  }
  return can(principal, 'layers:write', owner);
}

/** Narrows a string to a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The action as words, one catalogue text per action (`access.action.imports:run`). */
function describe(action: Action): Message {
  return msg(`access.action.${action}`);
}
