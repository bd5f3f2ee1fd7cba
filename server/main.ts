import type { AddressInfo } from 'node:net';
import { readConfig } from './config.ts';
import { loadDemoIfEmpty } from './demo/load.ts';
import { createApp } from './http/app.ts';
import { readRuleSetFile } from './rules-file.ts';
import { openStore } from './store/index.ts';
import { closeCheckPool, configureCheckPool } from './workers/evaluate-check.ts';

const config = readConfig();
// A bad rule file stops the start here, before the store is opened, with every problem listed.
const rules = (() => {
  try {
    return readRuleSetFile(config.rulesFile);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
console.log(`rules: ${rules.id} ${rules.version} from ${config.rulesFile}`);
const started = performance.now();
const store = await openStore({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }) });
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
const how = store.migrated.length > 0 ? `created (${store.migrated.length} migrations)` : 'opened';
console.log(`store: ${where}, ${how} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (config.loadDemo) {
  const loaded = await loadDemoIfEmpty(store);
  if (loaded > 0) console.log(`demo district Bospolder-Tussendijken loaded: ${loaded} features`);
}

const token = config.startupToken ? await store.access.startupToken(config.adminOrganisation) : undefined;
configureCheckPool({ size: config.workers, queue: config.workerQueue, timeoutMs: config.jobTimeoutMs, inlineMax: config.checkInlineMax, warm: true });
const app = createApp(store, { ...config, rules });
const server = app.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Ondergrond is running at http://${config.host}:${port}/`);
  if (token) console.log(`Log in as administrator of ${config.adminOrganisation}: http://${config.host}:${port}/?token=${token}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.allSettled([closeCheckPool(), store.close()]).finally(() => process.exit(0));
  });
}
