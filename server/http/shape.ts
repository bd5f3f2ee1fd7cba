import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../geo/crs.ts';
import type { Language } from '../messages/language.ts';
import { type ExplainedReport, explainReport, type StoredReport } from '../messages/report.ts';

/**
 * A report as stored (RD New) with its conflict locations in `crs` and its explanations in `language`; the checks
 * and the routes answer it alike.
 */
export function reportIn(report: StoredReport, crs: Crs, language: Language): ExplainedReport {
  const decimals = crs === RD_NEW ? 3 : 9;
  const explained = explainReport(report, language);
  return { ...explained, conflicts: explained.conflicts.map((c) => ({ ...c, location: roundGeometry(transformGeometry(c.location, RD_NEW, crs), decimals) })) };
}
