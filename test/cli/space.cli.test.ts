import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { space } from '../../scripts/cli/space.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { type Store, openStore } from '../../server/store/index.ts';
import { readCsv } from '../exports/read-back.ts';
import { runProgram, runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-space-cli-'));
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store'), template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await loadDemoIfEmpty(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runProgram(space, args, { store });
const DISTRICT = ['--bbox', '89240,435730,89810,436190'];

describe('npm run space', async () => {
  it('prints a table per segment of the demo district and writes the CSV and GeoJSON exports', async () => {
    const csv = join(dir, 'space.csv');
    const geojson = join(dir, 'space.geojson');
    const result = await run(['--kind', 'heat', '--width', '0.9', ...DISTRICT, '--csv', csv, '--geojson', geojson, '--lang', 'en']);
    expect(result.stderr).not.toContain('space:');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^segment\s+verdict\s+narrowest free width \(m\)\s+at \(m\)\s+crossings\s+space taken by$/);
    expect(result.stdout).toMatch(/hudsonstraat-1\s+does not fit\s+0\.00\s+30\.0\s+\d+\s+.*tree-hudsonstraat-3/);
    expect(result.stdout).toMatch(/schiedamseweg-1\s+fits\s+6\.64/);
    expect(readCsv(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), ',')).toHaveLength(25);
    expect(JSON.parse(readFileSync(geojson, 'utf8')).features.filter((f: { properties: { role: string } }) => f.properties.role === 'segment')).toHaveLength(24);
  });

  it('prints in Dutch by default, with decimal commas', async () => {
    const result = await run(['--kind', 'heat', '--width', '0.9', ...DISTRICT, '--segments', 'schiedamseweg-1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/schiedamseweg-1\s+past\s+6,64/);
    expect(result.stdout).toContain('Een sleuf van 0,90 m (Warmte) past over de hele lengte');
  });

  it('when the width is missing, not a number or the bbox is not four numbers, exits 2 naming the fix', async () => {
    const noWidth = await run(['--kind', 'heat', ...DISTRICT]);
    expect(noWidth.status).toBe(2);
    expect(noWidth.stderr).toContain('--width is required: the trench width in metres, e.g. --width 0.9');
    const wide = await run(['--kind', 'heat', '--width', '90', ...DISTRICT, '--lang', 'en']);
    expect(wide.status).toBe(2);
    expect(wide.stderr).toContain('--width: width_m 90 is outside 0.05–10');
    const kind = await run(['--kind', 'steam', '--width', '0.9', ...DISTRICT, '--lang', 'en']);
    expect(kind.stderr).toContain('--kind: kind "steam" is not known; use one of heat');
  });

  it('as its own process, when the bbox is not four numbers, exits 2 naming the fix', async () => {
    const bbox = await runScript('scripts/space.ts', ['--kind', 'heat', '--width', '0.9', '--bbox', '89240,435730'], { DATABASE_URL: '', ONDERGROND_DATA_DIR: join(dir, 'unused') });
    expect(bbox.status).toBe(2);
    expect(bbox.stderr).toContain('--bbox 89240,435730 is not four numbers');
  });
});
