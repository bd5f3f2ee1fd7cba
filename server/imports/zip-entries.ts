import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import type { ImportFailure } from './types.ts';
import { openBoundedZip } from './zip.ts';

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
export async function zipEntries(path: string, match: RegExp, { name, limits, zipBytes }: { name: string; limits: ImportLimits; zipBytes: number }): Promise<{ ok: true; entries: ZipEntry[]; listing: string[] } | ImportFailure> {
  const opened = await openBoundedZip(path, { name, limits, zipBytes });
  if (!opened.ok) return opened;
  const entries: ZipEntry[] = [];
  const listing: string[] = [];
  for (;;) {
    const next = await opened.zip.next();
    if (!next.ok) return next;
    if (!next.entry) return { ok: true, entries, listing };
    listing.push(next.entry.name);
    if (!match.test(next.entry.name)) continue;
    const read = await next.entry.buffer();
    if (!read.ok) return read;
    entries.push({ name: next.entry.name, bytes: read.bytes });
  }
}

/**
 * The entry names of a zip, without inflating anything; empty for a file that is no readable zip (the importer it
 * then goes to reports that properly).
 *
 * @example await zipListing('riool.zip') // ['224-4_DWA.rib', '226-0_DWA.rib']
 */
export async function zipListing(path: string, max = 10_000): Promise<string[]> {
  const opened = await openBoundedZip(path, { name: path, limits: { ...DEFAULT_IMPORT_LIMITS, maxZipEntries: max }, zipBytes: 0 });
  if (!opened.ok) return [];
  const names: string[] = [];
  for (;;) {
    const next = await opened.zip.next();
    if (!next.ok || !next.entry) return names;
    names.push(next.entry.name);
  }
}
