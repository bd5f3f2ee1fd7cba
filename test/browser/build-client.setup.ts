import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = join(root, 'client');
const BUILT = join(CLIENT, 'dist', 'index.html');

/** Newest modification time under `dir`, skipping the build output. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the web client once before the tests, so the browser tests drive what `npm start` serves. Skips the
 * ≈5 s build when client/dist is newer than every client source (and the contracts it imports).
 */
export default async function setup(): Promise<void> {
  const sources = Math.max(newest(CLIENT), newest(join(root, 'server', 'domain')), newest(join(root, 'server', 'geo')));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs > sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(CLIENT, 'vite.config.ts'), logLevel: 'warn' });
}
