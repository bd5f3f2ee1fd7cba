import type { AssetStatus, CableNetwork, LayerName, PipeMedium, SewerSystem, StationType } from '../../domain/assets/layers.ts';

/** What an IMKL theme (imkl:thema of the Utiliteitsnet) says about the layer and its kind property. */
export interface ThemeMapping {
  layer: LayerName;
  network?: CableNetwork;
  medium?: PipeMedium;
  system?: SewerSystem;
}

/**
 * IMKL 2.0 themes (http://definities.geostandaarden.nl/imkl2015/id/waarde/Thema/...). Electricity is delivered per
 * voltage level as its own theme, so the theme decides lv/mv/hv; `datatransport` is telecom.
 */
export const THEMES: Readonly<Record<string, ThemeMapping>> = {
  laagspanning: { layer: 'cables', network: 'lv' },
  middenspanning: { layer: 'cables', network: 'mv' },
  hoogspanning: { layer: 'cables', network: 'hv' },
  landelijkHoogspanningsnet: { layer: 'cables', network: 'hv' },
  datatransport: { layer: 'cables', network: 'telecom' },
  water: { layer: 'pipes', medium: 'water' },
  gasLageDruk: { layer: 'pipes', medium: 'gas-lp' },
  gasHogeDruk: { layer: 'pipes', medium: 'gas-hp' },
  petrochemie: { layer: 'pipes', medium: 'other' },
  buisleidingGevaarlijkeInhoud: { layer: 'pipes', medium: 'other' },
  rioolVrijverval: { layer: 'sewers', system: 'gravity' },
  rioolOnderOverOfOnderdruk: { layer: 'sewers', system: 'pressure' },
  warmte: { layer: 'heat' },
};

/**
 * Line classes whose layer follows from the class itself; the theme then only refines the kind. Generic carriers
 * (Kabelbed, Duct, and any other class with a net:link) take their layer from the theme.
 */
export const CLASS_LAYERS: Readonly<Record<string, ThemeMapping>> = {
  Elektriciteitskabel: { layer: 'cables' },
  Telecommunicatiekabel: { layer: 'cables', network: 'telecom' },
  Waterleiding: { layer: 'pipes', medium: 'water' },
  OlieGasChemicalienPijpleiding: { layer: 'pipes' },
  Rioolleiding: { layer: 'sewers' },
  ThermischePijpleiding: { layer: 'heat' },
};

/**
 * Network objects that are deliberately not assets, with the reason given in the report. A Mantelbuis is a sleeve
 * around a cable or pipe that is imported on its own; an Appurtenance is a point fitting (valve, joint, manhole)
 * with no layer in the asset model.
 */
export const NOT_IMPORTED: Readonly<Record<string, string>> = {
  Mantelbuis: 'protective sleeve (Mantelbuis) around a cable or pipe that is imported itself; sleeves are not a layer',
  Appurtenance: 'point fitting (Appurtenance: valve, joint, manhole, …); the asset model has no layer for fittings',
};

/** INSPIRE ConditionOfFacilityValue → asset status. */
export const STATUS_BY_CONDITION: Readonly<Record<string, AssetStatus>> = {
  functional: 'existing',
  projected: 'planned',
  underConstruction: 'planned',
  disused: 'abandoned',
  decommissioned: 'abandoned',
};

/**
 * Voltage level by nominal voltage, used only when the theme does not name one: ≤ 1 kV low, ≤ 50 kV medium, above
 * high (the NEN 1010 / grid-code split). An electricity cable with neither theme level nor voltage becomes `other`
 * rather than `lv`: guessing low voltage would understate its cover depth and clearances.
 *
 * @example networkByVoltage(10000) // 'mv'
 */
export function networkByVoltage(volts: number | undefined): CableNetwork {
  if (volts === undefined) return 'other';
  if (volts <= 1_000) return 'lv';
  if (volts <= 50_000) return 'mv';
  return 'hv';
}

/** Station type for a TechnischGebouw by the layer its network maps to; undefined when it is no station we model. */
export function stationTypeFor(theme: ThemeMapping | undefined): StationType | undefined {
  if (theme?.layer === 'heat') return 'heat-distribution';
  if (theme?.layer === 'cables' && theme.network !== 'telecom') return 'electric-substation';
  return undefined;
}
