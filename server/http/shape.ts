import type { Asset } from '../domain/assets/layers.ts';
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

/** An asset in the requested CRS, rounded to well under a millimetre. */
export function output(asset: Asset, crs: Crs): Asset {
  const geometry = transformGeometry(asset.geometry, RD_NEW, crs);
  return { ...asset, geometry: roundGeometry(geometry, crs === RD_NEW ? 3 : 9) };
}

/** Assets as a FeatureCollection in the requested CRS (RD New says so in a `crs` member). */
export function collection(assets: Asset[], crs: Crs) {
  return {
    type: 'FeatureCollection' as const,
    ...(crs === RD_NEW ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } } : {}),
    features: assets.map((a) => output(a, crs)),
  };
}

