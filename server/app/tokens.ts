import type { OrganisationKind, Principal, Role } from '../domain/access/policy.ts';
import type { Store } from '../store/index.ts';

export interface CreateTokenInput {
  organisation: string;
  kind: OrganisationKind;
  role: Role;
  label: string;
}

/**
 * Creates a token for an organisation and role, audited in the same transaction. The plain token is in this answer
 * only; the store keeps its hash. Whether `who` may manage tokens is the caller's guard (`tokens:manage`).
 *
 * @example const { id, token } = await createToken(store, admin, { organisation: 'Eneco', kind: 'heat-company', role: 'submitter', label: '' });
 */
export async function createToken(store: Store, who: Principal, { organisation, kind, role, label }: CreateTokenInput): Promise<{ id: string; token: string }> {
  return store.transaction(async (tx) => {
    const created = await tx.access.createToken(organisation, kind, role, label);
    await tx.access.audit(who, { action: 'create', objectType: 'token', objectId: created.id, detail: { organisation, role } });
    return created;
  });
}

/**
 * Revokes a live token, audited in the same transaction; not-found when there is no live token with this id.
 *
 * @example const result = await revokeToken(store, admin, id); result.ok || result.reason // true, or 'not-found'
 */
export async function revokeToken(store: Store, who: Principal, id: string): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
  return store.transaction(async (tx) => {
    if (!(await tx.access.revokeToken(id))) return { ok: false, reason: 'not-found' } as const;
    await tx.access.audit(who, { action: 'revoke', objectType: 'token', objectId: id });
    return { ok: true } as const;
  });
}
