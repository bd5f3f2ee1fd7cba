import type { MultiPolygon, Polygon, Position } from 'geojson';
import { RD_NEW, parseCrs } from '../../geo/crs.ts';
import { type CoverageArea, KLIC_LAYERS, type PrecautionZone } from '../../domain/coverage/coverage.ts';
import { type ImklIndex, bronhouderCode, ownerResolver, themeOf } from './imkl-index.ts';
import type { FeatureRecord, RawGeometry } from './imkl-parser.ts';
import { THEMES } from './themes.ts';
import { codeOf } from './units.ts';

/** What a delivery says about where it knows the ground, and what it could not read of that. */
export interface DeliveryCoverage {
  coverage: CoverageArea[];
  precautions: PrecautionZone[];
  warnings: { id: string; reason: string }[];
}

/**
 * The area a KLIC delivery informs about and its precaution zones. Kadaster gives, inside the requested dig area
 * (`Graafpolygoon`; an orientation request has only an `Orientatiepolygoon`), the networks of every operator with
 * an interest there (`Belanghebbende` → `Beheerder`, with the themes of its `Belang`) — including the fact that an
 * operator has nothing there — and nothing outside it. So the polygon covers the network layers for each consulted
 * operator. Each `AanduidingEisVoorzorgsmaatregel` becomes a zone with its network's operator, the demand, the
 * contact and the matching `EisVoorzorgsmaatregelBijlage`.
 *
 * @example deliveryCoverage(index, 'klic:22G003179').coverage.length // 20: 4 operators × 5 layers
 */
export function deliveryCoverage(index: ImklIndex, source: string): DeliveryCoverage {
  const warnings: DeliveryCoverage['warnings'] = [];
  const coverage: CoverageArea[] = [];
  const record = index.graafpolygoon ?? index.orientatiepolygoon;
  const kind = index.graafpolygoon ? 'graafpolygoon' : 'orientatiepolygoon';
  const area = record ? surface(record.geometries[0]) : undefined;
  if (record && !area?.ok) warnings.push({ id: record.id, reason: `${record.kind} not read (${area?.reason ?? 'no geometry'}); the delivery covers no area, every trench there is unknown ground` });
  if (area?.ok) {
    for (const operator of consulted(index)) {
      for (const layer of KLIC_LAYERS) coverage.push({ source, layer, owner: operator.owner, kind, geometry: area.geometry, ...(operator.themes.length ? { themes: operator.themes } : {}) });
    }
  }
  return { coverage, precautions: precautionZones(index, source, warnings), warnings };
}

/** Every operator the delivery consulted, once, with the themes of its interest; an operator without a name by its code. */
function consulted(index: ImklIndex): { owner: string; themes: string[] }[] {
  const byOwner = new Map<string, Set<string>>();
  for (const b of index.belanghebbenden) {
    const beheerder = index.beheerders.get(b.hrefs.netbeheerder?.[0] ?? '');
    const owner = beheerder?.values.naam?.text || beheerder?.values.bronhoudercode?.text || bronhouderCode(b.id) || '';
    const belangen = [...(b.hrefs.geraaktBelangBijGraafpolygoon ?? []), ...(b.hrefs.geraaktBelangBijOrientatiepolygoon ?? [])].map((id) => index.belangen.get(id));
    const themes = byOwner.get(owner) ?? new Set<string>();
    for (const href of belangen.flatMap((belang) => belang?.hrefs.thema ?? [])) {
      const theme = codeOf(href);
      if (theme) themes.add(theme);
    }
    byOwner.set(owner, themes);
  }
  // A delivery that names no operator still informs about its polygon: Kadaster found no interest there.
  if (byOwner.size === 0) byOwner.set('', new Set());
  return [...byOwner].map(([owner, themes]) => ({ owner, themes: [...themes].sort() }));
}

function precautionZones(index: ImklIndex, source: string, warnings: DeliveryCoverage['warnings']): PrecautionZone[] {
  const ownerOf = ownerResolver(index);
  const zones: PrecautionZone[] = [];
  for (const record of index.precautions) {
    const geometry = surface(record.geometries[0]);
    if (!geometry.ok) {
      warnings.push({ id: record.id, reason: `precaution zone not read (${geometry.reason}); ask the operator for its extent` });
      continue;
    }
    const networkId = record.hrefs.inNetwork?.[0] ?? '';
    const theme = themeOf(index.networks.get(networkId));
    const layer = theme ? THEMES[theme]?.layer : undefined;
    // A zone is never dropped for an unknown theme: it stays a zone, on the pipes layer, and the report says so.
    if (!layer) warnings.push({ id: record.id, reason: `network ${networkId} has theme ${theme ?? 'none'}, which maps to no layer; the precaution zone is recorded on pipes` });
    const demand = record.values.eisVoorzorgsmaatregel?.text ?? '';
    const attachment = attachmentFor(index, record, demand);
    const contact = { name: record.values.naam?.text, phone: record.values.telefoon?.text, email: record.values.email?.text };
    zones.push({
      id: record.id,
      source,
      owner: ownerOf(networkId)?.owner ?? bronhouderCode(record.id) ?? '',
      layer: layer ?? 'pipes',
      demand,
      ...(networkId ? { network_id: networkId } : {}),
      ...(record.values.netbeheerderNetOmschrijving?.text ? { network: record.values.netbeheerderNetOmschrijving.text } : {}),
      ...(theme ? { theme } : {}),
      ...(contact.name || contact.phone || contact.email ? { contact: defined(contact) } : {}),
      ...(attachment ? { attachment } : {}),
      geometry: geometry.geometry,
    });
  }
  return zones;
}

/** The attachment of the same operator with the same demand code (the Belanghebbende links it, the code matches it). */
function attachmentFor(index: ImklIndex, zone: FeatureRecord, demand: string): PrecautionZone['attachment'] | undefined {
  const code = bronhouderCode(zone.id);
  const found = index.precautionAttachments.find((a) => a.values.eisVoorzorgsmaatregel?.text === demand && bronhouderCode(a.id) === code);
  if (!found) return undefined;
  return defined({ note: found.values.toelichting?.text, file: found.values.bestandLocatie?.text });
}

const defined = <T extends Record<string, string | undefined>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as { [K in keyof T]?: string };

type Surface = { ok: true; geometry: Polygon | MultiPolygon } | { ok: false; reason: string };

/** A GML Polygon or MultiSurface as GeoJSON, each exterior ring starting a polygon and holes joining the last. */
function surface(raw: RawGeometry | undefined): Surface {
  if (!raw) return { ok: false, reason: 'no geometry' };
  if (raw.srsName !== undefined && parseCrs(raw.srsName) !== RD_NEW) return { ok: false, reason: `srsName ${JSON.stringify(raw.srsName)} is not RD New (EPSG:28992)` };
  if (raw.type !== 'Polygon' && raw.type !== 'MultiSurface' && raw.type !== 'Surface') return { ok: false, reason: `a ${raw.type}, not a Polygon or MultiSurface` };
  const polygons: Position[][][] = [];
  raw.pieces.forEach((piece, i) => {
    const ring: Position[] = [];
    for (let k = 0; k + 1 < piece.length; k += 2) ring.push([piece[k]!, piece[k + 1]!]);
    if (ring.length < 4) return;
    if (raw.exterior[i] !== false || polygons.length === 0) polygons.push([ring]);
    else polygons.at(-1)!.push(ring);
  });
  if (polygons.length === 0) return { ok: false, reason: 'no ring of at least 4 positions' };
  return { ok: true, geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons } };
}
