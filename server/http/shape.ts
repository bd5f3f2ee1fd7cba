import type { CheckReport } from '../domain/check/check.types.ts';
import { type Crs, RD_NEW, roundGeometry, transformGeometry } from '../geo/crs.ts';

/** A report as stored (RD New) with its conflict locations in `crs`; the checks and the routes answer it alike. */
export function reportIn(report: CheckReport, crs: Crs): CheckReport {
  const decimals = crs === RD_NEW ? 3 : 9;
  return { ...report, conflicts: report.conflicts.map((c) => ({ ...c, location: roundGeometry(transformGeometry(c.location, RD_NEW, crs), decimals) })) };
}
