import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { persistImport } from '../../server/app/persist-import.ts';
import { readImport } from '../../server/app/run-import.ts';
import { readImportLimits } from '../../server/config.ts';
import { LAYERS, type LayerName, isLayerName } from '../../server/domain/assets/layers.ts';
import { type CliProgram, type Fail, failer, orFail } from './program.ts';

const usage = 'usage: npm run import -- <file.zip|file.xml|file.geojson|file.rib> [--layer cables,pipes] [--owner "Gemeente Almere"] [--json]';

/**
 * Imports a KLIC delivery (zip or IMKL XML), a tree register, road parts or sewer data (SUF-RIB, GWSW-HydX) into
 * the store, in one transaction;
 * 2 when the file or the arguments cannot be used, with nothing stored.
 *
 * @example await importFile(['Levering_22O000518_1.zip', '--json'], io) // 0
 */
export const importFile: CliProgram = async (argv, io) => {
  const fail: Fail = failer('import', io);
  const { positionals, values } = orFail(() => parseArgs({ args: argv, allowPositionals: true, options: { layer: { type: 'string' }, json: { type: 'boolean', default: false }, owner: { type: 'string' } } }), fail, usage);
  const [file] = positionals;
  if (!file) fail(`a file is required\n${usage}`);
  const layers = values.layer?.split(',').map((l) => l.trim());
  const unknown = layers?.filter((l) => !isLayerName(l)) ?? [];
  if (unknown.length) fail(`--layer ${unknown.join(', ')} does not exist; the layers are ${LAYERS.join(', ')}`);
  const limits = orFail(() => readImportLimits(io.env), fail);

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
      if (values.json || !io.interactive) return;
      const mb = (n: number) => +(n / 1e6).toFixed(1);
      if (!started) bar.start(mb(total), 0);
      started = true;
      bar.update(mb(read));
    },
  });
  if (started) bar.stop();
  if (!parsed.ok) fail(parsed.reason === 'invalid-file' ? `${file}: ${parsed.failure.reason} (${parsed.failure.code}); nothing was stored` : `${file}: ${parsed.refusal}`);

  const result = await io.withStore((store) => persistImport(store, parsed.assets, parsed.report, undefined, parsed));
  if (!result.ok) throw new Error(`an import without a principal was refused (${result.reason}), which it must not be`);
  const { report, stored } = result;
  if (values.json) {
    io.out(JSON.stringify({ ...report, stored }, null, 2));
  } else {
    io.out(`${report.source} (${report.format}, ${(report.bytes / 1e6).toFixed(1)} MB in ${(report.duration_ms / 1000).toFixed(1)} s)`);
    for (const [layer, n] of Object.entries(report.counts)) {
      const s = stored[layer as LayerName];
      io.out(`  ${layer.padEnd(9)} ${String(n).padStart(6)}  (${s?.created ?? 0} new, ${s?.updated ?? 0} changed)`);
    }
    for (const f of report.files ?? []) io.out(`  ${f.name}: ${f.manholes} manholes, ${f.pipes} pipes, ${f.observations} observations, ${f.skipped} skipped`);
    if (report.skipped.length) io.out(`  skipped ${report.skipped.length}: ${summarise(report.skipped.map((s) => s.kind))}`);
    if (result.coverage) io.out(`  coverage  ${result.coverage.areas} areas (${report.coverage?.kinds.join(', ') || 'none'}), ${result.coverage.precautions} precaution zones`);
    if (report.warnings.length) io.out(`  warnings ${report.warnings.length}, e.g. ${report.warnings[0]!.id}: ${report.warnings[0]!.reason}`);
  }
  return 0;
};

function summarise(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}
