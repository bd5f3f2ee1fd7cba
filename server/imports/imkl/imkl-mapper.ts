import type { Geometry, Position } from 'geojson';
import { RD_NEW, parseCrs } from '../../geo/crs.ts';
import type { AssetProperties, LayerName } from '../../domain/assets/layers.ts';
import { type AssetCollector, withoutUndefined } from '../collect.ts';
import { assembleLine, densifyArcString } from './curve-assembly.ts';
import { type DepthCandidate, linkDepths } from './depth.ts';
import { type ImklIndex, ownerResolver, themeOf } from './imkl-index.ts';
import type { FeatureRecord, RawGeometry } from './imkl-parser.ts';
import {
  CLASS_LAYERS,
  NOT_IMPORTED,
  STATUS_BY_CONDITION,
  THEMES,
  type ThemeMapping,
  networkByVoltage,
  stationTypeFor,
} from './themes.ts';
import { codeOf, positiveNumber, toLength } from './units.ts';

type Props = Partial<AssetProperties> & Record<string, unknown>;

interface ResolvedLine {
  record: FeatureRecord;
  layer: LayerName;
  props: Props;
  parts: Position[][];
}

/**
 * Turns the indexed records of one delivery into assets: resolves net:link → UtilityLink centreline and
 * net:inNetwork → Utiliteitsnet theme, maps the theme (and class) to a layer, normalises units, attaches measured
 * depths or the network's standard depth, and stations from TechnischGebouw. Everything not imported is reported.
 *
 * @example mapDelivery(index, collector, 'klic:22O000518') // fills the collector
 */
export function mapDelivery(index: ImklIndex, out: AssetCollector, source: string): void {
  const ownerOf = ownerResolver(index);
  const resolved: ResolvedLine[] = [];
  for (const record of index.lineElements) {
    const line = resolveLine(record, index, out, ownerOf, source);
    if (line) resolved.push(line);
  }

  // Parts of one element get their own ids (`<gml:id>#2`, …) so a measured depth lands on the part it was taken on.
  const partId = (line: ResolvedLine, i: number) => (i === 0 ? line.record.id : `${line.record.id}#${i + 1}`);
  const candidates: DepthCandidate[] = resolved.flatMap((line) =>
    line.parts.map((part, i) => ({ id: partId(line, i), network: String(line.props.network_id ?? ''), lines: [part], diameter_mm: line.props.diameter_mm })),
  );
  const depths = linkDepths(index.depths, candidates, (record) => pointOf(record.geometries.find((g) => g.type === 'Point')));
  for (const u of depths.unmatched) out.warn(u.id, u.reason);

  for (const line of resolved) {
    const standard = toLength(index.networks.get(String(line.props.network_id))?.values.standaardDieptelegging, 'm');
    line.parts.forEach((coordinates, i) => {
      const id = partId(line, i);
      const measured = depths.byElement.get(id);
      const depth: Props = measured
        ? { depth_m: measured.depth_m, depth_source: 'measured', depth_records: measured.records }
        : standard?.ok
          ? { depth_m: standard.value, depth_source: 'standard' }
          : {};
      const properties = withoutUndefined({ ...line.props, ...depth, source_id: id });
      out.add(line.layer, { type: 'Feature', id, geometry: { type: 'LineString', coordinates }, properties }, line.record.kind);
    });
  }

  for (const building of index.buildings) mapBuilding(building, index, out, ownerOf, source);
  for (const other of index.others) {
    out.skip(other.id, other.kind, NOT_IMPORTED[other.kind] ?? `class ${other.kind} has no net:link line and is not a station; no layer takes it`);
  }
}

