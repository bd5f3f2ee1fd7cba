import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { check } from '../../scripts/cli/check.ts';
import { loadDemoIfEmpty } from '../../server/demo/load.ts';
import { type Store, openStore } from '../../server/store/index.ts';
import { runProgram, runScript } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ondergrond-check-cli-'));
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store'), template: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await loadDemoIfEmpty(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runProgram(check, args, { store });

const trench = (name: string, coordinates: number[][], properties: object = { kind: 'heat', width_m: 0.6, depth_m: 1.0 }) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ type: 'Feature', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, geometry: { type: 'LineString', coordinates }, properties }));
  return file;
};

describe('npm run check', () => {
  it('when the Hudsonstraat heat route is checked, prints the blocking water-main conflict and exits 1', async () => {
    const result = await run([trench('hudsonstraat.geojson', [[89_446.95, 435_790], [89_446.95, 436_170]]), '--lang', 'en']);
    expect(result.stderr).not.toContain('check:');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/BLOCKING horizontal-clearance\s+0\.0–380\.0 m\s+pipes\/water-hudsonstraat \(Evides\) measured 0\.60 \/ required 1\.00 m/);
    expect(result.stdout).toContain('The heat trench runs 0.60 m edge to edge from drinking-water pipe water-hudsonstraat (Evides)');
  });

  it('prints the report in Dutch by default, numbers with a decimal comma', async () => {
    const result = await run([trench('hudsonstraat-nl.geojson', [[89_446.95, 435_790], [89_446.95, 436_170]])]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/getoetst aan \d+ objecten met nl-default/);
    expect(result.stdout).toMatch(/BLOKKEREND\s+horizontal-clearance\s+0,0–380,0 m\s+pipes\/water-hudsonstraat \(Evides\) gemeten 0,60 \/ vereist 1,00 m/);
    expect(result.stdout).toContain('De sleuf voor warmte ligt op 0,60 m (rand tot rand) van drinkwaterleiding water-hudsonstraat (Evides)');
  });

  it('when the trench meets nothing, prints a JSON report without conflicts and exits 0', async () => {
    const result = await run([trench('clean.geojson', [[89_525, 435_950], [89_525, 435_970]]), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ruleSet: { id: 'nl-default' }, conflicts: [], summary: { total: 0, trenchLength_m: 20 } });
  });

  it('when the trench lies where nothing is known, prints unknown ground with the metres per layer and exits 1', async () => {
    const result = await run([trench('nowhere.geojson', [[140_000, 455_000], [140_100, 455_000]])]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Onbekende grond: het hele tracé (100,0 m) ligt buiten de dekking van kabels, leidingen, riolering, warmtenet, bomen en stations.');
    expect(result.stdout).toContain('buiten dekking: kabels 100,0 m, leidingen 100,0 m');
    expect(result.stdout).toMatch(/BLOKKEREND\s+coverage\s+0,0–100,0 m\s+cables,pipes,sewers,heat,trees,stations gemeten 100,00 m\n/);
    expect(result.stdout).not.toMatch(/[Gg]een conflicten/);
  });

  it('as its own process, when --lang is not a language it speaks, exits 2 naming the ones it does', async () => {
    const result = await runScript('scripts/check.ts', [trench('clean-de.geojson', [[89_525, 435_950], [89_525, 435_970]]), '--lang', 'de'], { DATABASE_URL: '', ONDERGROND_DATA_DIR: join(dir, 'unused') });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--lang de is not known; use nl or en');
  });

  it('as its own process, while another process holds the embedded store, exits 2 saying so in one line', async () => {
    // This test file holds the store open, as a running server would.
    const result = await runScript('scripts/check.ts', [trench('held.geojson', [[89_525, 435_950], [89_525, 435_970]])], { DATABASE_URL: '', ONDERGROND_DATA_DIR: join(dir, 'store') });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^check: the embedded store in .* is in use by process \d+ .*; stop it first, or point DATABASE_URL at PostgreSQL/);
    expect(result.stderr).not.toContain('    at ');
  });

  it('when the trench has no depth or the rule file is broken, exits 2 saying what to fix', async () => {
    const noDepth = await run([trench('no-depth.geojson', [[89_525, 435_950], [89_525, 435_970]], { kind: 'heat', width_m: 0.6 }), '--lang', 'en']);
    expect(noDepth.status).toBe(2);
    expect(noDepth.stderr).toContain('properties.depth_m: depth_m is required');
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, '{"id": "broken"}');
    const broken = await run([join(dir, 'clean.geojson'), '--rules', rules]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`check: rule file ${rules} has`);
  });
});
