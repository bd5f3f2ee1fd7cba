/**
 * The client bundle's size as a browser would fetch it: every file of client/dist raw, gzip (level 9) and brotli
 * (quality 11), and, where pre-compressed siblings (`x.js.br`, `x.js.gz`) were built next to an asset, their sizes,
 * which is what a server sending them answers. Reads client/dist only; writes nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { printTable } from './stats.ts';

export interface BundleFile {
  /** Path under client/dist, with forward slashes. */
  path: string;
  raw: number;
  gzip: number;
  brotli: number;
  /** Size of the pre-compressed sibling on disk, absent when there is none. */
  servedGzip?: number;
  servedBrotli?: number;
}

const PRECOMPRESSED = /\.(br|gz)$/;

/**
 * Sizes of every file under `dist` (pre-compressed siblings are reported beside their source, not as files).
 *
 * @example bundleSizes('client/dist') // [{ path: 'assets/index-B_sFEh9m.js', raw: 661_949, gzip: 198_030, brotli: 168_041 }, …]
 */
export function bundleSizes(dist: string): BundleFile[] {
  const files: BundleFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!PRECOMPRESSED.test(entry.name)) files.push(measure(dist, path));
    }
  };
  walk(dist);
  return files;
}

function measure(dist: string, path: string): BundleFile {
  const bytes = readFileSync(path);
  const file: BundleFile = {
    path: relative(dist, path).split('\\').join('/'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  };
  if (existsSync(`${path}.gz`)) file.servedGzip = statSync(`${path}.gz`).size;
  if (existsSync(`${path}.br`)) file.servedBrotli = statSync(`${path}.br`).size;
  return file;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Prints one row per file and the total; the served columns only when some file has a pre-compressed sibling. */
export function printBundle(files: readonly BundleFile[]): void {
  const served = files.some((f) => f.servedGzip !== undefined || f.servedBrotli !== undefined);
  const sum = (pick: (f: BundleFile) => number | undefined) => files.reduce((s, f) => s + (pick(f) ?? 0), 0);
  const row = (name: string, raw: number, gzip: number, brotli: number, sg?: number, sb?: number) => [
    name,
    kb(raw),
    kb(gzip),
    kb(brotli),
    ...(served ? [sg === undefined ? '–' : kb(sg), sb === undefined ? '–' : kb(sb)] : []),
  ];
  printTable(
    ['file', 'raw KiB', 'gzip -9 KiB', 'brotli 11 KiB', ...(served ? ['served .gz KiB', 'served .br KiB'] : [])],
    [
      ...files.map((f) => row(f.path, f.raw, f.gzip, f.brotli, f.servedGzip, f.servedBrotli)),
      row(`total (${files.length} files)`, sum((f) => f.raw), sum((f) => f.gzip), sum((f) => f.brotli), sum((f) => f.servedGzip ?? f.raw), sum((f) => f.servedBrotli ?? f.raw)),
    ],
  );
  // A file without a sibling goes out as it is, so the served totals count it raw.
  console.log(served ? 'served totals count a file without a pre-compressed sibling at its raw size' : 'no pre-compressed .br/.gz files in client/dist');
}
