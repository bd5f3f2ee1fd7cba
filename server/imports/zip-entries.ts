import yauzl from 'yauzl';
import { errorMessage } from './file-errors.ts';
import { type ImportLimits, limitExceeded } from './limits.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from './types.ts';

export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

/**
 * The entries of a zip whose names match, inflated whole: for small text files (a sewer inspection file, a HydX
 * CSV set), never a KLIC delivery. The entry count and the declared and actual bytes are bounded by `limits` as for
 * KLIC, before and while inflating.
 *
 * @example const read = await zipEntries('riool.zip', /\.rib$/i, { name: 'riool.zip', limits }); read.ok ? read.entries.map((e) => e.name) : read.code
 */
export function zipEntries(path: string, match: RegExp, { name, limits, zipBytes }: { name: string; limits: ImportLimits; zipBytes: number }): Promise<{ ok: true; entries: ZipEntry[]; listing: string[] } | ImportFailure> {
  const maxBytes = Math.min(limits.maxInflateRatio * Math.max(zipBytes, 1), limits.maxInflatedBytes);
  const byteLimit = limits.maxInflateRatio * zipBytes < limits.maxInflatedBytes ? 'maxInflateRatio' : 'maxInflatedBytes';
  const corrupt = (error: unknown) => importFailure(IMPORT_FAILURES.zipCorrupt, `${name} is not a readable zip (${errorMessage(error, path, name)})`);
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return resolve(corrupt(openError ?? 'no archive'));
      if (zip.entryCount > limits.maxZipEntries) {
        zip.close();
        return resolve(limitExceeded(name, 'maxZipEntries', zip.entryCount, limits));
      }
      const entries: ZipEntry[] = [];
      const listing: string[] = [];
      let total = 0;
      const fail = (failure: ImportFailure) => {
        zip.close();
        resolve(failure);
      };
      zip.on('error', (error: Error) => fail(corrupt(error)));
      zip.on('end', () => {
        zip.close();
        resolve({ ok: true, entries, listing });
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        listing.push(entry.fileName);
        if (!match.test(entry.fileName)) return zip.readEntry();
        if (total + entry.uncompressedSize > maxBytes) return fail(limitExceeded(name, byteLimit, total + entry.uncompressedSize, limits));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(corrupt(streamError ?? 'entry unreadable'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            // The header's size is only a claim: what actually comes out is counted too.
            if (total > maxBytes) {
              stream.destroy();
              return fail(limitExceeded(name, byteLimit, total, limits));
            }
            chunks.push(chunk);
          });
          stream.on('error', (error: Error) => fail(corrupt(error)));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * The entry names of a zip, without inflating anything; empty for a file that is no readable zip (the importer it
 * then goes to reports that properly).
 *
 * @example await zipListing('riool.zip') // ['224-4_DWA.rib', '226-0_DWA.rib']
 */
export function zipListing(path: string, max = 10_000): Promise<string[]> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return resolve([]);
      if (zip.entryCount > max) {
        zip.close();
        return resolve([]);
      }
      const names: string[] = [];
      zip.on('error', () => {
        zip.close();
        resolve(names);
      });
      zip.on('end', () => {
        zip.close();
        resolve(names);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}
