import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_IDS_LISTED, persistImport } from '../../server/app/persist-import.ts';
import { runImport } from '../../server/app/run-import.ts';
import type { Principal } from '../../server/domain/access/policy.ts';
import type { ImportReport } from '../../server/imports/types.ts';
import type { Store } from '../../server/store/index.ts';
import { openTestStore } from '../support/store.ts';
import { VICTIMS, takeoverFile, victimAssets } from './takeover.ts';

const eneco: Principal = { tokenId: 'token-eneco', organisation: 'Eneco', organisationKind: 'heat-company', role: 'submitter' };
const engineer: Principal = { tokenId: 'token-engineer', organisation: 'Gemeente Rotterdam', organisationKind: 'municipality', role: 'engineer' };
const viewer: Principal = { tokenId: 'token-viewer', organisation: 'Evides', organisationKind: 'water-company', role: 'viewer' };
const OWN = 'nl.imkl-KL9999.cable-eneco';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
  const { heat, cable } = victimAssets();
  await store.features.insert('heat', [heat]);
  await store.features.insert('cables', [cable]);
});
afterAll(async () => store?.close());

describe('the import use case (runImport)', () => {
  it('when a submitter imports another company\'s heat pipe and a grid operator\'s cable by their ids, refuses with those ids and stores nothing', async () => {
    const before = await store.access.auditLog();
    const result = await runImport(store, eneco, { path: takeoverFile('Eneco', OWN) });
    expect(result).toEqual({
      ok: false,
      reason: 'forbidden-features',
      ids: [
        { layer: 'heat', id: VICTIMS.heat.id, owner: 'Vattenfall' },
        { layer: 'cables', id: VICTIMS.cable.id, owner: 'Stedin' },
      ],
      count: 2,
    });
    const { heat, cable } = victimAssets();
    expect(await store.features.get('heat', heat.id)).toEqual(heat);
    expect(await store.features.get('cables', cable.id)).toEqual(cable);
    // Not even the submitter's own new cable: the import lands whole or not at all.
    expect(await store.features.get('cables', OWN)).toBeUndefined();
    expect(await store.access.auditLog()).toEqual(before);
    expect(structuredClone(result)).toEqual(result);
  });

  it('refuses a role without imports:run before the file is read: garbage gets forbidden, not invalid-file', async () => {
    const path = takeoverFile('Evides');
    writeFileSync(path, 'PK\u0003\u0004 not a zip at all');
    expect(await runImport(store, viewer, { path })).toEqual({ ok: false, reason: 'forbidden', refusal: { code: 'access.role-may-not', params: { role: 'viewer', action: { code: 'access.action.imports:run' } } } });
    expect(await runImport(store, eneco, { path })).toMatchObject({ ok: false, reason: 'invalid-file' });
  });

  it('refuses features a submitter names another owner for, as before', async () => {
    const result = await runImport(store, eneco, { path: takeoverFile('Stedin') });
    expect(result).toMatchObject({ ok: false, reason: 'forbidden-owner', owner: 'Stedin' });
    expect(await store.features.get('heat', VICTIMS.heat.id)).toMatchObject({ properties: { owner: 'Vattenfall', version: 1 } });
  });

  it('lets an engineer, who imports for every owner, update them, with one audit entry per feature created or changed', async () => {
    const result = await runImport(store, engineer, { path: takeoverFile('Eneco', OWN) });
    expect(result).toMatchObject({ ok: true, stored: { heat: { created: 0, updated: 1 }, cables: { created: 1, updated: 1 } } });
    const audit = await store.access.auditLog({ organisation: 'Gemeente Rotterdam' });
    const perFeature = audit.filter((e) => e.object_type !== 'import').map((e) => [e.action, e.object_type, e.object_id, e.before_version, e.after_version]);
    expect(perFeature.sort()).toEqual([
      ['create', 'cables', OWN, null, 1],
      ['update', 'cables', VICTIMS.cable.id, 1, 2],
      ['update', 'heat', VICTIMS.heat.id, 1, 2],
    ]);
    const heat = audit.find((e) => e.object_id === VICTIMS.heat.id)!;
    expect(heat).toMatchObject({ token_id: 'token-engineer', role: 'engineer', detail: { import: expect.any(String), owner: { before: 'Vattenfall', after: 'Eneco' } } });
    expect(audit.filter((e) => e.object_type === 'import')).toHaveLength(1);
  });

  it('audits nothing per feature when the same file is imported again unchanged', async () => {
    const before = (await store.access.auditLog()).length;
    const result = await runImport(store, engineer, { path: takeoverFile('Eneco', OWN) });
    expect(result).toMatchObject({ ok: true, stored: { heat: { created: 0, updated: 0 }, cables: { created: 0, updated: 0 } } });
    const after = await store.access.auditLog();
    expect(after.length - before).toBe(1);
    expect(after[0]).toMatchObject({ object_type: 'import', action: 'import' });
  });

  it('lets the CLI, which has no principal, import for anyone', async () => {
    const result = await runImport(store, undefined, { path: takeoverFile('Vattenfall') });
    expect(result).toMatchObject({ ok: true, stored: { heat: { updated: 1 } } });
    expect(await store.features.get('heat', VICTIMS.heat.id)).toMatchObject({ properties: { owner: 'Vattenfall', version: 3 } });
  });
});

describe('persistImport', () => {
  it(`lists at most ${REFUSED_IDS_LISTED} refused ids and counts them all`, async () => {
    const cables = Array.from({ length: REFUSED_IDS_LISTED + 10 }, (_, i) => ({
      type: 'Feature' as const,
      id: `stedin-${String(i).padStart(3, '0')}`,
      geometry: { type: 'LineString' as const, coordinates: [[156_000 + i, 463_000], [156_000 + i, 463_010]] },
      properties: { owner: 'Stedin', status: 'existing' as const, version: 1, network: 'lv' as const },
    }));
    await store.features.insert('cables', cables);
    const claimed = cables.map((c) => ({ layer: 'cables' as const, asset: { ...c, properties: { ...c.properties, owner: 'Eneco' } } }));
    const report: ImportReport = { format: 'road-segments', source: 'test:claim', counts: { cables: claimed.length }, skipped: [], warnings: [], bytes: 0, duration_ms: 0 };
    const result = await persistImport(store, claimed, report, eneco);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'forbidden-features') throw new Error(`expected forbidden-features, got ${JSON.stringify(result)}`);
    expect(result.count).toBe(cables.length);
    expect(result.ids).toHaveLength(REFUSED_IDS_LISTED);
    expect((await store.features.get('cables', 'stedin-000'))?.properties.owner).toBe('Stedin');
  });
});
