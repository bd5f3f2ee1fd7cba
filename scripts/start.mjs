// `npm start`: builds what is stale (the client bundle, the server as JavaScript), then runs the built server.
// Plain JavaScript on purpose: it must run before anything is built, and without tsx transpiling at every start.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => join(ROOT, ...parts);
const CONFIGS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => at(f));

/** Newest modification time under `dir` (files whose name passes `keep`), skipping folders named in `skip`. */
function newest(dir, keep, skip = new Set()) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) latest = Math.max(latest, newest(path, keep, skip));
    } else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const newestConfig = () => Math.max(...CONFIGS.map(mtime));

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The client bundle imports shared server modules too, so either side being newer rebuilds it. */
export function buildClientIfStale() {
  const built = mtime(at('client/dist/index.html'));
  const sources = Math.max(newest(at('client'), () => true, new Set(['dist'])), newest(at('server'), (f) => f.endsWith('.ts')), newestConfig());
  if (built >= sources) return false;
  run([at('node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn']);
  return true;
}

/** dist/server mirrors server/ as JavaScript; dist/.built is touched after each complete build. */
export function buildServerIfStale() {
  const stamp = at('dist/.built');
  const sources = Math.max(newest(at('server'), (f) => f.endsWith('.ts')), newestConfig());
  if (mtime(stamp) >= sources && existsSync(at('dist/server/main.js'))) return false;
  run([at('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  // The built modules find the client bundle, data/ and the migrations by paths relative to themselves
  // (`new URL('../../data/…', import.meta.url)`); links make those paths land where they do from source.
  link(at('dist/client'), at('client'));
  link(at('dist/data'), at('data'));
  link(at('dist/server/store/migrations'), at('server/store/migrations'));
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, '');
  const now = new Date();
  utimesSync(stamp, now, now);
  return true;
}

function link(path, target) {
  if (isLink(path)) unlinkSync(path);
  else if (existsSync(path)) rmSync(path, { recursive: true });
  symlinkSync(relative(dirname(path), target), path, 'dir');
}

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2];
  if (only !== '--server') buildClientIfStale();
  buildServerIfStale();
  if (only === undefined) await import(pathToFileURL(at('dist/server/main.js')).href);
}
