import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Observation } from '../../domain/sewer/condition.ts';
import type { SewerRules } from '../../domain/sewer/sewer-rules.ts';
import { render } from '../../messages/render.ts';
import { type AssetCollector, createCollector } from '../collect.ts';
import { errorMessage } from '../file-errors.ts';
import { limitExceeded } from '../limits.ts';
import { addSewerPipe } from '../sewer-pipes.ts';
import { IMPORT_FAILURES, type ImportResult, type SewerFileCount, importFailure } from '../types.ts';
import { type SewerImportOptions, sewerSource } from '../sewer-source.ts';
import { zipEntries } from '../zip-entries.ts';
import { type RibManhole, type RibObservation, type RibPipe, type RibRecord, createRibParser } from './rib-parser.ts';

export type RibImportOptions = SewerImportOptions;

/** What one RIB file holds once read: its records, grouped. */
interface RibFile {
  name: string;
  owner?: string;
  manholes: Map<string, RibManhole>;
  pipes: RibPipe[];
  observations: RibObservation[];
  problems: Extract<RibRecord, { kind: 'problem' }>[];
}

/**
 * Imports a municipality's sewer inspection data in SUF-RIB (NEN 3399): a `.rib` file, or a zip of them. Each file
 * is streamed through the pure RIB reader; pipes become `sewers` features with their manholes' cover levels (depth
 * below the surface where both are known), their NAP inverts, and the condition class of their worst observation
 * by data/rules/sewer.json. Ids are the owner plus the source's pipe id, so a newer inspection updates the same
 * pipes. Every record that does not become part of a pipe is listed as skipped with a catalogue code; the report
 * counts manholes, pipes and observations per file.
 *
 * @example
 * const result = await importRib('226-0_DWA.rib');
 * if (result.ok) result.report.files // [{ name: '226-0_DWA.rib', manholes: 300, pipes: 351, observations: 4200, skipped: 0 }]
 */
export async function importRib(path: string, options: RibImportOptions = {}): Promise<ImportResult> {
  const opened = await sewerSource(path, options);
  if (!opened.ok) return opened;
  const { startedAt, name, size, limits, rules } = opened;
  const files: RibFile[] = [];
  let bytes = 0;
  if (await isZip(path)) {
    const read = await zipEntries(path, /\.rib$/i, { name, limits, zipBytes: size });
    if (!read.ok) return read;
    if (read.entries.length === 0) return importFailure(IMPORT_FAILURES.unknownFormat, `${name} holds no .rib file (found ${read.listing.slice(0, 5).join(', ') || 'nothing'})`);
    const total = read.entries.reduce((sum, e) => sum + e.bytes.length, 0);
    for (const entry of read.entries) {
      files.push(await readRib(entry.name, [entry.bytes]));
      bytes += entry.bytes.length;
      options.onProgress?.(bytes, total);
    }
  } else {
    if (size > limits.maxInflatedBytes) return limitExceeded(name, 'maxInflatedBytes', size, limits);
    // Parsed as it is read: only the records are kept, never the file's bytes.
    const counted = async function* () {
      for await (const chunk of createReadStream(path)) {
        bytes += (chunk as Buffer).length;
        options.onProgress?.(bytes, size);
        yield chunk as Buffer;
      }
    };
    try {
      files.push(await readRib(name, counted()));
    } catch (error) {
      return importFailure(IMPORT_FAILURES.unreadable, `cannot read ${name}: ${errorMessage(error, path, name)}`);
    }
  }
  const objects = files.reduce((n, f) => n + f.manholes.size + f.pipes.length + f.observations.length, 0);
  if (objects > limits.maxObjects) return limitExceeded(name, 'maxObjects', objects, limits);
  const owner = files.find((f) => f.owner)?.owner ?? options.owner ?? 'unknown';
  const source = `rib:${basename(name).replace(/\.(rib|zip)$/i, '')}`;
  const out = createCollector();
  const counts: SewerFileCount[] = files.map((file) => mapRibFile(file, out, { owner, source, rules }));
  out.coverFeatures('sewers', owner);
  const result = out.finish({ format: 'suf-rib', source, bytes, startedAt });
  if (result.ok) result.report.files = counts;
  return result;
}

async function isZip(path: string): Promise<boolean> {
  if (/\.zip$/i.test(path)) return true;
  const stream = createReadStream(path, { start: 0, end: 1 });
  for await (const chunk of stream) return (chunk as Buffer).toString('latin1') === 'PK';
  return false;
}

