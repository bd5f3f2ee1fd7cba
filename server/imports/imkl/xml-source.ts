import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { errorMessage } from '../file-errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, limitExceeded } from '../limits.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from '../types.ts';

/** The IMKL document of a delivery as a byte stream, without unpacking the zip to disk. */
export interface XmlSource {
  stream: Readable;
  /** Uncompressed size of the XML document, for progress and throughput (a zip's header may lie about it). */
  totalBytes: number;
  /** File name of the document (inside the zip for a delivery). */
  name: string;
  /** True when read from a zip, so read errors are reported as a damaged zip. */
  zipped: boolean;
  /** Size of the file opened: the zip for a delivery. */
  fileBytes: number;
  /** Most bytes the parser may read from `stream`, and the limit that sets that number. */
  maxBytes: number;
  byteLimit: 'maxInflatedBytes' | 'maxInflateRatio';
  close(): void;
}

export interface XmlSourceOptions {
  /** The file's name in messages; default the path's base name. */
  name?: string;
  limits?: Partial<ImportLimits>;
}

/** Matches the GI document of a KLIC delivery, e.g. `22O000518_1/GI_gebiedsinformatielevering_22O000518_1_V2.xml`. */
const GI_DOCUMENT = /(^|\/)GI_gebiedsinformatielevering_[^/]*\.xml$/i;
const ZIP_MAGIC = [0x50, 0x4b];

type Opened = { ok: true; source: XmlSource } | ImportFailure;

/**
 * Opens a KLIC delivery (.zip) or its GI XML for streaming. A zip is recognised by its first bytes, not its name;
 * only the GI document's entry is inflated, as a stream. A zip with too many entries, or whose GI entry declares
 * more bytes than the limits allow, is refused before anything is inflated.
 *
 * @example const src = await openXmlSource('Levering_22O000518_1.zip'); // { ok: true, source: { stream, totalBytes: 3210641, ... } }
 */
export async function openXmlSource(path: string, options: XmlSourceOptions = {}): Promise<Opened> {
  const name = options.name ?? basename(path);
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  let head: Buffer;
  let size: number;
  try {
    size = (await stat(path)).size;
    const handle = await openFile(path, 'r');
    try {
      head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${name}: ${errorMessage(error, path, name)}`);
  }
  const looksZipped = head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1];
  if (looksZipped || /\.zip$/i.test(path)) return openZipEntry(path, name, size, limits);
  if (size > limits.maxInflatedBytes) return limitExceeded(name, 'maxInflatedBytes', size, limits);
  const stream = createReadStream(path);
  return {
    ok: true,
    source: { stream, totalBytes: size, name, zipped: false, fileBytes: size, maxBytes: limits.maxInflatedBytes, byteLimit: 'maxInflatedBytes', close: () => stream.destroy() },
  };
}

function openZipEntry(path: string, name: string, size: number, limits: ImportLimits): Promise<Opened> {
  const corrupt = (error: unknown) =>
    importFailure(IMPORT_FAILURES.zipCorrupt, `${name} is not a readable zip (${errorMessage(error, path, name)}); download the KLIC delivery again`);
  // The ratio is to the whole zip, not the entry's compressed size: a delivery is mostly its GI document.
  const byRatio = limits.maxInflateRatio * size;
  const byteLimit = byRatio < limits.maxInflatedBytes ? 'maxInflateRatio' : 'maxInflatedBytes';
  const maxBytes = Math.min(byRatio, limits.maxInflatedBytes);
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return resolve(corrupt(openError ?? 'no archive'));
      // yauzl reads exactly as many entries as the end record declares, so checking that number bounds the listing.
      if (zip.entryCount > limits.maxZipEntries) {
        zip.close();
        return resolve(limitExceeded(name, 'maxZipEntries', zip.entryCount, limits));
      }
      const names: string[] = [];
      zip.on('error', (error: Error) => {
        zip.close();
        resolve(corrupt(error));
      });
      zip.on('end', () => {
        zip.close();
        const listing = names.slice(0, 5).join(', ') || 'nothing';
        resolve(importFailure(IMPORT_FAILURES.notImkl, `${name} holds no GI_gebiedsinformatielevering_*.xml (found ${listing}); is this a KLIC delivery?`));
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (names.length < 5) names.push(entry.fileName);
        if (!GI_DOCUMENT.test(entry.fileName)) return zip.readEntry();
        // The header's size is only a claim (a bomb may understate it; the parser counts what comes out), but a
        // claim past the limit is refused before inflating anything.
        if (entry.uncompressedSize > maxBytes) {
          zip.close();
          const seen = byteLimit === 'maxInflateRatio' ? `${ratio(entry.uncompressedSize, size)}×, ${entry.uncompressedSize} bytes declared for ${entry.fileName} in a ${size}-byte zip` : entry.uncompressedSize;
          return resolve(limitExceeded(name, byteLimit, seen, limits));
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            zip.close();
            return resolve(corrupt(streamError ?? 'entry unreadable'));
          }
          resolve({
            ok: true,
            source: {
              stream,
              totalBytes: entry.uncompressedSize,
              name: entry.fileName,
              zipped: true,
              fileBytes: size,
              maxBytes,
              byteLimit,
              close: () => {
                stream.destroy();
                zip.close();
              },
            },
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Bytes out per byte in, to one decimal: `ratio(52_500_000, 1_000_000)` → 52.5. */
export const ratio = (inflated: number, zip: number): number => Math.round((inflated / Math.max(zip, 1)) * 10) / 10;
