import type { Texts } from './texts.ts';

/**
 * The space scan (GET /api/space, `npm run space`, the Ruimte panel): verdicts, what takes the space, the
 * explanation per segment, the export's column headers and why a scan request was refused.
 */
export const nl = {
  'space.verdict.fits': 'past',
  'space.verdict.tight': 'krap',
  'space.verdict.does-not-fit': 'past niet',
  'space.verdict.unknown': 'onbekend',

  'space.reason.clearance': 'afstandseis',
  'space.reason.tree-zone': 'boomwortelzone',
  'space.reason.station': 'werkruimte station',
  'space.reason.reservation': 'reservering',

  'space.taken-by': '{asset_id} ({layer}, {owner}; {reason} {required_m:m})',
  'space.taken-by.street-edge': 'de straatrand',

  'space.explain.fits': 'Een sleuf van {width_m:m} ({kind}) past over de hele lengte; de smalste vrije ruimte is {narrowest_m:m} bij {at_chainage_m:m1}.',
  'space.explain.tight': 'Een sleuf van {width_m:m} ({kind}) past, maar krap: bij {at_chainage_m:m1} is maar {narrowest_m:m} vrij, minder dan de sleuf plus {margin_m:m} werkruimte. De ruimte daar nemen {taken}.',
  'space.explain.does-not-fit': 'Een sleuf van {width_m:m} ({kind}) past niet over de hele lengte: bij {at_chainage_m:m1} is {narrowest_m:m} vrij. De ruimte daar nemen {taken}.',
  'space.explain.unknown': 'Onbekend: van {layers} zijn hier geen gegevens. Vraag ze op (bijvoorbeeld een KLIC-melding) voordat u op een doorgang rekent.',

  'space.column.segment': 'straatvak',
  'space.column.street': 'straat',
  'space.column.verdict': 'oordeel',
  'space.column.narrowest': 'smalste vrije breedte (m)',
  'space.column.chainage': 'bij (m)',
  'space.column.x': 'x (RD)',
  'space.column.y': 'y (RD)',
  'space.column.taken-by': 'ruimte genomen door',
  'space.column.crossings': 'kruisingen',
  'space.column.explanation': 'toelichting',
  'space.export.filename': 'ruimtescan',

  'validation.space.bbox': 'bbox {value} is geen minx,miny,maxx,maxy met minx < maxx en miny < maxy; stuur vier getallen in het gevraagde coördinatenstelsel',
  'validation.space.segment-unknown': 'straatvak {value} staat niet in de laag straatvakken (binnen de bbox, als die is meegestuurd)',
  'validation.space.bbox-rd': 'bbox {value} lijkt in RD New-meters, niet in WGS84-graden; stuur ?crs=EPSG:28992 mee',
  'validation.space.bbox-too-large': 'het gebied is {area_km2:f2} km², meer dan de {max_km2:f0} km² die één scan neemt; scan een kleiner gebied of in delen',
  'validation.space.too-many-segments': 'het gebied bevat meer straatvakken dan de {max} die één scan neemt; scan een kleiner gebied of noem de straatvakken met segments=',
  'validation.space.segments': 'segments moet een lijst van hoogstens {max} straatvak-id\'s zijn, gescheiden door komma\'s',
  'validation.space.area-missing': 'noem een gebied met bbox=minx,miny,maxx,maxy of straatvakken met segments=a,b',
  'validation.space.format': 'format {value} is onbekend; gebruik csv of geojson',

  'tab.space': 'Ruimte',
  'space.ui.title': 'Ruimtescan: past het in deze straat?',
  'space.ui.kind': 'Soort',
  'space.ui.width': 'Sleufbreedte (m)',
  'space.ui.scan': 'Scan',
  'space.ui.scanning': 'Bezig met scannen…',
  'space.ui.summary': '{fits} past, {tight} krap, {no} past niet, {unknown} onbekend',
  'space.ui.legend': 'Legenda',
  'space.ui.corridor': 'vrije ruimte voor de sleuf',
  'space.ui.pick': 'Klik op een straatvak voor de smalste plek en wat daar de ruimte neemt.',
  'space.ui.narrowest': 'smalste vrije breedte {narrowest} m, bij {at} m',
  'space.ui.taken': 'Ruimte genomen door',
  'space.ui.export': 'Exporteer',
};

