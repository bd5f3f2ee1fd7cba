import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importKlic } from '../../server/imports/imkl/import-klic.ts';
import { openXmlSource } from '../../server/imports/imkl/xml-source.ts';
import { realdata, skipWithoutRealdata } from '../support/realdata.ts';

const fixture = fileURLToPath(new URL('../fixtures/imports/curve-gaps.xml', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'ondergrond-imports-'));
const writeTemp = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
};

async function giDocument(zip: string): Promise<Buffer> {
  const opened = await openXmlSource(zip);
  if (!opened.ok) throw new Error(opened.reason);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.source.stream) chunks.push(chunk as Buffer);
  opened.source.close();
  return Buffer.concat(chunks);
}

describe('KLIC defects that real deliveries contain', () => {
  it('when curve segments leave a 0.3 m gap, bridges it into one cable and warns with the gap', async () => {
    const result = await importKlic(fixture);
    if (!result.ok) throw new Error(result.reason);
    const cable = result.assets.find((a) => a.asset.id === 'nl.imkl-KL9999.cable-bridged');
    expect(cable?.asset.geometry).toMatchObject({ type: 'LineString' });
    const coordinates = (cable?.asset.geometry as { coordinates: number[][] }).coordinates;
    expect(coordinates[0]).toEqual([155000, 463010]);
    expect(coordinates.at(-1)).toEqual([155040, 463010]);
    // The arc is densified: its top at [155035, 463015] lies on the line, not cut off by the chord.
    expect(coordinates.some(([x, y]) => Math.abs(x! - 155035) < 1e-6 && Math.abs(y! - 463015) < 1e-6)).toBe(true);
    expect(result.report.warnings).toContainEqual({ id: 'nl.imkl-KL9999.cable-bridged', reason: expect.stringMatching(/0\.3 m gap at \[155020\.00, 463010\.00\] bridged/) });
    expect(cable?.asset.properties).toMatchObject({ owner: 'Voorbeeld Netbeheer', network: 'lv', status: 'planned', depth_m: 0.6, depth_source: 'standard' });
  });

  it('when curve segments leave a 5 m gap, imports two parts with stable ids and warns, never drawing the gap', async () => {
    const result = await importKlic(fixture);
    if (!result.ok) throw new Error(result.reason);
    const parts = result.assets.filter((a) => a.asset.id.startsWith('nl.imkl-KL9999.cable-split')).map((a) => a.asset.id);
    expect(parts).toEqual(['nl.imkl-KL9999.cable-split', 'nl.imkl-KL9999.cable-split#2']);
    expect(result.report.warnings.find((w) => w.id === 'nl.imkl-KL9999.cable-split')?.reason).toMatch(/5 m gap .* separate parts/);
  });

  it('skips a link in a CRS other than RD New with the srsName in the reason, and keeps the rest of the file', async () => {
    const result = await importKlic(fixture);
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.skipped).toContainEqual({ id: 'nl.imkl-KL9999.cable-wgs84', kind: 'Elektriciteitskabel', reason: expect.stringContaining('EPSG::4258') });
    expect(result.report.counts).toEqual({ cables: 3, pipes: 1 });
  });

  it('turns a depth measured at the bottom of a 20 cm pipe into the depth of its top, and drops a 3-D ordinate', async () => {
    const result = await importKlic(fixture);
    if (!result.ok) throw new Error(result.reason);
    const water = result.assets.find((a) => a.asset.id === 'nl.imkl-KL9999.water');
    expect(water?.asset.properties).toMatchObject({ diameter_mm: 200, depth_m: 1.3, depth_source: 'measured', depth_records: ['nl.imkl-KL9999.depth-water'] });
    expect(water?.asset.geometry).toEqual({ type: 'LineString', coordinates: [[155000, 463000], [155010, 463000]] });
  });
});

describe('KLIC files that cannot be imported', () => {
  it('when the zip is random bytes, fails with zip-corrupt and says to download again', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 256));
    const result = await importKlic(writeTemp('random.zip', bytes));
    expect(result).toMatchObject({ ok: false, code: 'zip-corrupt', reason: expect.stringMatching(/not a readable zip.*download/) });
  });

  it('when the XML is not IMKL, fails with not-imkl naming the root element', async () => {
    const file = writeTemp('other.xml', '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>');
    expect(await importKlic(file)).toMatchObject({ ok: false, code: 'not-imkl', reason: expect.stringContaining('<kml>') });
  });

  it('when a GML FeatureCollection holds no IMKL objects, fails with not-imkl', async () => {
    const file = writeTemp('gml.xml', '<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"><gml:featureMember><x:Road xmlns:x="urn:x"/></gml:featureMember></gml:FeatureCollection>');
    expect(await importKlic(file)).toMatchObject({ ok: false, code: 'not-imkl' });
  });

  it('when the XML is not well-formed, fails with xml-malformed', async () => {
    const file = writeTemp('bad.xml', '<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"><a></b></gml:FeatureCollection>');
    expect(await importKlic(file)).toMatchObject({ ok: false, code: 'xml-malformed' });
  });

  it.skipIf(skipWithoutRealdata)('when a real GI document is cut in half, fails with xml-truncated and stores nothing', async () => {
    const xml = await giDocument(realdata('klic', 'Levering_22G003180_1.zip'));
    const file = writeTemp('GI_gebiedsinformatielevering_half.xml', xml.subarray(0, Math.floor(xml.length / 2)));
    const result = await importKlic(file);
    expect(result).toMatchObject({ ok: false, code: 'xml-truncated', reason: expect.stringMatching(/cut off/) });
    expect('assets' in result).toBe(false);
  });

  it.skipIf(skipWithoutRealdata)('when a real delivery zip is cut short, fails with zip-corrupt', async () => {
    const { readFileSync } = await import('node:fs');
    const zip = readFileSync(realdata('klic', 'Levering_22G003180_1.zip'));
    const result = await importKlic(writeTemp('cut.zip', zip.subarray(0, 200_000)));
    expect(result).toMatchObject({ ok: false, code: 'zip-corrupt' });
  });

  it('when a zip holds no GI document, fails with not-imkl', async () => {
    // An empty zip: only the end-of-central-directory record.
    const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(await importKlic(writeTemp('empty.zip', empty))).toMatchObject({ ok: false, code: 'not-imkl' });
  });
});
