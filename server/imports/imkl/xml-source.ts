import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from '../types.ts';

/** The IMKL document of a delivery as a byte stream, without unpacking the zip to disk. */
export interface XmlSource {
  stream: Readable;
  /** Uncompressed size of the XML document, for progress and throughput. */
  totalBytes: number;
  /** File name of the document (inside the zip for a delivery). */
  name: string;
  /** True when read from a zip, so read errors are reported as a damaged zip. */
  zipped: boolean;
  close(): void;
}

/** Matches the GI document of a KLIC delivery, e.g. `22O000518_1/GI_gebiedsinformatielevering_22O000518_1_V2.xml`. */
const GI_DOCUMENT = /(^|\/)GI_gebiedsinformatielevering_[^/]*\.xml$/i;
const ZIP_MAGIC = [0x50, 0x4b];

/**
 * Opens a KLIC delivery (.zip) or its GI XML for streaming. A zip is recognised by its first bytes, not its name;
 * only the GI document's entry is inflated, as a stream.
 *
 * @example const src = await openXmlSource('Levering_22O000518_1.zip'); // { ok: true, source: { stream, totalBytes: 3210641, ... } }
 */
export async function openXmlSource(path: string): Promise<{ ok: true; source: XmlSource } | ImportFailure> {
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
    return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${path}: ${(error as Error).message}`);
  }
  const looksZipped = head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1];
  if (looksZipped || /\.zip$/i.test(path)) return openZipEntry(path);
  const stream = createReadStream(path);
  return { ok: true, source: { stream, totalBytes: size, name: path, zipped: false, close: () => stream.destroy() } };
}

function openZipEntry(path: string): Promise<{ ok: true; source: XmlSource } | ImportFailure> {
  const corrupt = (message: string) =>
    importFailure(IMPORT_FAILURES.zipCorrupt, `${path} is not a readable zip (${message}); download the KLIC delivery again`);
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return resolve(corrupt(openError?.message ?? 'no archive'));
      const names: string[] = [];
      zip.on('error', (error: Error) => {
        zip.close();
        resolve(corrupt(error.message));
      });
      zip.on('end', () => {
        zip.close();
        const listing = names.slice(0, 5).join(', ') || 'nothing';
        resolve(importFailure(IMPORT_FAILURES.notImkl, `${path} holds no GI_gebiedsinformatielevering_*.xml (found ${listing}); is this a KLIC delivery?`));
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (!GI_DOCUMENT.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            zip.close();
            return resolve(corrupt(streamError?.message ?? 'entry unreadable'));
          }
          resolve({
            ok: true,
            source: {
              stream,
              totalBytes: entry.uncompressedSize,
              name: entry.fileName,
              zipped: true,
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