function resolveLine(
  record: FeatureRecord,
  index: ImklIndex,
  out: AssetCollector,
  ownerOf: ReturnType<typeof ownerResolver>,
  source: string,
): ResolvedLine | undefined {
  const notImported = NOT_IMPORTED[record.kind];
  if (notImported) return void out.skip(record.id, record.kind, notImported);
  const networkId = record.hrefs.inNetwork?.[0] ?? '';
  const network = index.networks.get(networkId);
  const theme = themeOf(network);
  const themeMapping = theme ? THEMES[theme] : undefined;
  const mapping = CLASS_LAYERS[record.kind] ?? themeMapping;
  if (!network) return void out.skip(record.id, record.kind, `net:inNetwork ${JSON.stringify(networkId)} is not a Utiliteitsnet in this delivery`);
  if (!mapping) return void out.skip(record.id, record.kind, `network ${networkId} has theme ${JSON.stringify(theme ?? 'none')}, which maps to no layer`);
  if (themeMapping && themeMapping.layer !== mapping.layer) {
    out.warn(record.id, `${record.kind} lies in network ${networkId} with theme ${theme}; imported as ${mapping.layer} by its class`);
  }

  const pieces: Position[][] = [];
  const missing: string[] = [];
  for (const linkId of record.hrefs.link ?? []) {
    const geometries = index.links.get(linkId);
    if (!geometries) {
      missing.push(linkId);
      continue;
    }
    for (const g of geometries) {
      const lines = linePieces(g);
      if (!lines.ok) return void out.skip(record.id, record.kind, `UtilityLink ${linkId}: ${lines.reason}`);
      pieces.push(...lines.pieces);
    }
  }
  if (pieces.length === 0) {
    return void out.skip(record.id, record.kind, `net:link ${missing.join(', ') || '(none)'} resolves to no UtilityLink centreline in this delivery`);
  }
  if (missing.length > 0) out.warn(record.id, `net:link ${missing.join(', ')} not found in the delivery; imported from the other links`);
  const { parts, gaps } = assembleLine(pieces);
  for (const gap of gaps) {
    const where = `[${gap.at.map((v) => v!.toFixed(2)).join(', ')}]`;
    out.warn(record.id, gap.action === 'bridged'
      ? `geometry pieces do not join: ${gap.distance_m} m gap at ${where} bridged with a straight segment`
      : `geometry pieces do not join: ${gap.distance_m} m gap at ${where}; imported as separate parts (${record.id}#2, …)`);
  }

  const owner = ownerOf(networkId);
  const props: Props = {
    owner: owner?.owner,
    owner_code: owner?.code,
    status: statusOf(record, out),
    source,
    imkl_class: record.kind,
    network_id: networkId,
    theme,
    label: record.values.label?.text || undefined,
    description: record.values.omschrijving?.text || undefined,
    material: codeOf(record.hrefs.buismateriaalType?.[0]),
    ...kindProperties(record, mapping, themeMapping, out),
    ...sizeProperties(record, out),
  };
  return { record, layer: mapping.layer, props, parts };
}

function kindProperties(record: FeatureRecord, mapping: ThemeMapping, theme: ThemeMapping | undefined, out: AssetCollector): Props {
  switch (mapping.layer) {
    case 'cables': {
      const volts = positiveNumber(record.values.nominalVoltage) ?? positiveNumber(record.values.operatingVoltage);
      const network = mapping.network ?? theme?.network ?? networkByVoltage(volts);
      if (network === 'other') out.warn(record.id, 'electricity cable with no voltage level in its theme and no voltage; network set to "other"');
      return { network, voltage_v: volts };
    }
    case 'pipes':
      return { medium: mapping.medium ?? theme?.medium ?? 'other', pressure_bar: positiveNumber(record.values.pressure) };
    case 'sewers':
      return { system: mapping.system ?? theme?.system ?? 'gravity' };
    default:
      return {};
  }
}

function sizeProperties(record: FeatureRecord, out: AssetCollector): Props {
  const diameter = toLength(record.values.pipeDiameter, 'mm');
  const width = toLength(record.values.ductWidth, 'm');
  if (diameter?.ok === false) out.warn(record.id, `pipeDiameter dropped: ${diameter.reason}`);
  if (width?.ok === false) out.warn(record.id, `ductWidth dropped: ${width.reason}`);
  return {
    diameter_mm: diameter?.ok ? diameter.value : undefined,
    width_m: width?.ok ? width.value : undefined,
    cable_count: positiveNumber(record.values.aantalKabelsLeidingen),
  };
}

