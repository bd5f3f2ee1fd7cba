import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { importFile } from '../../scripts/cli/import.ts';
import { openStore } from '../../server/store/index.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { runProgram, runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('npm run import', () => {
  it('when the file is not a delivery, exits 2 naming the file and the reason, storing nothing', async () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not a delivery');
    const result = await runProgram(importFile, [bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`import: ${bad}:`);
    expect(result.stderr).toContain('(unknown-format); nothing was stored');
  });

  it('when --layer names no layer, exits 2 listing the layers', async () => {
    const result = await runProgram(importFile, ['x.zip', '--layer', 'lampposts']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--layer lampposts does not exist; the layers are cables, pipes');
  });

  it.skipIf(skipWithoutRealdata)('as its own process, imports a delivery into the embedded store and reports what it stored', async () => {
    const dataDir = join(dir, 'store');
    const seed = await openStore({ dataDir, template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await seed.close();
    const result = await runScript('scripts/import.ts', [realdata('klic/Levering_22G003180_1.zip'), '--json'], { DATABASE_URL: '', ONDERGROND_DATA_DIR: dataDir });
    expect(result.stderr).not.toContain('import:');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ counts: { cables: 17, pipes: 10, stations: 2 }, stored: { cables: { created: 17 } } });
    const store = await openStore({ dataDir });
    try {
      expect(await store.features.count()).toBe(29);
    } finally {
      await store.close();
    }
  // A process start, a store opened from the template and a real delivery: minutes when the machine is shared.
  }, 180_000);
});
