import type { AddressInfo } from 'node:net';
import { readConfig } from './config.ts';
import { exitOnFatal, log } from './log.ts';
import { readPlanningRulesFile, readRuleSetFile } from './rules-file.ts';
import { readProfilesDir } from './profiles-file.ts';
import { openStore } from './store/index.ts';

// What serves requests (Express and the routes, the demo, the work pool: about half a second of modules) loads while
// the store boots rather than before it: the boot waits on WebAssembly compiling in the background, and the loading
// fills those waits.
const serving = Promise.all([import('./http/app.ts'), import('./demo/load.ts'), import('./workers/run-job.ts')]);

// An unhandled rejection or uncaught exception is logged and ends the process after closing what is open so far.
let closing: (() => Promise<void>) | undefined;
exitOnFatal(log, async () => {
  await closing?.();
});

const config = readConfig();
// A bad rule file stops the start here, before the store is opened, with every problem listed for the person
// fixing the file: plain text on stderr, not a log line with its line breaks escaped.
const [rules, planningRules, profiles] = (() => {
  try {
    return [readRuleSetFile(config.rulesFile), readPlanningRulesFile(config.planningRulesFile), readProfilesDir(config.profilesDir)] as const;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
})();
log.info({ rules: rules.id, version: rules.version, file: config.rulesFile, planning: planningRules.id, planningVersion: planningRules.version, planningFile: config.planningRulesFile }, 'rules loaded');
const started = performance.now();
// The embedded store's buffer pool fits the store: zeroing PGlite's 128 MB was most of booting the demo district.
const store = await openStore({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir, fitBufferPool: true }) });
closing = () => store.close();
log.info(
  { store: config.databaseUrl ? 'postgres' : 'pglite', ...(config.databaseUrl ? {} : { dataDir: config.dataDir }), migrations: store.migrated.length, seconds: +((performance.now() - started) / 1000).toFixed(1) },
  store.migrated.length > 0 ? 'store created' : 'store opened',
);
const [{ createApp }, { loadDemoIfEmpty }, { closeWorkPool, configureWorkPool, warmWorkPool }] = await serving;

if (config.loadDemo) {
  const loaded = await loadDemoIfEmpty(store);
  if (loaded > 0) log.info({ features: loaded }, 'demo district Bospolder-Tussendijken loaded');
}

// Servers started together on one PostgreSQL agree on one start-up token: the first makes and prints it, the others
// within STARTUP_SHARED_S leave it alive and say so. The embedded store has one process: each start makes its own.
const STARTUP_SHARED_S = 10;
const startup = config.startupToken ? await store.access.startupTokenOnce(config.adminOrganisation, { sharedWithin_s: config.databaseUrl ? STARTUP_SHARED_S : 0 }) : undefined;
const token = startup && 'token' in startup ? startup.token : undefined;
if (startup && 'sharedSince' in startup) process.stdout.write(`Another server starting at the same time printed the administrator's login URL (${startup.sharedSince}); npm run token -- create makes another.\n`);
configureWorkPool({ size: config.workers, queue: config.workerQueue, timeoutMs: config.jobTimeoutMs, planTimeoutMs: config.planTimeoutMs, importTimeoutMs: config.importTimeoutMs, inlineMax: config.checkInlineMax });
const app = createApp(store, { ...config, rules, planningRules, profiles, log });
const server = app.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  // The two lines a person starting the server reads (README): plain text on stdout, not log lines.
  process.stdout.write(`Ondergrond is running at http://${config.host}:${port}/\n`);
  if (token) process.stdout.write(`Log in as administrator of ${config.adminOrganisation}: http://${config.host}:${port}/?token=${token}\n`);
  // The workers load the domain (seconds of a core on a busy machine): once the server answers, not while it boots.
  warmWorkPool();
});
closing = async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await store.close();
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.allSettled([closeWorkPool(), store.close()]).finally(() => process.exit(0));
  });
}