function statusOf(record: FeatureRecord, out: AssetCollector): Props['status'] {
  const condition = codeOf(record.hrefs.currentStatus?.[0]);
  const status = condition ? STATUS_BY_CONDITION[condition] : undefined;
  if (!status) out.warn(record.id, `currentStatus ${JSON.stringify(condition ?? 'missing')} is not one the importer knows; status set to "existing"`);
  return status ?? 'existing';
}

function mapBuilding(
  record: FeatureRecord,
  index: ImklIndex,
  out: AssetCollector,
  ownerOf: ReturnType<typeof ownerResolver>,
  source: string,
): void {
  const networkId = record.hrefs.inNetwork?.[0] ?? '';
  const theme = themeOf(index.networks.get(networkId));
  const description = record.values.omschrijving?.text ?? '';
  if (record.kind === 'Kast' && !/station/i.test(`${description} ${record.id}`)) {
    return out.skip(record.id, record.kind, `cabinet (Kast${description ? ` "${description}"` : ''}) is not a station; the delivery does not call it one`);
  }
  const type = stationTypeFor(theme ? THEMES[theme] : undefined);
  if (!type) return out.skip(record.id, record.kind, `building in network ${networkId} (theme ${theme ?? 'none'}) is not a heat or electricity station`);

  const footprint = index.extraGeometries.get(record.hrefs.extraGeometrie?.[0] ?? '');
  const polygon = footprint?.type === 'Polygon' ? toGeometry(footprint) : undefined;
  const point = toGeometry(record.geometries.find((g) => g.type === 'Point'));
  const geometry = polygon?.ok ? polygon.geometry : point?.ok ? point.geometry : undefined;
  if (!geometry) return out.skip(record.id, record.kind, `no usable geometry (${(polygon ?? point)?.reason ?? 'none'})`);
  const owner = ownerOf(networkId);
  const properties = withoutUndefined({
    owner: owner?.owner,
    owner_code: owner?.code,
    type,
    status: statusOf(record, out),
    source,
    source_id: record.id,
    imkl_class: record.kind,
    network_id: networkId,
    theme,
    description: description || undefined,
    footprint: polygon?.ok ? 'extraGeometrie' : 'point',
  });
  out.add('stations', { type: 'Feature', id: record.id, geometry, properties }, record.kind);
}

type GeometryResult = { ok: true; geometry: Geometry; reason?: undefined } | { ok: false; reason: string };

function checkSrs(raw: RawGeometry): string | undefined {
  if (raw.srsName === undefined) return undefined;
  return parseCrs(raw.srsName) === RD_NEW ? undefined : `srsName ${JSON.stringify(raw.srsName)} is not RD New (EPSG:28992)`;
}

function toPositions(flat: Float64Array): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function linePieces(raw: RawGeometry): { ok: true; pieces: Position[][] } | { ok: false; reason: string } {
  const srs = checkSrs(raw);
  if (srs) return { ok: false, reason: srs };
  if (raw.type !== 'LineString' && raw.type !== 'Curve') return { ok: false, reason: `centreline is a ${raw.type}, not a LineString or Curve` };
  return { ok: true, pieces: raw.pieces.map((p, i) => (raw.arcs.includes(i) ? densifyArcString(toPositions(p)) : toPositions(p))) };
}

function toGeometry(raw: RawGeometry | undefined): GeometryResult | undefined {
  if (!raw) return undefined;
  const srs = checkSrs(raw);
  if (srs) return { ok: false, reason: srs };
  const pieces = raw.pieces.map(toPositions);
  if (raw.type === 'Point' && pieces[0]?.[0]) return { ok: true, geometry: { type: 'Point', coordinates: pieces[0][0] } };
  if (raw.type === 'Polygon' && pieces.length > 0) return { ok: true, geometry: { type: 'Polygon', coordinates: pieces } };
  return { ok: false, reason: `unsupported ${raw.type} geometry` };
}

const pointOf = (raw: RawGeometry | undefined): Position | undefined => {
  const g = toGeometry(raw);
  return g?.ok && g.geometry.type === 'Point' ? g.geometry.coordinates : undefined;
};

