import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits.ts';

/** A geometry as read from GML: flat xy ordinates per piece (LineString: one; Curve: one per segment; Polygon: one per ring). */
export interface RawGeometry {
  type: string;
  srsName: string | undefined;
  pieces: Float64Array[];
  /** Indices of pieces that are circular arcs (`gml:Arc`, `gml:ArcString`): start, mid, end per arc. */
  arcs: number[];
  /** The element that held the geometry, e.g. `centrelineGeometry`, `ligging`, `geometry`. */
  property: string;
  /** Per piece of a surface: whether it is an exterior ring (a new polygon of a MultiSurface) or a hole. */
  exterior: boolean[];
}

/**
 * What the importer keeps of one IMKL object: its class, gml:id, the xlink:href targets and the text (with uom) of
 * the few leaf elements the mapping reads, by local name. Nothing else of the document is held.
 */
export interface FeatureRecord {
  kind: string;
  id: string;
  hrefs: Record<string, string[]>;
  values: Record<string, { text: string; uom: string | undefined }>;
  geometries: RawGeometry[];
}

/**
 * Classes that carry nothing the importer uses: map annotations, dimension lines, request and contact records. The
 * dig or orientation polygon, the operators' interests (`Belang`) and the precaution zones with their attachments
 * are read: they say where the delivery knows the ground.
 */
export const IGNORED_KINDS = new Set([
  'Annotatie',
  'Maatvoering',
  'EigenTopografie',
  'Bijlage',
  'GebiedsinformatieLevering',
  'ExtraDetailinfo',
]);

/** Leaf elements whose text the mapping reads. */
const CAPTURED = new Set([
  'pipeDiameter',
  'ductWidth',
  'nominalVoltage',
  'operatingVoltage',
  'pressure',
  'standaardDieptelegging',
  'dieptePeil',
  'bronhoudercode',
  'naam',
  'omschrijving',
  'label',
  'klicMeldnummer',
  'aantalKabelsLeidingen',
  'telefoon',
  'email',
  'eisVoorzorgsmaatregel',
  'netbeheerderNetOmschrijving',
  'toelichting',
  'bestandLocatie',
]);

