import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/log.ts';
import { readPlanningRulesFile, readRuleSetFile } from '../../server/rules-file.ts';
import type { Store } from '../../server/store/index.ts';
import { closeWorkPool } from '../../server/workers/run-job.ts';
import { openBenchStore } from './pglite-template.ts';

/**
 * A browser benchmark's server: a fresh embedded store seeded by `seed`, the real app on a loopback port, and the
 * client's URL with an administrator's token and no basemap. Server, worker pool and store are closed afterwards.
 *
 * @example const loads = await withBenchServer(loadDemoIfEmpty, (url) => once(browser, url));
 */
export async function withBenchServer<T>(seed: (store: Store) => Promise<unknown>, work: (url: string) => Promise<T>): Promise<T> {
  const store = await openBenchStore();
  try {
    await seed(store);
    const { token } = await store.access.createToken('Gemeente Rotterdam', 'municipality', 'admin', 'bench');
    const app = createApp(store, {
      bodyLimit: '1mb',
      maxFeatures: 1_000,
      maxCoordinates: 10_000,
      rules: readRuleSetFile('data/rules/nl-default.json'),
      planningRules: readPlanningRulesFile('data/rules/planning.json'),
      log: createLogger({ level: 'silent' }),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    try {
      return await work(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/?token=${token}&basemap=off`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await closeWorkPool();
    await store.close();
  }
}
