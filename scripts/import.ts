/**
 * Imports a KLIC delivery (zip or IMKL XML), a tree register, road parts or a municipality's sewer data (SUF-RIB
 * .rib or a zip of them, a GWSW-HydX zip; --owner names the owner where the file does not) into the configured store, in one
 * transaction. Stop the server first when it runs on the embedded store (one process at a time).
 *
 *   npm run import -- Levering_22O000518_1.zip [--layer cables,pipes] [--json]
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { LAYERS, type LayerName, isLayerName } from '../server/domain/assets/layers.ts';
import { readConfig, readImportLimits } from '../server/config.ts';
import { persistImport } from '../server/app/persist-import.ts';
import { readImport } from '../server/app/run-import.ts';
import { openStore } from '../server/store/index.ts';

const usage = 'usage: npm run import -- <file.zip|file.xml|file.geojson|file.rib> [--layer cables,pipes] [--owner "Gemeente Almere"] [--json]';
const { positionals, values } = parseArgs({ allowPositionals: true, options: { layer: { type: 'string' }, json: { type: 'boolean', default: false }, owner: { type: 'string' } } });

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(2);
}

const [file] = positionals;
if (!file) fail(`a file is required\n${usage}`);
const layers = values.layer?.split(',').map((l) => l.trim());
const unknown = layers?.filter((l) => !isLayerName(l)) ?? [];
if (unknown.length) fail(`--layer ${unknown.join(', ')} does not exist; the layers are ${LAYERS.join(', ')}`);
let limits;
try {
  limits = readImportLimits();
} catch (error) {
  fail((error as Error).message);
}

const bar = new cliProgress.SingleBar(
  { format: `${basename(file)} [{bar}] {percentage}% | {value}/{total} MB`, hideCursor: true, noTTYOutput: false },
  cliProgress.Presets.shades_classic,
);
let started = false;
// No principal: whoever runs the CLI holds the store's files and may import anything into it.
const parsed = await readImport(undefined, {
  path: file,
  limits,
  ...(layers ? { layers: layers as LayerName[] } : {}),
  ...(values.owner ? { owner: values.owner } : {}),
  onProgress: (read, total) => {
    if (values.json || !process.stderr.isTTY) return;
    const mb = (n: number) => +(n / 1e6).toFixed(1);
    if (!started) bar.start(mb(total), 0);
    started = true;
    bar.update(mb(read));
  },
});
if (started) bar.stop();
if (!parsed.ok) fail(parsed.reason === 'invalid-file' ? `${file}: ${parsed.failure.reason} (${parsed.failure.code}); nothing was stored` : `${file}: ${parsed.refusal}`);

const config = readConfig();
const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  const result = await persistImport(store, parsed.assets, parsed.report, undefined, parsed);
  if (!result.ok) throw new Error(`an import without a principal was refused (${result.reason}), which it must not be`);
  const { report, stored } = result;
  if (values.json) {
    console.log(JSON.stringify({ ...report, stored }, null, 2));
  } else {
    console.log(`${report.source} (${report.format}, ${(report.bytes / 1e6).toFixed(1)} MB in ${(report.duration_ms / 1000).toFixed(1)} s)`);
    for (const [layer, n] of Object.entries(report.counts)) {
      const s = stored[layer as LayerName];
      console.log(`  ${layer.padEnd(9)} ${String(n).padStart(6)}  (${s?.created ?? 0} new, ${s?.updated ?? 0} changed)`);
    }
    for (const f of report.files ?? []) console.log(`  ${f.name}: ${f.manholes} manholes, ${f.pipes} pipes, ${f.observations} observations, ${f.skipped} skipped`);
    if (report.skipped.length) console.log(`  skipped ${report.skipped.length}: ${summarise(report.skipped.map((s) => s.kind))}`);
    if (result.coverage) console.log(`  coverage  ${result.coverage.areas} areas (${report.coverage?.kinds.join(', ') || 'none'}), ${result.coverage.precautions} precaution zones`);
    if (report.warnings.length) console.log(`  warnings ${report.warnings.length}, e.g. ${report.warnings[0]!.id}: ${report.warnings[0]!.reason}`);
  }
} finally {
  await store.close();
}

function summarise(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}
