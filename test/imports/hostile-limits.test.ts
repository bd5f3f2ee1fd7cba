import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportLimits } from '../../server/config.ts';
import { importFile } from '../../server/imports/detect.ts';
import { scanJson } from '../../server/imports/geojson-source.ts';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import { parseImkl } from '../../server/imports/imkl/imkl-parser.ts';
import { DEFAULT_IMPORT_LIMITS, limitExceeded } from '../../server/imports/limits.ts';
import { IMKL_HEAD, IMKL_TAIL, deepXml, kabelbed, posListBomb } from '../support/hostile-files.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'ondergrond-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const writeTemp = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
};
const parse = (xml: string, options: Parameters<typeof parseImkl>[2] = {}) => parseImkl(Readable.from([Buffer.from(xml)]), () => {}, options);
const link = (posList: string) =>
  `<gml:featureMember><us-net-common:UtilityLink gml:id="l"><net:centrelineGeometry><gml:LineString gml:id="g"><gml:posList>${posList}</gml:posList></gml:LineString></net:centrelineGeometry></us-net-common:UtilityLink></gml:featureMember>`;

describe('zip bombs', () => {
  it('when a zip declares more than 50× its own size, refuses it as too-large before inflating, naming the ratio variable', async () => {
    const bomb = posListBomb(505);
    const result = await importKlic(writeTemp('Levering_poslist.zip', bomb.bytes));
    expect(result).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_INFLATE_RATIO', value: 50 } });
    if (!result.ok) expect(result.reason).toMatch(/^Levering_poslist\.zip inflates to more than 50× the size of the zip.*seen: \d+(\.\d)?×, 505\d+ bytes declared.*raise ONDERGROND_IMPORT_MAX_INFLATE_RATIO \(now 50\)/);
  });

  it('when the bytes coming out pass the limit, stops reading there whatever the header said', async () => {
    const xml = IMKL_HEAD + kabelbed(1).repeat(2000) + IMKL_TAIL;
    const outcome = await parse(xml, { maxBytes: 100_000, byteLimit: 'maxInflatedBytes' });
    expect(outcome).toMatchObject({ ok: false, code: 'limit', limit: 'maxInflatedBytes' });
  });
});

describe('XML limits', () => {
  it('accepts nesting up to the depth limit and refuses one level more as too-deep', async () => {
    // deepXml(n) puts n levels inside Kabelbed, which sits at level 3.
    expect(await parse(deepXml(61).toString(), { limits: { maxXmlDepth: 64 } })).toMatchObject({ ok: true });
    expect(await parse(deepXml(62).toString(), { limits: { maxXmlDepth: 64 } })).toMatchObject({ ok: false, code: 'limit', limit: 'maxXmlDepth', seen: 65 });
  });

  it('when comments split one posList into small pieces, bounds the accumulated text, not each piece', async () => {
    const pieces = Array.from({ length: 2000 }, () => '155000 463000 <!-- -->').join('');
    expect(await parse(IMKL_HEAD + link(pieces) + IMKL_TAIL, { limits: { maxTextBytes: 10_000 } })).toMatchObject({ ok: false, code: 'limit', limit: 'maxTextBytes' });
  });

  it('when one comment outgrows the text limit, stops while saxes is still buffering it', async () => {
    const chunks = [IMKL_HEAD, '<!--', ...Array.from({ length: 64 }, () => 'x'.repeat(16_384)), '-->', IMKL_TAIL].map((s) => Buffer.from(s));
    const outcome = await parseImkl(Readable.from(chunks), () => {}, { limits: { maxTextBytes: 100_000 } });
    expect(outcome).toMatchObject({ ok: false, code: 'limit', limit: 'maxTextBytes' });
    expect(outcome.bytes).toBeLessThan(200_000);
  });

  it('counts the links and geometries kept against the object limit, and coordinates against theirs', async () => {
    const links = `<gml:featureMember><imkl:Kabelbed gml:id="b">${'<net:link xlink:href="x"/>'.repeat(50)}</imkl:Kabelbed></gml:featureMember>`;
    expect(await parse(IMKL_HEAD + links + IMKL_TAIL, { limits: { maxObjects: 40 } })).toMatchObject({ ok: false, limit: 'maxObjects' });
    expect(await parse(IMKL_HEAD + link('1 2 '.repeat(600)) + IMKL_TAIL, { limits: { maxCoordinates: 500 } })).toMatchObject({ ok: false, limit: 'maxCoordinates', seen: 600 });
  });
});