const GEOMETRY_ROOTS = new Set(['Point', 'LineString', 'Curve', 'Polygon', 'MultiSurface', 'MultiCurve', 'Surface']);
const MEMBER_ELEMENTS = new Set(['featureMember', 'member', 'featureMembers']);
const GML_NS = /^http:\/\/www\.opengis\.net\/gml(\/3\.2)?$/;
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The limits the parser enforces itself; the byte limit comes with the source (it depends on the zip's size). */
export type ParseLimits = Pick<ImportLimits, 'maxXmlDepth' | 'maxTextBytes' | 'maxObjects' | 'maxCoordinates'>;

export interface ParseOptions {
  onBytes?: (bytesRead: number) => void;
  /** Stop past this many bytes of XML, reported as the limit `byteLimit` (which variable sets it). */
  maxBytes?: number;
  byteLimit?: 'maxInflatedBytes' | 'maxInflateRatio';
  limits?: Partial<ParseLimits>;
}

export type ParseOutcome =
  | { ok: true; bytes: number; imklObjects: number; ignored: Record<string, number> }
  | { ok: false; code: 'not-imkl' | 'xml-truncated' | 'xml-malformed' | 'read-error'; reason: string; bytes: number }
  | { ok: false; code: 'limit'; limit: keyof ImportLimits; seen: number; bytes: number };

class NotImkl extends Error {}

/** Thrown from a SAX handler to stop at the first limit; saxes passes it out of `write`. */
class LimitHit extends Error {
  constructor(
    readonly limit: keyof ImportLimits,
    readonly seen: number,
  ) {
    super(`${limit} passed (${seen})`);
  }
}

/**
 * Streams an IMKL GML document through saxes (namespace-aware, no DOM) and hands each object to `sink` as a compact
 * {@link FeatureRecord} the moment its closing tag is read. Objects refer to each other by gml:id in any order, so
 * resolving links is the caller's job after the last record. Stops at the first limit passed (bytes, depth, length of
 * one text node or tag, objects, coordinates), so a hostile document costs at most what the limits allow.
 *
 * @example
 * const outcome = await parseImkl(createReadStream('GI_gebiedsinformatielevering_22O000518_1_V2.xml'), (r) => records.push(r));
 *   // { ok: true, bytes: 3210641, imklObjects: 2261, ignored: { Maatvoering: 762, ... } }
 */
export async function parseImkl(stream: Readable, sink: (record: FeatureRecord) => void, options: ParseOptions = {}): Promise<ParseOutcome> {
  const { onBytes, maxBytes = DEFAULT_IMPORT_LIMITS.maxInflatedBytes, byteLimit = 'maxInflatedBytes' } = options;
  const limits: ParseLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const parser = new SaxesParser({ xmlns: true });
  const state = createState(sink, limits);
  parser.on('opentag', (tag) => state.open(tag as SaxesTagNS));
  parser.on('text', (text) => state.text(text));
  parser.on('closetag', (tag) => state.close(tag as SaxesTagNS));
  // saxes buffers a text node, tag, comment or CDATA section whole until it ends, and only then calls a handler; the
  // three handlers above mark progress, so bytes read since the last one bound what saxes is holding. Comments, CDATA
  // and processing instructions mark none: a handler for them changes the parser object's shape and made saxes 3×
  // slower on every document (measured on the 20 MB Vattenfall delivery), so a run of them longer than the limit with
  // no element or text in between is refused as well.
  parser.on('error', (error) => {
    throw error;
  });

  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let lastProgress = 0;
  const stopped = (error: unknown): ParseOutcome => {
    stream.destroy();
    if (error instanceof LimitHit) return { ok: false, code: 'limit', limit: error.limit, seen: error.seen, bytes };
    if (error instanceof NotImkl) return { ok: false, code: 'not-imkl', reason: error.message, bytes };
    return { ok: false, code: 'xml-malformed', reason: `XML is malformed: ${(error as Error).message}`, bytes };
  };
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (bytes > maxBytes) return stopped(new LimitHit(byteLimit, bytes));
      try {
        parser.write(decoder.write(buffer));
        // Progress is known per chunk, so a token is stopped at most one chunk (16–64 KB) past the limit.
        if (state.takeProgress()) lastProgress = bytes;
        else if (bytes - lastProgress > limits.maxTextBytes) throw new LimitHit('maxTextBytes', bytes - lastProgress);
      } catch (error) {
        return stopped(error);
      }
      onBytes?.(bytes);
    }
  } catch (error) {
    return { ok: false, code: 'read-error', reason: (error as Error).message, bytes };
  }
  try {
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    if (error instanceof LimitHit) return { ok: false, code: 'limit', limit: error.limit, seen: error.seen, bytes };
    if (error instanceof NotImkl) return { ok: false, code: 'not-imkl', reason: error.message, bytes };
    return {
      ok: false,
      code: 'xml-truncated',
      reason: `XML ends before the document is complete after ${bytes} bytes (${(error as Error).message}); the file is cut off — download or unzip it again`,
      bytes,
    };
  }
  if (state.imklObjects() === 0) {
    return { ok: false, code: 'not-imkl', reason: 'the GML holds no IMKL objects (no element in an imkl namespace); is this a KLIC delivery?', bytes };
  }
  return { ok: true, bytes, imklObjects: state.imklObjects(), ignored: state.ignored };
}

