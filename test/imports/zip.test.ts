import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../server/imports/limits.ts';
import type { ImportFailure } from '../../server/imports/types.ts';
import { type BoundedEntry, openBoundedZip } from '../../server/imports/zip.ts';
import { type ZipEntry, deflateRepeated, zip } from '../support/hostile-files.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'ondergrond-zip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const stored = (name: string, text: string, uncompressedSize = Buffer.byteLength(text)): ZipEntry => ({ name, data: Buffer.from(text), stored: true, uncompressedSize });
const deflated = (name: string, text: string, times: number, declared?: number): ZipEntry => {
  const { data, inflated } = deflateRepeated('', text, times, '');
  return { name, data, uncompressedSize: declared ?? inflated };
};
/** Declares `declared` bytes but holds bytes that are no deflate stream: refused unread, or it would be zip-corrupt. */
const undeflatable = (name: string, declared: number): ZipEntry => ({ name, data: Buffer.alloc(64, 0xff), uncompressedSize: declared });

let files = 0;
async function open(entries: ZipEntry[] | Buffer, limits: Partial<ImportLimits> = {}) {
  const bytes = Buffer.isBuffer(entries) ? entries : zip(entries);
  const file = path.join(tmp, `upload-${files++}.zip`);
  writeFileSync(file, bytes);
  return openBoundedZip(file, { name: 'riool.zip', limits: { ...DEFAULT_IMPORT_LIMITS, ...limits }, zipBytes: bytes.length, advice: '; try again' });
}

type Use = 'buffer' | 'stream';
/** Reads every entry the one way, whole: what a sewer import (buffer) or the KLIC reader (stream) would get. */
async function readAll(entries: ZipEntry[], use: Use, limits: Partial<ImportLimits> = {}): Promise<{ ok: true; texts: string[] } | ImportFailure> {
  const opened = await open(entries, limits);
  if (!opened.ok) return opened;
  const texts: string[] = [];
  for (;;) {
    const next = await opened.zip.next();
    if (!next.ok) return next;
    if (!next.entry) return { ok: true, texts };
    const text = await read(next.entry, use);
    if (!text.ok) return text;
    texts.push(text.text);
  }
}

async function read(entry: BoundedEntry, use: Use): Promise<{ ok: true; text: string } | ImportFailure> {
  if (use === 'buffer') {
    const bytes = await entry.buffer();
    return bytes.ok ? { ok: true, text: bytes.bytes.toString('utf8') } : bytes;
  }
  const stream = await entry.stream();
  return stream.ok ? { ok: true, text: await drain(stream.stream) } : stream;
}

const drain = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

describe('opening a bounded zip, the same for either use', () => {
  it('when a zip holds more entries than maxZipEntries, refuses it as too-large before listing one', async () => {
    const result = await open([stored('a', 'a'), stored('b', 'b'), stored('c', 'c')], { maxZipEntries: 2 });
    expect(result).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_ZIP_ENTRIES', value: 2, seen: 3 } });
  });

  it('when the file is no zip, answers zip-corrupt with its name and the advice, never its path', async () => {
    const result = await open(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 1)]));
    expect(result).toMatchObject({ ok: false, code: 'zip-corrupt', reason: expect.stringMatching(/^riool\.zip is not a readable zip \(.+\); try again$/) });
    expect(result.ok || result.reason).not.toContain(tmp);
  });
});

describe.each<Use>(['buffer', 'stream'])('a bounded zip read by %s', (use) => {
  it('reads every entry within the limits, as it was zipped', async () => {
    expect(await readAll([stored('a.rib', '*RIOO|1'), deflated('b.rib', '*PUT|2\n', 100)], use)).toEqual({ ok: true, texts: ['*RIOO|1', '*PUT|2\n'.repeat(100)] });
  });

  it('when an entry declares more than maxInflateRatio × the zip, refuses it as too-large without inflating it', async () => {
    const result = await readAll([stored('a.rib', 'first'), undeflatable('bomb.rib', 5_000_000)], use, { maxInflateRatio: 50 });
    expect(result).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_INFLATE_RATIO', value: 50 } });
    // The one document streamed is named with its ratio; the buffered set counts its sum in bytes.
    expect(result.ok || result.reason).toMatch(use === 'stream' ? /seen: \d+(\.\d)?×, 5000005 bytes declared for bomb\.rib in a \d+-byte zip/ : /seen: 5000005\)/);
  });

  it('when an entry declares more than maxInflatedBytes, refuses it as too-large without inflating it', async () => {
    const result = await readAll([undeflatable('bomb.rib', 2_000)], use, { maxInflatedBytes: 1_000, maxInflateRatio: 1e6 });
    expect(result).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_INFLATED_BYTES', value: 1_000, seen: 2_000 } });
  });

  it('when the entries together declare more than the limit, refuses the one that passes it', async () => {
    const opened = await open([stored('a.rib', 'x'.repeat(600)), stored('b.rib', 'y'.repeat(600))], { maxInflatedBytes: 1_000, maxInflateRatio: 1e6 });
    if (!opened.ok) throw new Error(opened.reason);
    const first = await opened.zip.next();
    expect(first.ok && first.entry && (await read(first.entry, use))).toMatchObject({ ok: true });
    const second = await opened.zip.next();
    const refused = second.ok && second.entry && (await read(second.entry, use));
    expect(refused).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_INFLATED_BYTES', seen: 1_200 } });
    expect(await opened.zip.next()).toEqual(refused);
  });

  it('when an entry holds more than its header declares, stops where the header said', async () => {
    const lying = deflated('lying.rib', 'z'.repeat(1_000), 10, 100);
    if (use === 'buffer') {
      expect(await readAll([lying], use)).toMatchObject({ ok: false, code: 'zip-corrupt', reason: expect.stringMatching(/^riool\.zip is not a readable zip \(.*too many bytes.*\); try again$/) });
      return;
    }
    const opened = await open([lying]);
    const next = opened.ok && (await opened.zip.next());
    const stream = next && next.ok && next.entry && (await next.entry.stream());
    if (!stream || !stream.ok) throw new Error('the lying entry should open as a stream');
    await expect(drain(stream.stream)).rejects.toThrow(/too many bytes/);
  });
});