/** Reads one file's chunks, as they come, through the streaming parser; the owner from its first bytes. */
async function readRib(name: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<RibFile> {
  const file: RibFile = { name, manholes: new Map(), pipes: [], observations: [], problems: [] };
  const parser = createRibParser((r) => {
    if (r.kind === 'PUT') file.manholes.set(r.id, r);
    else if (r.kind === 'RIOO') file.pipes.push(r);
    else if (r.kind === 'WAAR') file.observations.push(r);
    else if (r.kind === 'problem') file.problems.push(r);
  });
  let head = '';
  for await (const chunk of chunks) {
    if (head.length < 4_096) head += chunk.subarray(0, 4_096 - head.length).toString('latin1');
    parser.push(chunk);
  }
  parser.end();
  file.owner = ownerOf(head);
  return file;
}

/** The client named in the `*ALGE` header (its second field, e.g. `Gemeente Almere`). */
function ownerOf(head: string): string | undefined {
  const alge = head.split('\n').find((l) => l.startsWith('*ALGE'));
  const [, , client, place] = (alge ?? '').split('|').map((f) => f.trim());
  if (!client) return undefined;
  // Writers put the client as 'Gemeente Almere' or just 'Almere' (the place, in 226-0): one owner, so one set of ids.
  return client === place && !/^gemeente /i.test(client) ? `Gemeente ${client}` : client;
}

function mapRibFile(file: RibFile, out: AssetCollector, meta: { owner: string; source: string; rules: SewerRules }): SewerFileCount {
  let skipped = 0;
  const skip = (id: string, kind: string, code: string, params: Record<string, string | number>) => {
    skipped++;
    out.skip(id, kind, render({ code, params }, 'en'), { code, params });
  };
  for (const p of file.problems) skip(`${file.name}:${p.line}`, p.record, p.code, { ...p.params, record: p.record });
  const byPipe = new Map<string, Observation[]>();
  const pipeIds = new Set(file.pipes.map((p) => p.id));
  for (const o of file.observations) {
    // D-codes describe a manhole (EN 13508-2's codes for manholes); the reference is then the manhole's, not a pipe's.
    if (o.code.startsWith('D')) {
      out.ignore('WAAR (manhole)');
      continue;
    }
    if (!pipeIds.has(o.pipe)) {
      skip(`${file.name}:${o.line}`, 'WAAR', 'sewer.observation.unknown-pipe', { code: o.code, pipe: o.pipe });
      continue;
    }
    const list = byPipe.get(o.pipe) ?? byPipe.set(o.pipe, []).get(o.pipe)!;
    list.push({ code: o.code, ...(o.characterisation ? { characterisation: o.characterisation } : {}), quantification: o.quantification, ...(o.at_m !== undefined ? { at_m: o.at_m } : {}), ...(o.class ? { class: o.class } : {}) });
  }
  for (const pipe of file.pipes) {
    const a = file.manholes.get(pipe.from);
    const b = file.manholes.get(pipe.to);
    const start = pipe.start ?? (a ? ([a.x, a.y] as [number, number]) : undefined);
    const end = pipe.end ?? (b ? ([b.x, b.y] as [number, number]) : undefined);
    if (!start || !end) {
      skip(pipe.id, 'RIOO', 'sewer.pipe.no-geometry', { id: pipe.id, from: pipe.from, to: pipe.to });
      continue;
    }
    if (start[0] === end[0] && start[1] === end[1]) {
      skip(pipe.id, 'RIOO', 'sewer.pipe.zero-length', { id: pipe.id });
      continue;
    }
    addSewerPipe(out, {
      id: pipe.id, from: pipe.from, to: pipe.to, start, end, system: 'gravity',
      ...defined({
        bob_start_m: pipe.bob_start_m, bob_end_m: pipe.bob_end_m, ground_start_m: a?.cover_m, ground_end_m: b?.cover_m,
        diameter_mm: pipe.width_mm, height_mm: pipe.height_mm, shape: pipe.shape, material: pipe.material, built_year: pipe.built_year,
        street: pipe.street, district: pipe.district, length_m: pipe.length_m, inspected_on: pipe.inspected_on, sewer_type: sewerTypeOf(file.name),
      }),
      observations: byPipe.get(pipe.id) ?? [],
    }, { ...meta, format: 'suf-rib' });
  }
  return { name: file.name, manholes: file.manholes.size, pipes: file.pipes.length, observations: file.observations.length, skipped };
}

/** DWA (foul), HWA (storm) or GMD (combined) when the file's name says so, as the Almere files do. */
function sewerTypeOf(name: string): string | undefined {
  return /(?:^|[^A-Z])(DWA|HWA|GMD|RWA)(?:[^A-Z]|$)/i.exec(basename(name))?.[1]?.toUpperCase();
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
