import { existsSync, mkdirSync, readFile, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

// PGlite unpacks an extension's whole bundle into its in-memory file system at every open and compiles every `.so`
// in it. The PostGIS bundle holds 95 MB: three 16 MB WebAssembly libraries (postgis, postgis_raster,
// postgis_topology), some 480 upgrade scripts and the tiger geocoder. The store uses postgis alone, so it opens
// with a bundle of only what `CREATE EXTENSION postgis` and its functions read (the library, its control file and
// install script, the PROJ database): a third of the bytes and one compilation instead of three.
//
// PGlite also reads a bundle as gzip through a stream and untars it in JavaScript, which cost a warm open about 1 s
// of CPU for these 34 MB. The trimmed bundle is therefore kept as a plain tar and written into the file system by
// the extension itself before PostgreSQL starts, the way PGlite would have written it.

/** The files of the PostGIS bundle the store needs; everything else stays out. */
const KEEP = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis\.control$/,
  /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/,
  /^share\/proj\//,
];

const BLOCK = 512;

/** One file of a tar archive: its path, and its header and data as they lie in the archive. */
export interface TarEntry {
  path: string;
  /** The whole entry: a GNU long-name entry before it when there is one, the header, the data and its padding. */
  entry: Uint8Array;
  data: Uint8Array;
}

/**
 * The files of an uncompressed tar archive (folder entries are left out: their files' paths name them). Handles
 * the ustar prefix field and GNU long names. The bytes are views into `tar`, not copies.
 *
 * @example [...tarEntries(tar)].map((e) => e.path) // ['lib/postgresql/postgis-3.so', …]
 */
export function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  let longName: string | undefined;
  let pending: number | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(tar, at + BLOCK, size);
      pending = at;
    } else {
      const prefix = text(header, 345, 155);
      const path = (longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100))).replace(/^\.\//, '');
      if (type !== '5') yield { path, entry: tar.subarray(pending ?? at, end), data: tar.subarray(at + BLOCK, at + BLOCK + size) };
      longName = undefined;
      pending = undefined;
    }
    at = end;
  }
}

/**
 * The entries of an uncompressed tar archive whose path passes `keep`, as a new archive (headers and data copied as
 * they are, folder entries left out: PGlite creates a file's folders as it writes it).
 *
 * @example tarSubset(tar, (path) => path.endsWith('.control')) // an archive with the control files only
 */
export function tarSubset(tar: Uint8Array, keep: (path: string) => boolean): Uint8Array {
  const parts = [...tarEntries(tar)].filter((e) => keep(e.path)).map((e) => e.entry);
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
 * `node_modules/.cache/ondergrond/` and installed by a pre-run step of the database's module. Where that cannot be
 * written, the package's full bundle is used (slower, same result).
 */
export function postgisCore(): Extension {
  return {
    name: 'postgis',
    setup: async (pg, emscriptenOpts) => {
      const result = await postgis.setup(pg, emscriptenOpts);
      const core = result.bundlePath && coreBundle(result.bundlePath);
      if (!core) return result;
      // Read in one go off the main thread, which meanwhile loads the server's modules (fs/promises would read it in
      // chunks and join them on the main thread); the files keep the bytes, uncopied.
      const files = [...tarEntries(await promisify(readFile)(core))];
      const { bundlePath: _unpackedByPglite, ...rest } = result;
      const opts = result.emscriptenOpts as { preRun?: ((mod: PostgresFiles) => void)[] };
      return { ...rest, emscriptenOpts: { ...opts, preRun: [...(opts.preRun ?? []), (mod: PostgresFiles) => install(mod, files)] } };
    },
  };
}

/** What the bundle is written through: the database module's file system, as PGlite's own extension loader uses it. */
interface PostgresFiles {
  WASM_PREFIX: string;
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
    createPreloadedFile(parent: string, name: string, data: Uint8Array, canRead: boolean, canWrite: boolean, onload: () => void, onerror: () => void, dontCreateFile: boolean, canOwn: boolean): void;
  };
}

/**
 * Writes the bundle's files under the module's prefix, each file holding its bytes of the archive (`canOwn`: no
 * copy, which in this memory costs page faults as well as the copying). A library is handed to Emscripten's preloading, which compiles
 * and links it before PostgreSQL starts (the module waits for it), as PGlite does; should that fail, the file is
 * written as it is and PostgreSQL's `dlopen` loads it at first use.
 */
function install(mod: PostgresFiles, files: readonly TarEntry[]): void {
  for (const { path, data } of files) {
    const full = `${mod.WASM_PREFIX}/${path}`;
    const folder = full.slice(0, full.lastIndexOf('/'));
    mod.FS.mkdirTree(folder);
    if (full.endsWith('.so')) mod.FS.createPreloadedFile(folder, full.slice(folder.length + 1), data, true, true, () => undefined, () => mod.FS.writeFile(full, data, { canOwn: true }), false, true);
    else mod.FS.writeFile(full, data, { canOwn: true });
  }
}

function coreBundle(full: URL): string | undefined {
  try {
    // The bundle lies in the package's dist/ (its exports map does not name package.json).
    const pkg = join(dirname(fileURLToPath(full)), '..', 'package.json');
    const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
    const cache = join(dirname(pkg), '..', '..', '.cache', 'ondergrond');
    const file = join(cache, `postgis-${version}-core.tar`);
    if (!existsSync(file)) {
      mkdirSync(cache, { recursive: true });
      const subset = tarSubset(gunzipSync(readFileSync(full)), (path) => KEEP.some((re) => re.test(path)));
      // Written aside and renamed, so a second process never reads half a bundle.
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, subset);
      renameSync(partial, file);
    }
    return file;
  } catch {
    return undefined;
  }
}
