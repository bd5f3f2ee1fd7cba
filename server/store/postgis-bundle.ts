import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

// PGlite unpacks an extension's whole bundle into its in-memory file system at every open and compiles every `.so`
// in it. The PostGIS bundle holds 95 MB: three 16 MB WebAssembly libraries (postgis, postgis_raster,
// postgis_topology), some 480 upgrade scripts and the tiger geocoder. The store uses postgis alone, so it opens
// with a bundle of only what `CREATE EXTENSION postgis` and its functions read (the library, its control file and
// install script, the PROJ database): a third of the bytes and one compilation instead of three.

/** The files of the PostGIS bundle the store needs; everything else stays out. */
const KEEP = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis\.control$/,
  /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/,
  /^share\/proj\//,
];

const BLOCK = 512;

/**
 * The entries of an uncompressed tar archive whose path passes `keep`, as a new archive (headers and data copied as
 * they are). Folder entries are left out: PGlite creates a file's folders as it writes it. Handles the ustar prefix
 * field and GNU long names.
 *
 * @example tarSubset(tar, (path) => path.endsWith('.control')) // an archive with the control files only
 */
export function tarSubset(tar: Uint8Array, keep: (path: string) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let longName: string | undefined;
  let pending: Uint8Array | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const entry = tar.subarray(at, end);
    if (type === 'L') {
      longName = text(tar, at + BLOCK, size);
      pending = entry;
    } else {
      const prefix = text(header, 345, 155);
      const name = (longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100))).replace(/^\.\//, '');
      if (type !== '5' && keep(name)) parts.push(...(pending ? [pending] : []), entry);
      longName = undefined;
      pending = undefined;
    }
    at = end;
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return Buffer.concat(parts);
}

function text(bytes: Uint8Array, from: number, length: number): string {
  const field = bytes.subarray(from, from + length);
  const nul = field.indexOf(0);
  return Buffer.from(nul === -1 ? field : field.subarray(0, nul)).toString('utf8');
}

/**
 * The PostGIS extension for PGlite with the trimmed bundle, written once per PostGIS version into
 * `node_modules/.cache/ondergrond/`. Where that cannot be written, the package's full bundle is used (slower, same
 * result).
 */
export function postgisCore(): Extension {
  return {
    name: 'postgis',
    setup: async (pg, emscriptenOpts) => {
      const result = await postgis.setup(pg, emscriptenOpts);
      const full = result.bundlePath;
      if (!full) return result;
      const core = coreBundle(full);
      return { ...result, bundlePath: core ?? full };
    },
  };
}

function coreBundle(full: URL): URL | undefined {
  try {
    // The bundle lies in the package's dist/ (its exports map does not name package.json).
    const pkg = join(dirname(fileURLToPath(full)), '..', 'package.json');
    const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
    const cache = join(dirname(pkg), '..', '..', '.cache', 'ondergrond');
    const file = join(cache, `postgis-${version}-core.tar.gz`);
    if (!existsSync(file)) {
      mkdirSync(cache, { recursive: true });
      const subset = tarSubset(gunzipSync(readFileSync(full)), (path) => KEEP.some((re) => re.test(path)));
      // Written aside and renamed, so a second process never reads half a bundle.
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, gzipSync(subset, { level: 1 }));
      renameSync(partial, file);
    }
    return pathToFileURL(file);
  } catch {
    return undefined;
  }
}
