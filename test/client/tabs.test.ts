import { describe, expect, it } from 'vitest';
import { TABS, usableTabs } from '../../client/core/app-state.ts';
import { GRANTS, ROLES } from '../../server/domain/access/policy.ts';

const tabsOf = (role: (typeof ROLES)[number]) => usableTabs({ session: { grants: GRANTS[role] } as never });

describe('the tabs a role is offered', () => {
  it('offers only tabs whose requests the role is granted, from the server\'s own grants', () => {
    expect(tabsOf('viewer')).toEqual(['layers', 'plan', 'space']);
    expect(tabsOf('planner')).toEqual(['layers', 'check', 'propose', 'routes', 'plan', 'space']);
    expect(tabsOf('submitter')).toEqual([...TABS]);
    expect(tabsOf('admin')).toEqual([...TABS]);
  });

  it('offers every tab while the session is not known, and none but what a grant names once it is', () => {
    expect(usableTabs({ session: null })).toEqual([...TABS]);
    expect(usableTabs({ session: { grants: {} } as never })).toEqual([]);
  });
});