export const en: Texts<typeof nl> = {
  'space.verdict.fits': 'fits',
  'space.verdict.tight': 'tight',
  'space.verdict.does-not-fit': 'does not fit',
  'space.verdict.unknown': 'unknown',

  'space.reason.clearance': 'clearance',
  'space.reason.tree-zone': 'root-protection zone',
  'space.reason.station': 'station working area',
  'space.reason.reservation': 'reservation',

  'space.taken-by': '{asset_id} ({layer}, {owner}; {reason} {required_m:m})',
  'space.taken-by.street-edge': 'the street edge',

  'space.explain.fits': 'A {width_m:m} trench ({kind}) fits along the whole length; the narrowest free space is {narrowest_m:m} at {at_chainage_m:m1}.',
  'space.explain.tight': 'A {width_m:m} trench ({kind}) fits, but tightly: at {at_chainage_m:m1} only {narrowest_m:m} is free, less than the trench plus {margin_m:m} working room. The space there is taken by {taken}.',
  'space.explain.does-not-fit': 'A {width_m:m} trench ({kind}) does not fit along the whole length: at {at_chainage_m:m1} {narrowest_m:m} is free. The space there is taken by {taken}.',
  'space.explain.unknown': 'Unknown: there is no data for {layers} here. Request it (a KLIC delivery, for instance) before counting on a passage.',

  'space.column.segment': 'segment',
  'space.column.street': 'street',
  'space.column.verdict': 'verdict',
  'space.column.narrowest': 'narrowest free width (m)',
  'space.column.chainage': 'at (m)',
  'space.column.x': 'x (RD)',
  'space.column.y': 'y (RD)',
  'space.column.taken-by': 'space taken by',
  'space.column.crossings': 'crossings',
  'space.column.explanation': 'explanation',
  'space.export.filename': 'space-scan',

  'validation.space.bbox': 'bbox {value} is not minx,miny,maxx,maxy with minx < maxx and miny < maxy; send four numbers in the requested CRS',
  'validation.space.segment-unknown': 'street segment {value} is not in the streets layer (inside the bbox, when one was sent)',
  'validation.space.bbox-rd': 'bbox {value} looks like RD New metres, not WGS84 degrees; send ?crs=EPSG:28992',
  'validation.space.bbox-too-large': 'the area is {area_km2:f2} km², more than the {max_km2:f0} km² one scan takes; scan a smaller area or in parts',
  'validation.space.too-many-segments': 'the area holds more street segments than the {max} one scan takes; scan a smaller area or name the segments with segments=',
  'validation.space.segments': 'segments must be a comma-separated list of at most {max} segment ids',
  'validation.space.area-missing': 'name an area with bbox=minx,miny,maxx,maxy or street segments with segments=a,b',
  'validation.space.format': 'format {value} is unknown; use csv or geojson',

  'tab.space': 'Space',
  'space.ui.title': 'Space scan: does it fit in this street?',
  'space.ui.kind': 'Kind',
  'space.ui.width': 'Trench width (m)',
  'space.ui.scan': 'Scan',
  'space.ui.scanning': 'Scanning…',
  'space.ui.summary': '{fits} fit, {tight} tight, {no} do not fit, {unknown} unknown',
  'space.ui.legend': 'Legend',
  'space.ui.corridor': 'free space for the trench',
  'space.ui.pick': 'Click a street segment for its narrowest point and what takes the space there.',
  'space.ui.narrowest': 'narrowest free width {narrowest} m, at {at} m',
  'space.ui.taken': 'Space taken by',
  'space.ui.export': 'Export',
};
