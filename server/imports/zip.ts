import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { errorMessage } from './file-errors.ts';
import { type ImportLimits, limitExceeded } from './limits.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from './types.ts';

/** The limit that sets how many bytes a zip may inflate to: the absolute one or the one relative to the zip. */
export type ZipByteLimit = 'maxInflatedBytes' | 'maxInflateRatio';

export interface BoundedZipOptions {
  /** The file's name in messages: an upload's path says nothing to the user. */
  name: string;
  limits: ImportLimits;
  /** Size of the zip file, which `maxInflateRatio` is taken against. */
  zipBytes: number;
  /** Appended to the sentence for an unreadable zip, e.g. `; download the KLIC delivery again`. */
  advice?: string;
}

/** One entry of a bounded zip: its name and what its header claims, to be inflated whole or as a stream. */
export interface BoundedEntry {
  name: string;
  /** The header's claim; yauzl fails an entry whose inflated bytes do not match it. */
  declaredBytes: number;
  /** Inflates the entry whole, counting its declared and its actual bytes against what the zip may still inflate. */
  buffer(): Promise<{ ok: true; bytes: Buffer } | ImportFailure>;
  /** Opens the entry as a stream once its declared bytes fit; the reader counts what comes out against `maxBytes`. */
  stream(): Promise<{ ok: true; stream: Readable } | ImportFailure>;
}

/** An open zip whose entry count was checked, read one entry at a time. Close it when done, even after a failure. */
export interface BoundedZip {
  /** Most bytes all inflated entries together may hold, and the limit that sets that number. */
  maxBytes: number;
  byteLimit: ZipByteLimit;
  /** The next entry, `undefined` after the last, or the failure that stopped the listing (the zip is then closed). */
  next(): Promise<{ ok: true; entry: BoundedEntry | undefined } | ImportFailure>;
  close(): void;
}

type Next = { ok: true; entry: BoundedEntry | undefined } | ImportFailure;

/**
 * Opens a zip with every import limit on it in one place: more entries than `maxZipEntries` are refused before one is
 * listed; an entry whose declared size would take the zip past `maxInflateRatio` × its size or `maxInflatedBytes`
 * is refused before it is inflated; an unreadable zip or entry is `zip-corrupt`, named by `name`, never by its path.
 *
 * @example
 * const opened = await openBoundedZip('/tmp/upload.zip', { name: 'riool.zip', limits, zipBytes: 20_480 });
 * if (opened.ok) for (let next = await opened.zip.next(); next.ok && next.entry; next = await opened.zip.next()) console.log(next.entry.name);
 */
export function openBoundedZip(path: string, { name, limits, zipBytes, advice = '' }: BoundedZipOptions): Promise<{ ok: true; zip: BoundedZip } | ImportFailure> {
  const corrupt = (error: unknown) => importFailure(IMPORT_FAILURES.zipCorrupt, `${name} is not a readable zip (${errorMessage(error, path, name)})${advice}`);
  // The ratio is to the whole zip, not an entry's compressed size: a delivery is mostly its GI document.
  const byRatio = limits.maxInflateRatio * Math.max(zipBytes, 1);
  const byteLimit: ZipByteLimit = byRatio < limits.maxInflatedBytes ? 'maxInflateRatio' : 'maxInflatedBytes';
  const maxBytes = Math.min(byRatio, limits.maxInflatedBytes);
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return resolve(corrupt(openError ?? 'no archive'));
      // yauzl reads exactly as many entries as the end record declares, so checking that number bounds the listing.
      if (zip.entryCount > limits.maxZipEntries) {
        zip.close();
        return resolve(limitExceeded(name, 'maxZipEntries', zip.entryCount, limits));
      }
      let inflated = 0;
      let settled: Next | undefined;
      let waiting: ((next: Next) => void) | undefined;
      const settle = (next: Next, final: boolean) => {
        if (final) {
          zip.close();
          settled ??= next;
        }
        waiting?.(settled ?? next);
        waiting = undefined;
      };
      // A refusal ends the zip: nothing more of it is read, and asking for the next entry answers the refusal again.
      const refuse = (failure: ImportFailure): ImportFailure => {
        zip.close();
        settled ??= failure;
        return failure;
      };
      const tooLarge = (seen: number | string) => refuse(limitExceeded(name, byteLimit, seen, limits));
      const open = (entry: yauzl.Entry) =>
        new Promise<{ ok: true; stream: Readable } | ImportFailure>((done) =>
          zip.openReadStream(entry, (error, stream) => done(error || !stream ? refuse(corrupt(error ?? 'entry unreadable')) : { ok: true, stream })),
        );
      const entryOf = (entry: yauzl.Entry): BoundedEntry => ({
        name: entry.fileName,
        declaredBytes: entry.uncompressedSize,
        async stream() {
          // The claim is only a claim (a bomb may understate it; yauzl then fails the stream where the claim ends),
          // but a claim past the limit is refused before inflating anything.
          // One document streamed is named with its ratio in the refusal; a buffered set below is summed in bytes.
          if (inflated + entry.uncompressedSize > maxBytes) {
            const declared = inflated + entry.uncompressedSize;
            return tooLarge(byteLimit === 'maxInflateRatio' ? `${ratio(declared, zipBytes)}×, ${declared} bytes declared for ${entry.fileName} in a ${zipBytes}-byte zip` : declared);
          }
          inflated += entry.uncompressedSize;
          return open(entry);
        },
        async buffer() {
          if (inflated + entry.uncompressedSize > maxBytes) return tooLarge(inflated + entry.uncompressedSize);
          const opened = await open(entry);
          if (!opened.ok) return opened;
          const chunks: Buffer[] = [];
          return new Promise((done) => {
            opened.stream.on('data', (chunk: Buffer) => {
              inflated += chunk.length;
              // yauzl stops an entry where its claim ends; this holds the sum should it ever not.
              if (inflated > maxBytes) {
                opened.stream.destroy();
                return done(tooLarge(inflated));
              }
              chunks.push(chunk);
            });
            opened.stream.on('error', (error: Error) => done(refuse(corrupt(error))));
            opened.stream.on('end', () => done({ ok: true, bytes: Buffer.concat(chunks) }));
          });
        },
      });
      zip.on('error', (error: Error) => settle(corrupt(error), true));
      zip.on('end', () => settle({ ok: true, entry: undefined }, true));
      zip.on('entry', (entry: yauzl.Entry) => settle({ ok: true, entry: entryOf(entry) }, false));
      resolve({
        ok: true,
        zip: {
          maxBytes,
          byteLimit,
          next: () =>
            settled
              ? Promise.resolve(settled)
              : new Promise<Next>((done) => {
                  waiting = done;
                  zip.readEntry();
                }),
          close: () => zip.close(),
        },
      });
    });
  });
}

/** Bytes out per byte in, to one decimal: `ratio(52_500_000, 1_000_000)` → 52.5. */
export const ratio = (inflated: number, zip: number): number => Math.round((inflated / Math.max(zip, 1)) * 10) / 10;
