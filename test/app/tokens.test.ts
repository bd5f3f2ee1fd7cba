import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../server/app/tokens.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';

const admin: Principal = { tokenId: 'token-admin', organisation: 'Gemeente Rotterdam', organisationKind: 'municipality', role: 'admin' };

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store?.close());

describe('the token use cases', () => {
  it('creates a token that authenticates at once and revokes it once, each audited', async () => {
    const created = await createToken(store, admin, { organisation: 'Eneco', kind: 'heat-company', role: 'submitter', label: 'test' });
    expect(structuredClone(created)).toEqual(created);
    expect(await store.access.principal(created.token)).toMatchObject({ organisation: 'Eneco', role: 'submitter' });
    expect(await revokeToken(store, admin, created.id)).toEqual({ ok: true });
    expect(await store.access.principal(created.token)).toBeUndefined();
    expect(await revokeToken(store, admin, created.id)).toEqual({ ok: false, reason: 'not-found' });
    const audited = await store.access.auditLog({ objectType: 'token', objectId: created.id });
    expect(audited.map((a) => [a.action, a.organisation, a.detail]).reverse()).toEqual([['create', 'Gemeente Rotterdam', { organisation: 'Eneco', role: 'submitter' }], ['revoke', 'Gemeente Rotterdam', {}]]);
  });
});