function createState(sink: (record: FeatureRecord) => void, limits: ParseLimits) {
  const path: string[] = [];
  const ignored: Record<string, number> = {};
  let imklObjects = 0;
  // Objects, and the links, geometries and pieces kept of them: each costs memory until links are resolved.
  let kept = 0;
  let coordinates = 0;
  let progressed = false;
  let textLength = 0;
  let defaultSrs: string | undefined;
  let record: FeatureRecord | undefined;
  let recordDepth = -1;
  let skipDepth = -1;
  let geometry: RawGeometry | undefined;
  let geometryDepth = -1;
  let segmentKind = '';
  let ringExterior = true;
  let dimension = 2;
  let textParts: string[] | undefined;
  let pendingUom: string | undefined;

  const attr = (tag: SaxesTagNS, local: string, uri = '') => {
    const attributes = tag.attributes;
    for (const name in attributes) {
      const a = attributes[name]!;
      if (a.local === local && a.uri === uri) return a.value;
    }
    return undefined;
  };

  const keep = () => {
    kept++;
    if (kept > limits.maxObjects) throw new LimitHit('maxObjects', kept);
  };

  function open(tag: SaxesTagNS): void {
    progressed = true;
    const depth = path.length;
    // Checked before anything else: saxes' cost per tag grows with depth, so the bound also bounds the CPU spent.
    if (depth >= limits.maxXmlDepth) throw new LimitHit('maxXmlDepth', depth + 1);
    const parent = path[depth - 1];
    path.push(tag.local);
    if (depth === 0) {
      if (tag.local !== 'FeatureCollection' || !GML_NS.test(tag.uri)) {
        throw new NotImkl(`root element is <${tag.name}> (${tag.uri || 'no namespace'}), not a gml:FeatureCollection; an IMKL delivery document (GI_gebiedsinformatielevering_*.xml) is expected`);
      }
      return;
    }
    if (skipDepth >= 0) return;
    if (!record) {
      if (tag.local === 'Envelope') defaultSrs ??= attr(tag, 'srsName');
      if (parent !== undefined && MEMBER_ELEMENTS.has(parent)) {
        keep();
        if (/imkl/i.test(tag.uri)) imklObjects++;
        if (IGNORED_KINDS.has(tag.local)) {
          ignored[tag.local] = (ignored[tag.local] ?? 0) + 1;
          skipDepth = depth;
          return;
        }
        record = { kind: tag.local, id: gmlId(tag) ?? '', hrefs: {}, values: {}, geometries: [] };
        recordDepth = depth;
      }
      return;
    }
    const href = attr(tag, 'href', XLINK_NS);
    if (href !== undefined) {
      keep();
      (record.hrefs[tag.local] ??= []).push(href);
    }
    if (!geometry && GEOMETRY_ROOTS.has(tag.local)) {
      keep();
      geometry = { type: tag.local, srsName: attr(tag, 'srsName') ?? defaultSrs, pieces: [], arcs: [], property: parent ?? '', exterior: [] };
      ringExterior = true;
      geometryDepth = depth;
      dimension = Number(attr(tag, 'srsDimension') ?? 2) || 2;
      return;
    }
    if (geometry) {
      if (tag.local === 'posList' || tag.local === 'pos') {
        dimension = Number(attr(tag, 'srsDimension') ?? dimension) || dimension;
        textParts = [];
        textLength = 0;
      } else if (/Segment$|^Arc|^Circle/.test(tag.local)) {
        segmentKind = tag.local;
      } else if (tag.local === 'exterior' || tag.local === 'interior') {
        ringExterior = tag.local === 'exterior';
      }
      return;
    }
    if (CAPTURED.has(tag.local) && !(tag.local in record.values)) {
      textParts = [];
      textLength = 0;
      pendingUom = attr(tag, 'uom');
    }
  }

  function text(value: string): void {
    progressed = true;
    if (!textParts) return;
    // Bounded as it accumulates: comments or CDATA sections split one element's text into any number of events.
    textLength += value.length;
    if (textLength > limits.maxTextBytes) throw new LimitHit('maxTextBytes', textLength);
    textParts.push(value);
  }

  function close(tag: SaxesTagNS): void {
    progressed = true;
    const depth = path.length - 1;
    path.pop();
    if (skipDepth >= 0) {
      if (depth === skipDepth) skipDepth = -1;
      return;
    }
    if (!record) return;
    if (textParts) {
      const content = textParts.join('');
      textParts = undefined;
      if (geometry) {
        keep();
        const piece = flatXy(content, dimension);
        coordinates += piece.length / 2;
        if (coordinates > limits.maxCoordinates) throw new LimitHit('maxCoordinates', coordinates);
        geometry.pieces.push(piece);
        geometry.exterior.push(ringExterior);
        if (segmentKind.startsWith('Arc')) geometry.arcs.push(geometry.pieces.length - 1);
      } else {
        record.values[tag.local] = { text: content.trim(), uom: pendingUom };
      }
    }
    if (geometry && depth === geometryDepth) {
      record.geometries.push(geometry);
      geometry = undefined;
      segmentKind = '';
    }
    if (depth === recordDepth) {
      sink(record);
      record = undefined;
    }
  }

  /** Whether any SAX event fired since the last call. */
  const takeProgress = () => {
    const seen = progressed;
    progressed = false;
    return seen;
  };

  return { open, text, close, takeProgress, ignored, imklObjects: () => imklObjects };
}

function gmlId(tag: SaxesTagNS): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === 'id' && GML_NS.test(a.uri)) return a.value;
  return undefined;
}

/** Reads a posList into flat xy pairs, dropping a third ordinate when the list is 3-D. */
function flatXy(content: string, dimension: number): Float64Array {
  const numbers = content.trim().split(/\s+/).map(Number);
  const count = Math.floor(numbers.length / dimension);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = numbers[i * dimension]!;
    out[i * 2 + 1] = numbers[i * dimension + 1]!;
  }
  return out;
}
