import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import setup from '../global-setup.ts';

type Teardown = () => Promise<void>;
interface Shared {
  users: number;
  ready: Promise<{ teardown: Teardown; provided: ProvidedContext }>;
}

// The store and browser projects each run their global set-up, in one process; keying the work on globalThis
// builds the PGlite template and starts PostgreSQL once for both, which `npm test` would otherwise do twice.
const KEY = Symbol.for('ondergrond.store-setup');
const shared = globalThis as typeof globalThis & { [KEY]?: Shared };

/** The global set-up of test/global-setup.ts, run once per process and provided to every project listing this file. */
export default async function storeSetup(project: TestProject): Promise<Teardown> {
  const state = (shared[KEY] ??= {
    users: 0,
    ready: setup(project).then((teardown) => {
      const { pgliteTemplate, databaseUrl } = project.getProvidedContext();
      return { teardown, provided: { pgliteTemplate, databaseUrl } };
    }),
  });
  state.users++;
  const { teardown, provided } = await state.ready;
  project.provide('pgliteTemplate', provided.pgliteTemplate);
  project.provide('databaseUrl', provided.databaseUrl);
  return async () => {
    if (--state.users > 0) return;
    delete shared[KEY];
    await teardown();
  };
}