describe('GeoJSON limits', () => {
  it('scans nesting and features outside strings only', () => {
    expect(scanJson(Buffer.from('{"features":[{"a":"[[[{{"},{"b":[[1]]}],"bbox":[0,0,1,1]}'), 64)).toEqual({ tooDeep: 0, features: 2 });
    expect(scanJson(Buffer.from('{"a":"\\"[[["}'), 2)).toEqual({ tooDeep: 0, features: 0 });
    expect(scanJson(Buffer.from('[[[[]]]]'), 3).tooDeep).toBe(3);
  });

  it('refuses a register over the byte limit before reading it', async () => {
    const file = writeTemp('bomen.geojson', `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ID":1,"DIAMETER":3},"geometry":null}]}`);
    expect(await importFile(file, { limits: { maxJsonBytes: 50 } })).toMatchObject({ ok: false, code: 'too-large', limit: { name: 'ONDERGROND_IMPORT_MAX_JSON_BYTES' } });
  });
});

describe('limits from configuration and messages without server paths', () => {
  it('reads every limit from its variable and refuses a value that is not a positive whole number', () => {
    expect(readImportLimits({})).toEqual(DEFAULT_IMPORT_LIMITS);
    expect(readImportLimits({ ONDERGROND_IMPORT_MAX_XML_DEPTH: '32', ONDERGROND_IMPORT_MAX_OBJECTS: '9' })).toMatchObject({ maxXmlDepth: 32, maxObjects: 9 });
    expect(() => readImportLimits({ ONDERGROND_IMPORT_MAX_TEXT_BYTES: '1e3x' })).toThrow('ONDERGROND_IMPORT_MAX_TEXT_BYTES=1e3x must be a positive whole number');
  });

  it('names the limit, what was seen and the variable in one sentence', () => {
    expect(limitExceeded('Levering.zip', 'maxZipEntries', 60_000)).toEqual({
      ok: false,
      code: 'too-large',
      reason: 'Levering.zip holds more than 10000 zip entries (seen: 60000); nothing more was read. If the file is genuine, raise ONDERGROND_IMPORT_MAX_ZIP_ENTRIES (now 10000)',
      limit: { name: 'ONDERGROND_IMPORT_MAX_ZIP_ENTRIES', value: 10_000, seen: 60_000 },
    });
  });

  it('when a file is missing or a zip damaged, says so with the name it was given and never the path it lies at', async () => {
    const missing = await importFile(path.join(tmp, 'upload.zip'), { name: 'Levering.zip' });
    expect(missing).toMatchObject({ ok: false, code: 'file-unreadable' });
    const damaged = await importFile(writeTemp('upload.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 1)])), { name: 'Levering.zip' });
    expect(damaged).toMatchObject({ ok: false, code: 'zip-corrupt' });
    for (const result of [missing, damaged]) {
      if (result.ok) continue;
      expect(result.reason).toContain('Levering.zip');
      expect(result.reason).not.toContain(tmp);
      expect(result.reason).not.toContain('upload.zip');
    }
  });

  it('npm run import prints the sentence for a file past a limit and exits 2', () => {
    const file = writeTemp('GI_deep.xml', deepXml(200));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ONDERGROND_IMPORT_MAX_XML_DEPTH: '100' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GI_deep.xml nests elements deeper than 100 levels');
    expect(result.stderr).toContain('raise ONDERGROND_IMPORT_MAX_XML_DEPTH (now 100) (too-deep); nothing was stored');
    const invalid = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ONDERGROND_IMPORT_MAX_XML_DEPTH: 'deep' } });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('import: ONDERGROND_IMPORT_MAX_XML_DEPTH=deep must be a positive whole number');
  }, 180_000);
});
