/**
 * Load on loopback: the real server (embedded store, demo district) as a child process, N concurrent clients for
 * a fixed time against POST /api/checks and bbox reads of GET /api/layers/:layer, in a seeded mix. Reference in
 * the same run: the same clients against GET /api/health, which measures the HTTP stack and auth without the store.
 * The child's rate limit is raised (ONDERGROND_RATE_LIMIT) so the bench token is not throttled.
 *
 *   npm run bench:load                         # 50 clients, 30 s (after 5 s warm-up and 5 s reference)
 *   LOAD_CLIENTS=20 LOAD_SECONDS=10 LOAD_REF_SECONDS=3 npm run bench:load
 *   LOAD_DATA_DIR=/tmp/og-bench npm run bench:load   # keep the store between runs (its first creation takes 10–30 s)
 *   LOAD_STORE=postgres npm run bench:load     # one server, then two, on one PostgreSQL (DATABASE_URL, else a throwaway cluster)
 *
 * On PostgreSQL the mix runs twice, against one server and then against two (clients alternate between them), and
 * the closing line gives the two-server throughput as a ratio of the one-server run and both p99s: what a second
 * process buys when revocations, rate limits and imports are shared through the database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from '../../server/demo/seeded.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../pg-throwaway.ts';
import { percentile, printTable } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const REF_SECONDS = Number(process.env.LOAD_REF_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.LOAD_WARMUP_SECONDS ?? 5);
const SEED = 20_260_707;
const POSTGRES = process.env.LOAD_STORE === 'postgres';
const BBOX_LAYERS = ['cables', 'pipes', 'sewers', 'heat', 'trees', 'stations', 'streets'];

type Extent = [number, number, number, number];

interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
  status: number;
}

/**
 * The server as a child process: on the embedded store in `dataDir`, or on PostgreSQL at `databaseUrl`. The first
 * server prints the admin login URL; a second one started right after on the same PostgreSQL shares that token.
 */
async function startServer(store: { dataDir: string } | { databaseUrl: string }): Promise<{ child: ChildProcess; url: string; token?: string; exited: Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ONDERGROND_DEMO: 'on', PORT: '0', HOST: '127.0.0.1', ONDERGROND_RATE_LIMIT: '100000000' };
  delete env.DATABASE_URL;
  if ('dataDir' in store) env.ONDERGROND_DATA_DIR = store.dataDir;
  else env.DATABASE_URL = store.databaseUrl;
  const child = spawn(process.execPath, [...(process.env.LOAD_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let output = '';
  const match = await new Promise<{ url: string; token?: string }>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const url = /Ondergrond is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      const token = /\/\?token=(\S+)/.exec(output)?.[1];
      if (url && (token || /printed the administrator's login URL/.test(output))) resolve({ url, ...(token ? { token } : {}) });
    });
    void exited.then(() => reject(new Error(`the server exited before it listened:\n${output}`)));
  });
  return { child, ...match, exited };
}

/** A seeded request factory: bbox reads of 50–300 m boxes, and (when the route exists) checks of 30–200 m trenches. */
function requests(extent: Extent, withChecks: boolean, seed: number) {
  const random = seeded(seed);
  const [minX, minY, maxX, maxY] = extent;
  const at = () => [minX + random() * (maxX - minX), minY + random() * (maxY - minY)] as const;
  const crs = { type: 'name', properties: { name: 'EPSG:28992' } };
  return (): { kind: string; path: string; method: string; body?: string } => {
    if (withChecks && random() < 0.5) {
      const [x, y] = at();
      const length = 30 + random() * 170;
      const angle = random() * Math.PI;
      const trench = {
        type: 'Feature',
        crs,
        geometry: { type: 'LineString', coordinates: [[x, y], [x + Math.cos(angle) * length, y + Math.sin(angle) * length]].map((p) => p.map((v) => +v.toFixed(2))) },
        properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 },
      };
      return { kind: 'POST /api/checks', path: '/api/checks', method: 'POST', body: JSON.stringify(trench) };
    }
    const [x, y] = at();
    const size = 50 + random() * 250;
    const layer = BBOX_LAYERS[Math.floor(random() * BBOX_LAYERS.length)]!;
    const bbox = [x, y, x + size, y + size].map((v) => v.toFixed(1)).join(',');
    return { kind: 'GET /api/layers/:layer?bbox', path: `/api/layers/${layer}?bbox=${bbox}&crs=EPSG:28992`, method: 'GET' };
  };
}

