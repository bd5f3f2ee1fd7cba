import type { FeatureRecord, RawGeometry } from './imkl-parser.ts';
import { codeOf } from './units.ts';

/**
 * The records of one delivery, keyed so links can be resolved after the last object: objects may refer forward or
 * backward (a cable before or after its UtilityLink and its Utiliteitsnet). UtilityLinks keep only their centreline.
 */
export interface ImklIndex {
  networks: Map<string, FeatureRecord>;
  links: Map<string, RawGeometry[]>;
  /** Objects with a `net:link`: cables, pipes, cable beds, ducts, sleeves. */
  lineElements: FeatureRecord[];
  depths: FeatureRecord[];
  extraGeometries: Map<string, RawGeometry>;
  buildings: FeatureRecord[];
  beheerders: Map<string, FeatureRecord>;
  belanghebbenden: FeatureRecord[];
  /** The operators' interests by gml:id, with their themes. */
  belangen: Map<string, FeatureRecord>;
  /** The requested dig area (Graafpolygoon), or for an orientation request its Orientatiepolygoon. */
  graafpolygoon: FeatureRecord | undefined;
  orientatiepolygoon: FeatureRecord | undefined;
  /** AanduidingEisVoorzorgsmaatregel: zones where an operator demands precautions. */
  precautions: FeatureRecord[];
  /** EisVoorzorgsmaatregelBijlage: the demand's explanation and file. */
  precautionAttachments: FeatureRecord[];
  /** Everything else an asset could have come from, kept as class and id only, to report as skipped. */
  others: { kind: string; id: string }[];
  klicMeldnummer: string | undefined;
}

/** Creates an empty index. */
export function createIndex(): ImklIndex {
  return {
    networks: new Map(),
    links: new Map(),
    lineElements: [],
    depths: [],
    extraGeometries: new Map(),
    buildings: [],
    beheerders: new Map(),
    belanghebbenden: [],
    belangen: new Map(),
    graafpolygoon: undefined,
    orientatiepolygoon: undefined,
    precautions: [],
    precautionAttachments: [],
    others: [],
    klicMeldnummer: undefined,
  };
}

/**
 * Files one parsed record under what it is.
 *
 * @example indexRecord(index, { kind: 'Utiliteitsnet', id: 'nl.imkl-KL1031.UNET_gasLageDruk_5', ... })
 */
export function indexRecord(index: ImklIndex, record: FeatureRecord): void {
  switch (record.kind) {
    case 'Utiliteitsnet':
      index.networks.set(record.id, record);
      return;
    case 'UtilityLink':
      index.links.set(record.id, record.geometries.filter((g) => g.property === 'centrelineGeometry'));
      return;
    case 'DiepteTovMaaiveld':
      index.depths.push(record);
      return;
    case 'ExtraGeometrie': {
      const geometry = record.geometries[0];
      if (geometry) index.extraGeometries.set(record.id, geometry);
      return;
    }
    case 'TechnischGebouw':
    case 'Kast':
      index.buildings.push(record);
      return;
    case 'Beheerder':
      index.beheerders.set(record.id, record);
      return;
    case 'Belanghebbende':
      index.belanghebbenden.push(record);
      return;
    case 'Belang':
      index.belangen.set(record.id, record);
      return;
    case 'Graafpolygoon':
      index.graafpolygoon ??= record;
      return;
    case 'Orientatiepolygoon':
      index.orientatiepolygoon ??= record;
      return;
    case 'AanduidingEisVoorzorgsmaatregel':
      index.precautions.push(record);
      return;
    case 'EisVoorzorgsmaatregelBijlage':
      index.precautionAttachments.push(record);
      return;
    case 'GebiedsinformatieAanvraag':
      index.klicMeldnummer = record.values.klicMeldnummer?.text;
      return;
  }
  if (record.hrefs.link) index.lineElements.push(record);
  else index.others.push({ kind: record.kind, id: record.id });
}

/** The bronhouder code in an IMKL gml:id: `nl.imkl-KL1031.UNET_gasLageDruk_5` → `KL1031`. */
export const bronhouderCode = (id: string): string | undefined => /^nl\.imkl-([A-Z]{2}\d{4})[._]/.exec(id)?.[1];

/**
 * Resolves who operates each network, in order of how human-readable the answer is: the Beheerder's organisation
 * name reached through the Belanghebbende (utiliteitsnet → netbeheerder), else the Beheerder with the bronhouder code
 * of the network's id, else that code itself.
 *
 * @example ownerResolver(index)('nl.imkl-KL1031.UNET_gasLageDruk_5') // { owner: 'Enexis B.V.', code: 'KL1031' }
 */
export function ownerResolver(index: ImklIndex): (networkId: string) => { owner: string; code: string | undefined } | undefined {
  const nameOf = (beheerder: FeatureRecord | undefined) => beheerder?.values.naam?.text || undefined;
  const byNetwork = new Map<string, string>();
  for (const b of index.belanghebbenden) {
    const name = nameOf(index.beheerders.get(b.hrefs.netbeheerder?.[0] ?? ''));
    if (name) for (const net of b.hrefs.utiliteitsnet ?? []) byNetwork.set(net, name);
  }
  const byCode = new Map<string, string>();
  for (const beheerder of index.beheerders.values()) {
    const code = beheerder.values.bronhoudercode?.text;
    const name = nameOf(beheerder);
    if (code && name) byCode.set(code, name);
  }
  return (networkId) => {
    const code = bronhouderCode(networkId);
    const owner = byNetwork.get(networkId) ?? (code ? byCode.get(code) : undefined) ?? code;
    return owner ? { owner, code } : undefined;
  };
}

/** The theme code of a network (`gasLageDruk`), from its imkl:thema codelist URI. */
export const themeOf = (network: FeatureRecord | undefined): string | undefined => codeOf(network?.hrefs.thema?.[0]);
