import { basename } from 'node:path';
import { createCollector } from '../collect.ts';
import { errorMessage } from '../file-errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, limitExceeded } from '../limits.ts';
import { IMPORT_FAILURES, type ImportOptions, type ImportResult, importFailure } from '../types.ts';
import { ratio } from '../zip.ts';
import { createIndex, indexRecord } from './imkl-index.ts';
import { mapDelivery } from './imkl-mapper.ts';
import { deliveryCoverage } from './imkl-coverage.ts';
import { parseImkl } from './imkl-parser.ts';
import { openXmlSource } from './xml-source.ts';

/**
 * Imports a KLIC delivery (IMKL 2.0): the delivery zip or its GI_gebiedsinformatielevering_*.xml. The XML is
 * streamed (from the zip entry without unpacking, or from the file) through a SAX parser; only compact per-object
 * records are kept and links are resolved after the last object. Assets are validated for their layer; what cannot
 * be imported is listed in the report with the reason. The delivery's Graafpolygoon (or Orientatiepolygoon) becomes
 * coverage of the network layers for each consulted operator, and its precaution zones are read. Nothing is stored here: the caller stores `assets` in one
 * transaction.
 *
 * @example
 * const result = await importKlic('Levering_22O000518_1.zip');
 * if (result.ok) result.report.counts // { cables: 183, pipes: 206, sewers: 44, stations: 2 }
 */
export async function importKlic(source: string, options: ImportOptions = {}): Promise<ImportResult> {
  const startedAt = performance.now();
  const name = options.name ?? basename(source);
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const opened = await openXmlSource(source, { name, limits });
  if (!opened.ok) return opened;
  const xml = opened.source;
  const index = createIndex();
  let outcome;
  try {
    options.onProgress?.(0, xml.totalBytes);
    outcome = await parseImkl(xml.stream, (record) => indexRecord(index, record), {
      onBytes: (bytes) => options.onProgress?.(bytes, xml.totalBytes),
      maxBytes: xml.maxBytes,
      byteLimit: xml.byteLimit,
      limits,
    });
  } finally {
    xml.close();
  }
  if (!outcome.ok) {
    const where = xml.zipped ? `${name} → ${xml.name}` : name;
    if (outcome.code === 'limit') {
      const seen = outcome.limit === 'maxInflateRatio' ? `over ${ratio(outcome.seen, xml.fileBytes)}× after ${outcome.seen} bytes` : outcome.seen;
      return limitExceeded(where, outcome.limit, seen, limits);
    }
    if (outcome.code === 'read-error') {
      return importFailure(
        xml.zipped ? IMPORT_FAILURES.zipCorrupt : IMPORT_FAILURES.unreadable,
        `${where}: reading failed after ${outcome.bytes} bytes (${errorMessage(outcome.reason, source, name)})${xml.zipped ? '; the zip is damaged, download the delivery again' : ''}`,
      );
    }
    return importFailure(outcome.code, `${where}: ${outcome.reason}`);
  }
  const out = createCollector();
  for (const [kind, count] of Object.entries(outcome.ignored)) out.ignore(kind, count);
  const meldnummer = index.klicMeldnummer ?? /(\d{2}[A-Z]\d{6})/.exec(basename(source))?.[1];
  const label = `klic:${meldnummer ?? basename(source)}`;
  mapDelivery(index, out, label);
  const known = deliveryCoverage(index, label);
  out.cover(known.coverage, known.precautions);
  for (const w of known.warnings) out.warn(w.id, w.reason);
  return out.finish({ format: 'imkl-2.0', source: label, bytes: outcome.bytes, startedAt });
}
