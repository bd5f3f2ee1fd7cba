import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { errorMessage } from '../file-errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, limitExceeded } from '../limits.ts';
import { IMPORT_FAILURES, type ImportFailure, importFailure } from '../types.ts';
import { type ZipByteLimit, openBoundedZip } from '../zip.ts';

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
  byteLimit: ZipByteLimit;
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

async function openZipEntry(path: string, name: string, size: number, limits: ImportLimits): Promise<Opened> {
  const opened = await openBoundedZip(path, { name, limits, zipBytes: size, advice: '; download the KLIC delivery again' });
  if (!opened.ok) return opened;
  const { zip } = opened;
  const names: string[] = [];
  for (;;) {
    const next = await zip.next();
    if (!next.ok) return next;
    const entry = next.entry;
    if (!entry) {
      const listing = names.slice(0, 5).join(', ') || 'nothing';
      return importFailure(IMPORT_FAILURES.notImkl, `${name} holds no GI_gebiedsinformatielevering_*.xml (found ${listing}); is this a KLIC delivery?`);
    }
    if (names.length < 5) names.push(entry.name);
    if (!GI_DOCUMENT.test(entry.name)) continue;
    const read = await entry.stream();
    if (!read.ok) return read;
    const { stream } = read;
    return {
      ok: true,
      source: {
        stream,
        totalBytes: entry.declaredBytes,
        name: entry.name,
        zipped: true,
        fileBytes: size,
        maxBytes: zip.maxBytes,
        byteLimit: zip.byteLimit,
        close: () => {
          stream.destroy();
          zip.close();
        },
      },
    };
  }
}
