import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { reserve } from '../../scripts/cli/reserve.ts';
import { openStore } from '../../server/store/index.ts';
import { runProgram, runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-reserve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run reserve', () => {
  it('as its own process, without segments or bbox, exits 2 with the usage', async () => {
    const result = await runScript('scripts/reserve.ts', [], { DATABASE_URL: '', ONDERGROND_DATA_DIR: join(dir, 'unused') });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('reserve: --segments or --bbox is required');
    expect(result.stderr).toContain('usage: npm run reserve --');
  });

  it('with an unknown profile, exits 2 listing the profiles', async () => {
    const result = await runProgram(reserve, ['--segments', 'a', '--profile', 'boulevard']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--profile boulevard does not exist; the profiles are main-24m, residential-12m, residential-16m');
  });

  it('with a bad profile folder, exits 2 naming the file and the field', async () => {
    const result = await runProgram(reserve, ['--segments', 'a'], { env: { ONDERGROND_PROFILES: join(dir, 'none') } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot be read (ENOENT); set ONDERGROND_PROFILES');
  });

  it('lays a profile on segments of the store, then updates in place when run again', async () => {
    const store = await openStore({ dataDir: join(dir, 'store'), template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    try {
      await store.features.insert('streets', [{ type: 'Feature', id: 'hudson-1', geometry: { type: 'LineString', coordinates: [[89_400, 436_100], [89_500, 436_100]] }, properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, name: 'Hudsonstraat', segment_id: 'hudson-1', width_m: 16 } }]);
      const first = await runProgram(reserve, ['--segments', 'hudson-1', '--json'], { store });
      expect(first.stderr).not.toContain('reserve:');
      expect(first.status).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ created: 11, updated: 0, segments: [{ segment: 'hudson-1', profile: 'residential-16m', by: 'width' }] });
      const again = await runProgram(reserve, ['--segments', 'hudson-1'], { store });
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('0 new, 0 changed, 11 unchanged, 0 removed');
      const laid = await store.features.inBbox('reservations', undefined);
      expect(laid).toHaveLength(11);
      expect(laid.every((r) => r.properties.owner === 'Gemeente Rotterdam')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
