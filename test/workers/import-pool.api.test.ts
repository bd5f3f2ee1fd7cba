import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readImport } from '../../server/app/run-import.ts';
import { closeWorkPool, configureWorkPool } from '../../server/workers/run-job.ts';
import { healthWhile } from '../support/health-while.ts';
import { serverForFile } from '../support/http.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';
import { storeKinds } from '../support/store.ts';

// The largest real KLIC delivery (Vattenfall, 22C001966: 20.5 MB of GI XML) uploaded through the API: read in the
// worker pool while the event loop keeps answering, with the same counts as read inline. On PostgreSQL: the
// embedded store writes the 5 000 features on the main thread, which is not what this file is about.
const kind = storeKinds().includes('postgres') ? 'postgres' : 'pglite';
const { store, server } = await serverForFile(kind);
afterAll(closeWorkPool);

const FILE = 'Levering_22C001966_3.zip';

async function upload(name: string) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(readFileSync(realdata('klic', name)))]), name);
  const response = await fetch(`${server.url}/api/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${server.token}` } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe.skipIf(skipWithoutRealdata)('a KLIC import in the worker pool', () => {
  it('answers /api/health within a second while the Vattenfall delivery is imported, with the counts of an inline read', async () => {
    const inline = await readImport(undefined, { path: realdata('klic', FILE), name: FILE });
    if (!inline.ok) throw new Error(`inline read failed: ${inline.reason}`);
    expect(inline.report.counts).toEqual({ cables: 813, pipes: 44, heat: 4313, stations: 1 });

    configureWorkPool({ size: 1, queue: 2, warm: true });
    const { value, answers, inWorker } = await healthWhile(server, upload(FILE));
    expect(value.status).toBe(201);
    expect(value.body.counts).toEqual(inline.report.counts);
    expect(value.body.skipped).toEqual(inline.report.skipped);
    // The work left the event loop (inline, a health answer could still slip in before or after it).
    expect(inWorker).toBe(true);
    expect(answers.length).toBeGreaterThan(2);
    expect(Math.max(...answers)).toBeLessThan(1_000);
  }, 120_000);

  it('when an import passes its time limit, answers 503 naming the limit, stores nothing and serves the next request', async () => {
    configureWorkPool({ size: 1, queue: 2, importTimeoutMs: 50, warm: true });
    const before = await store.features.count();
    const refused = await upload('Levering_22G003179_1.zip');
    expect(refused.status).toBe(503);
    expect(refused.body.reason).toBe('timeout');
    expect(refused.body.detail).toContain('the import took longer than the limit of 0.05 s');
    expect(await store.features.count()).toBe(before);
    expect((await server.call('/api/health')).status).toBe(200);
    expect((await server.call('/api/layers')).status).toBe(200);
  }, 120_000);
});
