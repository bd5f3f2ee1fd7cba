import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { StoreInUse } from '../../server/store/pglite.ts';
import { openStore } from '../../server/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const template = () => new Blob([readFileSync(inject('pgliteTemplate'))]);

describe('the embedded store folder', () => {
  it('is refused to a second process while one holds it, naming the holder and the fix, and taken over once it is gone', async () => {
    const dataDir = join(dir, 'store');
    const first = await openStore({ dataDir, template: template() });
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // Another process holds it: a sleeping child stands in for a running server.
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${dataDir}.lock`, String(other.pid));
      const refused = await openStore({ dataDir }).then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreInUse);
      expect(String((refused as Error).message)).toContain(`in use by process ${other.pid}`);
      expect(String((refused as Error).message)).toContain('stop it first');
    } finally {
      other.kill('SIGKILL');
      await new Promise((done) => other.once('exit', done));
    }
    // The holder is gone (a crashed server): its lock is taken over.
    const again = await openStore({ dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await again.close();
  }, 60_000);
});
