import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-reserve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'store');

const run = (args: string[], env: Record<string, string> = {}) =>
  runScript('scripts/reserve.ts', args, { ONDERGROND_DATA_DIR: dataDir, ...env, DATABASE_URL: '' });

describe('npm run reserve', () => {
  it('without segments or bbox, exits 2 with the usage', () => {
    const result = run([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('reserve: --segments or --bbox is required');
    expect(result.stderr).toContain('usage: npm run reserve --');
  });

  it('with an unknown profile, exits 2 listing the profiles', () => {
    const result = run(['--segments', 'a', '--profile', 'boulevard']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--profile boulevard does not exist; the profiles are main-24m, residential-12m, residential-16m');
  });

  it('with a bad profile folder, exits 2 naming the file and the field', () => {
    const result = run(['--segments', 'a'], { ONDERGROND_PROFILES: join(dir, 'none') });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot be read (ENOENT); set ONDERGROND_PROFILES');
  });

  it('lays a profile on segments of the embedded store, then updates in place when run again', async () => {
    const seed = await openStore({ dataDir, template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await seed.features.insert('streets', [{ type: 'Feature', id: 'hudson-1', geometry: { type: 'LineString', coordinates: [[89_400, 436_100], [89_500, 436_100]] }, properties: { owner: 'Gemeente Rotterdam', status: 'existing', version: 1, name: 'Hudsonstraat', segment_id: 'hudson-1', width_m: 16 } }]);
    await seed.close();
    const first = run(['--segments', 'hudson-1', '--json']);
    expect(first.stderr).not.toContain('reserve:');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 11, updated: 0, segments: [{ segment: 'hudson-1', profile: 'residential-16m', by: 'width' }] });
    const again = run(['--segments', 'hudson-1']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 new, 0 changed, 11 unchanged, 0 removed');
    const store = await openStore({ dataDir });
    try {
      const laid = await store.features.inBbox('reservations', undefined);
      expect(laid).toHaveLength(11);
      expect(laid.every((r) => r.properties.owner === 'Gemeente Rotterdam')).toBe(true);
    } finally {
      await store.close();
    }
    // Two runs that each open the embedded store: slower than one test's default minute on a shared machine.
  }, 180_000);
});
