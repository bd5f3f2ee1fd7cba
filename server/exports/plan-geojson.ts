import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { IsoDate, Plan, WorkType } from '../domain/plan/plan.types.ts';
import { type Crs, RD_NEW, WGS84, roundGeometry, transformGeometry } from '../geo/crs.ts';
import type { Message } from '../domain/message.ts';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language.ts';
import { shiftText } from '../messages/plan-text.ts';
import { openingsInTimeOrder, ownersOf, spanDays, worksInDepthOrder } from './plan-format.ts';

export interface OpeningProperties {
  opening_id: string;
  segment_id: string;
  street: string;
  start: IsoDate;
  end: IsoDate;
  days: number;
  /** Work types in depth order, comma separated, for GIS tools that style or filter on a plain string. */
  types: string;
  owners: string;
  works: { work_id: string; type: WorkType; owner: string; name?: string; start: IsoDate; end: IsoDate; shift_days: number; explanation?: string; message?: Message }[];
}

export type OpeningCollection = FeatureCollection<Geometry, OpeningProperties> & { crs?: { type: 'name'; properties: { name: string } } };

/**
 * The openings as GeoJSON features with their dates and works, in WGS84 (RFC 7946) by default or in RD New with
 * a `crs` member naming EPSG:28992, the way the layer API answers `?crs=EPSG:28992`. Opening geometry is stored in
 * RD New; coordinates are rounded to 9 decimals (WGS84) or millimetres (RD). A moved work's `explanation` is in
 * `language` (Dutch by default), beside its `message` code for tools that render their own.
 *
 * @example planToGeoJson(plan).features[0].properties.street // 'Hudsonstraat'
 */
export function planToGeoJson(plan: Plan, crs: Crs = WGS84, language: Language = DEFAULT_LANGUAGE): OpeningCollection {
  const features = openingsInTimeOrder(plan.openings).map((opening): Feature<Geometry, OpeningProperties> => {
    const works = worksInDepthOrder(opening);
    return {
      type: 'Feature',
      id: opening.id,
      geometry: roundGeometry(transformGeometry(opening.geometry, RD_NEW, crs), crs === RD_NEW ? 3 : 9),
      properties: {
        opening_id: opening.id,
        segment_id: opening.segmentId,
        street: opening.street,
        start: opening.start,
        end: opening.end,
        days: spanDays(opening.start, opening.end),
        types: [...new Set(works.map((w) => w.type))].join(', '),
        owners: ownersOf(works).join(', '),
        works: works.map((w) => {
          const explanation = shiftText(w, language);
          return {
          work_id: w.workId,
          type: w.type,
          owner: w.owner,
          ...(w.name ? { name: w.name } : {}),
          start: w.start,
          end: w.end,
          shift_days: w.shift_days,
          ...(explanation ? { explanation } : {}),
          ...(w.message ? { message: w.message } : {}),
          };
        }),
      },
    };
  });
  return {
    type: 'FeatureCollection',
    ...(crs === RD_NEW ? { crs: { type: 'name' as const, properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } } : {}),
    features,
  };
}
