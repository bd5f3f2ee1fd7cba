import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { fittingBufferPoolMb } from '../../server/store/pglite.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A data folder whose databases hold `mb` (one sparse relation file: the size is what counts, not the blocks). */
function storeOf(name: string, mb: number): string {
  const dataDir = join(dir, name);
  mkdirSync(join(dataDir, 'base', '5'), { recursive: true });
  const file = join(dataDir, 'base', '5', '16384');
  closeSync(openSync(file, 'w'));
  truncateSync(file, mb * 2 ** 20);
  return dataDir;
}

describe('the embedded store buffer pool', () => {
  it('fits the databases in 16 MB steps, from 16 MB for a store not yet created to PGlite’s 128 MB for a large one', () => {
    expect(fittingBufferPoolMb(join(dir, 'none'))).toBe(16);
    expect(fittingBufferPoolMb(storeOf('small', 3))).toBe(16);
    expect(fittingBufferPoolMb(storeOf('demo', 31))).toBe(32);
    expect(fittingBufferPoolMb(storeOf('city', 900))).toBe(128);
  });

  it('is the fitted size in PostgreSQL when the store is reopened with it, and PostGIS answers there', async () => {
    const dataDir = join(dir, 'store');
    const created = await openStore({ dataDir, template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await created.close();
    const reopened = await openStore({ dataDir, fitBufferPool: true });
    try {
      const [pool] = await reopened.sql.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(pool?.shared_buffers).toBe(`${fittingBufferPoolMb(dataDir)}MB`);
      const [point] = await reopened.sql.query<{ x: number }>('SELECT round(ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(4.4, 51.9), 4326), 28992))) AS x');
      expect(Number(point?.x)).toBe(87057);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
