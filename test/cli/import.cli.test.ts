import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) =>
  runScript('scripts/import.ts', args, { ...env, DATABASE_URL: '' });

describe('npm run import', () => {
  it('when the file is not a delivery, exits 2 naming the file and the reason, storing nothing', () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not a delivery');
    const result = run([bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`import: ${bad}:`);
    expect(result.stderr).toContain('(unknown-format); nothing was stored');
  });

  it('when --layer names no layer, exits 2 listing the layers', () => {
    const result = run(['x.zip', '--layer', 'lampposts']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--layer lampposts does not exist; the layers are cables, pipes');
  });

  it.skipIf(skipWithoutRealdata)('imports a delivery into the embedded store and reports what it stored', async () => {
    const dataDir = join(dir, 'store');
    const seed = await openStore({ dataDir, template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await seed.close();
    const result = run([realdata('klic/Levering_22G003180_1.zip'), '--json'], { ONDERGROND_DATA_DIR: dataDir });
    expect(result.stderr).not.toContain('import:');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ counts: { cables: 17, pipes: 10, stations: 2 }, stored: { cables: { created: 17 } } });
    const store = await openStore({ dataDir });
    try {
      expect(await store.features.count()).toBe(29);
    } finally {
      await store.close();
    }
  });
});
