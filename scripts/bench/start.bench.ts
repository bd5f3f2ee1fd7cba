/**
 * Warm start of the embedded server: from spawning the process to the first 200 of `GET /api/health`, on a store
 * folder that already holds the demo district (created once at the top, not timed). The built server
 * (`node dist/server/main.js`, what `npm start` runs) against the old start (`tsx server/main.ts`, transpiling every
 * module at start) as reference, alternating, in the same run. Prints medians, the ratio, the store open the
 * server logs, and the CPU the server process had used when it answered (all its threads, from /proc on Linux): on a
 * machine shared with other work the CPU time moves far less than the wall time. Target: ≤ 3 s.
 *
 *   npm run bench:start                   # 5 warm starts of each
 *   BENCH_ROUNDS=2 npm run bench:start    # shorter
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { openStore } from '../../server/store/index.ts';
import { median, printTable } from './stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS=${process.env.BENCH_ROUNDS} is not a whole number ≥ 1`);

const STARTS = {
  built: [join(ROOT, 'dist/server/main.js')],
  'tsx (reference)': ['--import', 'tsx', join(ROOT, 'server/main.ts')],
} as const;
type Kind = keyof typeof STARTS;

interface Start { healthMs: number; storeOpenMs: number; cpuMs: number }

/** User and system time of a process so far, ms; NaN where /proc is not there. Linux counts it in 1/100 s. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Spawns one server on the folder, waits for its health answer, stops it and waits until it has let go of the store. */
async function start(kind: Kind, dataDir: string): Promise<Start> {
  const began = performance.now();
  const child = spawn(process.execPath, [...STARTS[kind]], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ONDERGROND_DATA_DIR: dataDir, ONDERGROND_STARTUP_TOKEN: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let storeOpenMs = Number.NaN;
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const opened = /"seconds":([\d.]+),"msg":"store (opened|created)"/.exec(out);
      if (opened) storeOpenMs = Number(opened[1]) * 1000;
      const running = /running at (http:\/\/[^/\s]+)\//.exec(out);
      if (running) resolve(running[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} server ended with ${code} before listening:\n${out}`)));
  });
  for (;;) {
    const response = await fetch(`${url}/api/health`).catch(() => undefined);
    if (response?.status === 200) break;
  }
  const healthMs = performance.now() - began;
  const cpu = cpuMs(child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { healthMs, storeOpenMs, cpuMs: cpu };
}

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-bench-start-'));
const dataDir = join(dir, 'store');
try {
  // What `npm start` does first when a source changed; then the store with the demo district, as after a first start.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--server'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the server failed');
  const t = performance.now();
  const store = await openStore({ dataDir });
  await loadDemoIfEmpty(store);
  await store.close();
  console.log(`store with the demo district created in ${((performance.now() - t) / 1000).toFixed(1)} s (first start, not timed below)`);

  // Node loads its HTTP client (undici) at a process's first fetch: 0.1 s quiet, 0.3 s on the loaded machine, that
  // the first timed start would otherwise count as the server's. A refused connection loads it beforehand.
  await fetch('http://127.0.0.1:9/').catch(() => undefined);
  const samples: Record<Kind, Start[]> = { built: [], 'tsx (reference)': [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of Object.keys(STARTS) as Kind[]) samples[kind].push(await start(kind, dataDir));
  }
  const reference = median(samples['tsx (reference)'].map((s) => s.healthMs));
  printTable(
    ['start', 'health 200, median s', 'min s', 'store open, median s', 'CPU to health, median s', 'vs tsx'],
    (Object.keys(STARTS) as Kind[]).map((kind) => {
      const health = samples[kind].map((s) => s.healthMs);
      return [kind, (median(health) / 1000).toFixed(2), (Math.min(...health) / 1000).toFixed(2), (median(samples[kind].map((s) => s.storeOpenMs)) / 1000).toFixed(2), (median(samples[kind].map((s) => s.cpuMs)) / 1000).toFixed(2), `${(median(health) / reference).toFixed(2)}×`];
    }),
  );
  console.log(`${ROUNDS} warm start(s) of each, alternating; target ≤ 3 s to health`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
