import { constants, deflateRawSync } from 'node:zlib';

/**
 * Hostile import files made on the spot (nothing large is committed): zip bombs, deep XML, an endless posList, a zip
 * of many entries, deep GeoJSON. The XML is IMKL-shaped, so each file gets past format detection to the limit it is
 * aimed at.
 */

export const GI_ENTRY = '22X000001_1/GI_gebiedsinformatielevering_22X000001_1_V2.xml';

export const IMKL_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<gml:FeatureCollection gml:id="hostile" xmlns:gml="http://www.opengis.net/gml/3.2" ' +
  'xmlns:imkl="http://www.geostandaarden.nl/imkl/wibon" xmlns:net="http://inspire.ec.europa.eu/schemas/net/4.0" ' +
  'xmlns:us-net-common="http://inspire.ec.europa.eu/schemas/us-net-common/4.0" xmlns:xlink="http://www.w3.org/1999/xlink">\n';
export const IMKL_TAIL = '</gml:FeatureCollection>\n';

/** One small cable bed, the record a bomb repeats: an object with two links, all the importer keeps of it. */
export const kabelbed = (n: number) =>
  `<gml:featureMember><imkl:Kabelbed gml:id="nl.imkl-KL9999.bed${n}"><net:inNetwork xlink:href="nl.imkl-KL9999.net"/>` +
  `<net:link xlink:href="nl.imkl-KL9999.link${n}"/></imkl:Kabelbed></gml:featureMember>\n`;

export interface ZipEntry {
  name: string;
  /** Raw deflate data (method 8), or the bytes themselves when `stored`. */
  data: Buffer;
  stored?: boolean;
  /** What the headers declare; a bomb may declare less than it holds. */
  uncompressedSize: number;
}

/** A zip of the given entries: local headers, central directory, end record (no zip64, CRCs left 0: yauzl ignores them). */
export function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const method = entry.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.uncompressedSize, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.data);
    central.push(record, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * Raw deflate of `head`, then `body` `times` over, then `tail`, without deflating `times` copies: each block is
 * flushed with Z_FULL_FLUSH, which resets the compressor, so one compressed body can simply be repeated.
 */
export function deflateRepeated(head: string, body: string, times: number, tail: string): { data: Buffer; inflated: number } {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(body);
  const data = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => block), deflateRawSync(Buffer.from(tail))]);
  return { data, inflated: Buffer.byteLength(head) + Buffer.byteLength(body) * times + Buffer.byteLength(tail) };
}

/** A KLIC-like zip whose GI document is `head + body × times + tail`, declaring its size or, for a lying bomb, `declared`. */
export function bombZip(head: string, body: string, times: number, tail: string, declared?: number): { bytes: Buffer; inflated: number } {
  const { data, inflated } = deflateRepeated(head, body, times, tail);
  return { bytes: zip([{ name: GI_ENTRY, data, uncompressedSize: declared ?? Math.min(inflated, 0xffffffff) }]), inflated };
}

/** About `megabytes` MB of small Kabelbed records in a zip of a few MB (issue 12: 4.3 MB inflating to 1.2 GB). */
export function kabelbedBomb(megabytes: number, declared?: number) {
  // Identical records compress best (≈250:1), as in the report: 4.3 MB inflating to 1.2 GB.
  const body = kabelbed(0).repeat(4000);
  return bombZip(IMKL_HEAD, body, Math.ceil((megabytes * 1e6) / body.length), IMKL_TAIL, declared);
}

/** One UtilityLink whose posList runs `megabytes` MB. */
export function posListBomb(megabytes: number) {
  const head = `${IMKL_HEAD}<gml:featureMember><us-net-common:UtilityLink gml:id="nl.imkl-KL9999.link"><net:centrelineGeometry>` +
    '<gml:LineString gml:id="g" srsName="urn:ogc:def:crs:EPSG::28992"><gml:posList>';
  const body = '155000.125 463000.250 '.repeat(4096);
  return bombZip(head, body, Math.ceil((megabytes * 1e6) / body.length), `155001 463001</gml:posList></gml:LineString></net:centrelineGeometry></us-net-common:UtilityLink></gml:featureMember>${IMKL_TAIL}`);
}

/** An IMKL document whose one object nests `levels` elements deep. */
export function deepXml(levels: number): Buffer {
  return Buffer.from(`${IMKL_HEAD}<gml:featureMember><imkl:Kabelbed gml:id="deep">${'<imkl:x>'.repeat(levels)}${'</imkl:x>'.repeat(levels)}</imkl:Kabelbed></gml:featureMember>${IMKL_TAIL}`);
}

/** An IMKL document of `count` Kabelbed records, uncompressed. */
export function manyObjectsXml(count: number): Buffer {
  return Buffer.from(IMKL_HEAD + Array.from({ length: count }, (_, i) => kabelbed(i)).join('') + IMKL_TAIL);
}

/** A zip of `count` empty stored entries, the GI document last. */
export function manyEntriesZip(count: number): Buffer {
  const entries: ZipEntry[] = Array.from({ length: count - 1 }, (_, i) => ({ name: `bronnen/${i}.pdf`, data: Buffer.alloc(0), stored: true, uncompressedSize: 0 }));
  const gi = Buffer.from(IMKL_HEAD + kabelbed(0) + IMKL_TAIL);
  entries.push({ name: GI_ENTRY, data: gi, stored: true, uncompressedSize: gi.length });
  return zip(entries);
}

/** A tree register (its fields in the first bytes, so it is detected as one) whose first tree nests `levels` arrays deep. */
export function deepGeoJson(levels: number): Buffer {
  return Buffer.from(
    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ID":1,"DIAMETER":30,"nested":${'['.repeat(levels)}${']'.repeat(levels)}},` +
      '"geometry":{"type":"Point","coordinates":[89000,436000]}}]}',
  );
}

/** A tree register of `count` trees. */
export function manyTreesGeoJson(count: number): Buffer {
  const tree = (i: number) => `{"type":"Feature","properties":{"ID":${i},"DIAMETER":30},"geometry":{"type":"Point","coordinates":[89000,436000]}}`;
  return Buffer.from(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[${Array.from({ length: count }, (_, i) => tree(i)).join(',')}]}`);
}
