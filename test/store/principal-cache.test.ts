import { describe, expect, it } from 'vitest';
import type { Principal } from '../../server/domain/access/policy.ts';
import { PrincipalCache } from '../../server/store/access-store.ts';

const eneco: Principal = { tokenId: 't1', organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter' };

describe('PrincipalCache', () => {
  it('keeps a principal looked up with no revocation since, and forgets all at a revocation', () => {
    const cache = new PrincipalCache();
    cache.keep('h1', eneco, cache.revocations);
    expect(cache.get('h1')).toBe(eneco);
    cache.revoked();
    expect(cache.get('h1')).toBeUndefined();
  });

  it('does not keep a lookup that was under way while a token was revoked', () => {
    const cache = new PrincipalCache();
    const mark = cache.revocations;
    // The lookup's statement ran before the revocation committed, so its answer may be the revoked token's.
    cache.revoked();
    cache.keep('h1', eneco, mark);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('keeps nothing for a store other processes write until it hears their revocations', () => {
    const cache = new PrincipalCache({ hearing: false });
    cache.keep('h1', eneco, cache.revocations);
    expect(cache.get('h1')).toBeUndefined();
    const mark = cache.revocations;
    cache.hearing();
    // A lookup that began while nobody listened may have read a token revoked in that time.
    cache.keep('h1', eneco, mark);
    expect(cache.get('h1')).toBeUndefined();
    cache.keep('h1', eneco, cache.revocations);
    expect(cache.get('h1')).toBe(eneco);
  });

  it('when its listening connection drops, forgets all and keeps nothing until it hears again', () => {
    const cache = new PrincipalCache({ hearing: false });
    cache.hearing();
    cache.keep('h1', eneco, cache.revocations);
    cache.deaf();
    expect(cache.get('h1')).toBeUndefined();
    cache.keep('h1', eneco, cache.revocations);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('stays bounded', () => {
    const cache = new PrincipalCache();
    for (let i = 0; i <= PrincipalCache.MAX; i++) cache.keep(`h${i}`, eneco, cache.revocations);
    expect(cache.get('h0')).toBeUndefined();
    expect(cache.get(`h${PrincipalCache.MAX}`)).toBe(eneco);
  });
});