/** `CLIENTS` loops sending requests back to back for `seconds`; client n talks to `urls[n % urls.length]`. */
async function run(urls: readonly string[], token: string, seconds: number, next: (client: number) => { kind: string; path: string; method: string; body?: string }) {
  const samples: Sample[] = [];
  const until = performance.now() + seconds * 1000;
  const client = async (n: number) => {
    const url = urls[n % urls.length]!;
    while (performance.now() < until) {
      const request = next(n);
      const started = performance.now();
      let status = 0;
      try {
        const response = await fetch(url + request.path, {
          method: request.method,
          headers: { authorization: `Bearer ${token}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
          ...(request.body ? { body: request.body } : {}),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      samples.push({ kind: request.kind, ms: performance.now() - started, ok: status >= 200 && status < 300, status });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/**
 * CPU time the hypervisor gave to other machines (steal, /proc/stat) and the time all CPUs had, in seconds. On a shared
 * virtual machine a run with much steal measures the neighbours as well; undefined where /proc/stat is missing.
 */
function cpuTimes(): { steal: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { steal: (fields[7] ?? 0) / 100, total: fields.reduce((a, b) => a + b, 0) / 100 };
  } catch {
    return undefined;
  }
}

/** CPU seconds a process has used (user + system, all its threads), from /proc; undefined where that is missing. */
function processCpu(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function row(kind: string, samples: Sample[], seconds: number): string[] {
  const ms = samples.map((s) => s.ms);
  const errors = samples.filter((s) => !s.ok);
  const statuses = [...new Set(errors.map((s) => s.status))].join('/');
  return [kind, String(samples.length), (samples.length / seconds).toFixed(0), percentile(ms, 50).toFixed(1), percentile(ms, 99).toFixed(1), `${errors.length}${statuses ? ` (${statuses})` : ''}`];
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** Warm-up, the health reference and the mix against `servers`; prints the table and answers the mix's figures. */
async function measure(servers: readonly Server[], token: string): Promise<{ throughput: number; p99: number; errors: number }> {
  const urls = servers.map((s) => s.url);
  const doc = (await (await fetch(`${urls[0]}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const withChecks = Boolean(doc.paths['/api/checks']?.post);
  const layers = (await (await fetch(`${urls[0]}/api/layers?crs=EPSG:28992`, { headers: { authorization: `Bearer ${token}` } })).json()) as { extent: Extent | null }[];
  const extents = layers.map((l) => l.extent).filter((e): e is Extent => e !== null);
  const extent: Extent = [Math.min(...extents.map((e) => e[0])), Math.min(...extents.map((e) => e[1])), Math.max(...extents.map((e) => e[2])), Math.max(...extents.map((e) => e[3]))];
  if (!withChecks) console.log('POST /api/checks is not mounted on this build: bbox reads only');
  console.log(`${CLIENTS} clients on ${servers.length} server(s); reference ${REF_SECONDS} s of GET /api/health, then ${SECONDS} s of the mix; extent ${extent.map((v) => v.toFixed(0)).join(',')}`);

  // Warm-up: the same mix (other seeds) opens the keep-alive connections, JIT-compiles both sides and prepares the
  // store's statements before anything is measured. Without it the first two seconds of checks ran at twice the
  // latency of the rest and set the p99.
  const warmers = Array.from({ length: CLIENTS }, (_, i) => requests(extent, withChecks, SEED - 1 - i));
  await run(urls, token, WARMUP_SECONDS, (n) => ({ ...warmers[n]!(), kind: 'warm-up' }));
  const reference = await run(urls, token, REF_SECONDS, () => ({ kind: 'GET /api/health', path: '/api/health', method: 'GET' }));
  const makers = Array.from({ length: CLIENTS }, (_, i) => requests(extent, withChecks, SEED + i));
  const serversCpu = () => servers.reduce<number | undefined>((sum, s) => { const cpu = processCpu(s.child.pid); return sum === undefined || cpu === undefined ? undefined : sum + cpu; }, 0);
  const before = cpuTimes();
  const serverBefore = serversCpu();
  const mix = await run(urls, token, SECONDS, (n) => makers[n]!());
  const after = cpuTimes();
  const serverAfter = serversCpu();

  const kinds = [...new Set(mix.samples.map((s) => s.kind))];
  printTable(['requests', 'count', 'req/s', 'p50 ms', 'p99 ms', 'errors'], [
    row('GET /api/health (reference)', reference.samples, reference.seconds),
    ...kinds.map((k) => row(k, mix.samples.filter((s) => s.kind === k), mix.seconds)),
    row('mix', mix.samples, mix.seconds),
  ]);
  const p99 = percentile(mix.samples.map((s) => s.ms), 99);
  const errors = mix.samples.filter((s) => !s.ok).length;
  const ratio = (reference.samples.length / reference.seconds) / (mix.samples.length / mix.seconds);
  console.log(`load average during the run: ${loadavg().map((v) => v.toFixed(1)).join(' ')} (2 cores: above 2 the numbers include waiting for a core)`);
  if (serverBefore !== undefined && serverAfter !== undefined) {
    // Steal does not count as the process's CPU time, so this is the server's cost per request even on a busy host.
    const perRequest = ((serverAfter - serverBefore) * 1000) / mix.samples.length;
    console.log(`server CPU per request in the mix: ${perRequest.toFixed(2)} ms (all its threads, garbage collection included${POSTGRES ? '; PostgreSQL\'s own not counted' : ''})`);
  }
  if (before && after) {
    const steal = after.steal - before.steal;
    const share = (100 * steal) / Math.max(after.total - before.total, 1e-9);
    console.log(`CPU steal during the mix: ${steal.toFixed(1)} s (${share.toFixed(1)} % of all CPU time; above a few per cent the machine's neighbours are in the numbers)`);
  }
  console.log(`mix throughput is 1/${ratio.toFixed(1)} of the health reference; target p99 ≤ 250 ms and zero errors: ${p99 <= 250 && errors === 0 ? 'met' : 'NOT met'} (p99 ${p99.toFixed(0)} ms, ${errors} errors)`);
  return { throughput: mix.samples.length / mix.seconds, p99, errors };
}

async function stop(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

if (POSTGRES) {
  let cluster: ThrowawayPostgres | undefined;
  const databaseUrl = process.env.DATABASE_URL ?? (cluster = await startThrowawayPostgres()).url;
  console.log(`starting a server on PostgreSQL (${cluster ? 'a throwaway cluster' : 'DATABASE_URL'}, demo district)…`);
  const servers: Server[] = [];
  try {
    servers.push(await startServer({ databaseUrl }));
    const token = servers[0]!.token;
    if (!token) throw new Error('the first server printed no login URL: another server was started on this database within 10 s; wait and run again');
    const one = await measure(servers, token);
    console.log('starting a second server on the same PostgreSQL…');
    servers.push(await startServer({ databaseUrl }));
    // Started after the first's 10 s, the second made a start-up token of its own and revoked the first's.
    const two = await measure(servers, servers[1]!.token ?? token);
    console.log(`two servers: ${(two.throughput / one.throughput).toFixed(2)}× the throughput of one (${one.throughput.toFixed(0)} → ${two.throughput.toFixed(0)} req/s); p99 ${one.p99.toFixed(0)} → ${two.p99.toFixed(0)} ms; errors ${one.errors} → ${two.errors}`);
  } finally {
    await Promise.all(servers.map(stop));
    await cluster?.stop();
  }
} else {
  const ownDir = !process.env.LOAD_DATA_DIR;
  const dataDir = process.env.LOAD_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ondergrond-load-'));
  console.log(`starting the server on ${dataDir} (demo district, embedded store)…`);
  const server = await startServer({ dataDir });
  try {
    await measure([server], server.token!);
  } finally {
    await stop(server);
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
