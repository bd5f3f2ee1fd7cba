/**
 * Import throughput and memory for the largest real KLIC delivery (Vattenfall, 22C001966: 20.5 MB of GI XML), and
 * throughput for the largest real SUF-RIB sewer inspection file (Almere 226-0).
 * Reference in the same process: merely streaming and inflating the XML out of the zip, without parsing.
 * Real data, no randomness: every run sees identical input.
 *
 *   ONDERGROND_REALDATA=/work/shared/realdata npx tsx --expose-gc scripts/bench/import.bench.ts [runs]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import { openXmlSource } from '../../server/imports/imkl/xml-source.ts';
import { readFile } from 'node:fs/promises';
import { importRib } from '../../server/imports/rib/import-rib.ts';
import { createRibParser } from '../../server/imports/rib/rib-parser.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REALDATA = process.env.ONDERGROND_REALDATA ?? path.resolve(repoRoot, '../shared/realdata');
const DELIVERY = path.join(REALDATA, 'klic', 'Levering_22C001966_3.zip');
const RUNS = Number(process.argv[2] ?? 7);
const MB = 1024 * 1024;

async function inflateOnly(): Promise<number> {
  const opened = await openXmlSource(DELIVERY);
  if (!opened.ok) throw new Error(opened.reason);
  let bytes = 0;
  for await (const chunk of opened.source.stream) bytes += (chunk as Buffer).length;
  opened.source.close();
  return bytes;
}

async function importOnce(): Promise<{ bytes: number; features: number }> {
  const result = await importKlic(DELIVERY);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return { bytes: result.report.bytes, features: result.assets.length };
}

/** Runs `fn` RUNS times after one warm-up, sampling memory every 20 ms; returns durations and peaks. */
async function measure<T>(fn: () => Promise<T>) {
  const gc = (globalThis as { gc?: () => void }).gc;
  await fn();
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const durations: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const start = performance.now();
    last = await fn();
    durations.push(performance.now() - start);
  }
  clearInterval(timer);
  durations.sort((a, b) => a - b);
  const pick = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!;
  return { median: pick(0.5), p95: pick(0.95), last: last!, base, peakRss, peakHeap };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

const reference = await measure(inflateOnly);
const full = await measure(importOnce);
const { bytes, features } = full.last;
const seconds = full.median / 1000;

console.log(`KLIC import benchmark: ${path.basename(DELIVERY)}, ${mb(bytes)} XML, ${features} assets, ${RUNS} runs (gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'on' : 'off'})`);
console.log(`  stream+inflate only (reference): median ${fmt(reference.median)}, p95 ${fmt(reference.p95)}, ${(bytes / MB / (reference.median / 1000)).toFixed(1)} MB/s`);
console.log(`  full import:                     median ${fmt(full.median)}, p95 ${fmt(full.p95)}`);
console.log(`  throughput:                      ${(bytes / MB / seconds).toFixed(1)} MB/s, ${Math.round(features / seconds)} features/s`);
console.log(`  ratio import / inflate:          ${(full.median / reference.median).toFixed(1)}×`);
console.log(`  memory, inflate only:            peak RSS ${mb(reference.peakRss)}, peak heap ${mb(reference.peakHeap)} (from heap ${mb(reference.base.heapUsed)})`);
console.log(`  memory, full import:             peak RSS ${mb(full.peakRss)}, peak heap ${mb(full.peakHeap)} (from heap ${mb(full.base.heapUsed)}; +${mb(full.peakHeap - full.base.heapUsed)} ≈ ${((full.peakHeap - full.base.heapUsed) / bytes).toFixed(2)}× the XML)`);

// SUF-RIB (issue 17): the largest Almere inspection file, 226-0 (351 pipes, 4200 observations). Reference in the same
// process: reading its bytes; then the pure parser alone; then the whole import (pipes, condition, validation).
const RIB = path.join(REALDATA, 'almere-riool', '226-0_DWA.rib');
const ribBytes = await readFile(RIB);
const ribRead = await measure(() => readFile(RIB));
const ribParse = await measure(async () => {
  let records = 0;
  const parser = createRibParser(() => void records++);
  parser.push(ribBytes);
  parser.end();
  return records;
});
const ribFull = await measure(async () => {
  const result = await importRib(RIB);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.assets.length;
});
const ribSeconds = ribFull.median / 1000;
console.log(`SUF-RIB import benchmark: ${path.basename(RIB)}, ${(ribBytes.length / 1024).toFixed(0)} KB, ${ribParse.last} records, ${ribFull.last} pipes, ${RUNS} runs`);
console.log(`  read bytes only (reference):     median ${ribRead.median.toFixed(1)} ms`);
console.log(`  parse only:                      median ${ribParse.median.toFixed(1)} ms, ${Math.round(ribParse.last / (ribParse.median / 1000))} records/s`);
console.log(`  full import:                     median ${ribFull.median.toFixed(1)} ms, p95 ${ribFull.p95.toFixed(1)} ms`);
console.log(`  throughput:                      ${(ribBytes.length / MB / ribSeconds).toFixed(1)} MB/s, ${Math.round(ribParse.last / ribSeconds)} records/s, ${Math.round(ribFull.last / ribSeconds)} pipes/s`);
console.log(`  ratio import / read:             ${(ribFull.median / Math.max(ribRead.median, 0.001)).toFixed(0)}×`);
