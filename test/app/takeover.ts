import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Asset } from '../../server/domain/assets/layers.ts';

/** Ids of another heat company's pipe and a grid operator's cable, as the probe of issue 12 item 1 reused them. */
export const VICTIMS = {
  heat: { id: 'nl.imkl-KL1111.heat-vattenfall', owner: 'Vattenfall' },
  cable: { id: 'nl.imkl-KL2222.cable-stedin', owner: 'Stedin' },
} as const;

/** The two features as their owners stored them (RD New). */
export function victimAssets(): { heat: Asset; cable: Asset } {
  const line = (y: number) => ({ type: 'LineString' as const, coordinates: [[155_000, y], [155_050, y]] });
  return {
    heat: { type: 'Feature', id: VICTIMS.heat.id, geometry: line(463_100), properties: { owner: VICTIMS.heat.owner, status: 'existing', version: 1, depth_m: 1.2, diameter_mm: 200 } },
    cable: { type: 'Feature', id: VICTIMS.cable.id, geometry: line(463_110), properties: { owner: VICTIMS.cable.owner, status: 'existing', version: 1, network: 'lv', depth_m: 0.6 } },
  };
}

/**
 * An IMKL GI document in which a heat company (`owner`, the only Beheerder) claims the victims' gml:ids with moved
 * geometry, plus one cable of its own (`ownId`, when given).
 */
export function takeoverXml(owner: string, ownId?: string): string {
  const member = (body: string) => `  <gml:featureMember>\n${body}\n  </gml:featureMember>`;
  const element = (kind: string, id: string, net: string, link: string) => member(`    <imkl:${kind} gml:id="${id}">
      <net:inNetwork xlink:href="nl.imkl-KL9999.${net}"/>
      <net:link xlink:href="nl.imkl-KL9999.${link}"/>
      <us-net-common:currentStatus xlink:href="http://inspire.ec.europa.eu/codelist/ConditionOfFacilityValue/functional"/>
    </imkl:${kind}>`);
  const link = (id: string, y: number) => member(`    <us-net-common:UtilityLink gml:id="nl.imkl-KL9999.${id}">
      <net:centrelineGeometry>
        <gml:LineString srsName="EPSG:28992" gml:id="g-${id}"><gml:posList>155000 ${y} 155080 ${y}</gml:posList></gml:LineString>
      </net:centrelineGeometry>
    </us-net-common:UtilityLink>`);
  const network = (id: string, theme: string) => member(`    <imkl:Utiliteitsnet gml:id="nl.imkl-KL9999.${id}">
      <imkl:thema xlink:href="http://definities.geostandaarden.nl/imkl2015/id/waarde/Thema/${theme}"/>
    </imkl:Utiliteitsnet>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection gml:id="takeover" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:imkl="http://www.geostandaarden.nl/imkl/wibon" xmlns:net="http://inspire.ec.europa.eu/schemas/net/4.0" xmlns:us-net-common="http://inspire.ec.europa.eu/schemas/us-net-common/4.0" xmlns:xlink="http://www.w3.org/1999/xlink">
${[
    element('ThermischePijpleiding', VICTIMS.heat.id, 'net-heat', 'link-heat'),
    element('Elektriciteitskabel', VICTIMS.cable.id, 'net-lv', 'link-cable'),
    ...(ownId ? [element('Elektriciteitskabel', ownId, 'net-lv', 'link-own')] : []),
    link('link-heat', 463_200),
    link('link-cable', 463_210),
    ...(ownId ? [link('link-own', 463_220)] : []),
    network('net-heat', 'warmte'),
    network('net-lv', 'laagspanning'),
    member(`    <imkl:Beheerder gml:id="nl.imkl-KL9999._Beheerder">
      <imkl:bronhoudercode>KL9999</imkl:bronhoudercode>
      <imkl:organisatie><imkl:Organisatie><imkl:naam>${owner}</imkl:naam></imkl:Organisatie></imkl:organisatie>
    </imkl:Beheerder>`),
  ].join('\n')}
</gml:FeatureCollection>
`;
}

/** The document written to a temporary file, as an upload lands on disk. */
export function takeoverFile(owner: string, ownId?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ondergrond-takeover-')), 'GI_gebiedsinformatielevering.xml');
  writeFileSync(path, takeoverXml(owner, ownId));
  return path;
}
