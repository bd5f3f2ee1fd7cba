import type { Language } from './i18n.ts';
import type { AssetProperties, CheckResult, LayerName, LayerSummary, PlanResult, RouteRecord, ServedRules, Session, TrenchFeature, TrenchInput } from './types.ts';
import { LAYER_NAMES } from './types.ts';

export const TABS = ['layers', 'check', 'propose', 'routes', 'plan', 'space', 'import'] as const;
export type Tab = (typeof TABS)[number];

export interface Selection {
  layer: LayerName;
  id: string;
  properties: Partial<AssetProperties>;
}

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

/** Everything the UI shows; the map and the panels render from it and change it only through the store. */
export interface AppState {
  language: Language;
  tab: Tab;
  visible: Record<LayerName, boolean>;
  basemap: boolean;
  /** Coverage areas and precaution zones drawn on the map. */
  coverage: boolean;
  summaries: LayerSummary[];
  /** Paths the server documents; features whose endpoints are absent are shown as unavailable. */
  paths: string[];
  /** The caller, once known; controls a role may not use are not shown. */
  session: Session | null;
  /** The server's rules (GET /api/rules), once fetched: assumed covers and the like are read from here. */
  rules: ServedRules | null;
  selected: Selection | null;
  trench: TrenchFeature | null;
  trenchInput: TrenchInput;
  drawing: boolean;
  check: CheckResult | null;
  /** Index into check.report.conflicts of the row last chosen. */
  focus: number | null;
  sectionChainage: number | null;
  routes: RouteRecord[];
  plan: PlanResult | null;
  sliderDate: string | null;
  upload: { file: string; percent: number; phase: 'uploading' | 'processing' } | null;
  message: Message | null;
}

export function initialState(language: Language = 'nl', basemap = true): AppState {
  return {
    language,
    tab: 'layers',
    visible: Object.fromEntries(LAYER_NAMES.map((l) => [l, true])) as Record<LayerName, boolean>,
    basemap,
    coverage: true,
    summaries: [],
    paths: [],
    session: null,
    rules: null,
    selected: null,
    trench: null,
    trenchInput: { kind: 'heat', width_m: 0.8, depth_m: 1.0 },
    drawing: false,
    check: null,
    focus: null,
    sectionChainage: null,
    routes: [],
    plan: null,
    sliderDate: null,
    upload: null,
    message: null,
  };
}

/**
 * True when the caller's role grants `action` (any scope). Before the session is known nothing is granted.
 *
 * @example may({ session: { grants: { 'routes:decide': 'all' } } }, 'routes:decide') // true
 */
export function may(state: Pick<AppState, 'session'>, action: string): boolean {
  return state.session?.grants[action] !== undefined;
}

/** What a role must be granted to use each tab: a tab whose every request would answer 403 is not offered. */
export const TAB_NEEDS: Readonly<Record<Tab, string>> = {
  layers: 'layers:read',
  check: 'checks:run',
  propose: 'checks:run',
  routes: 'routes:read',
  plan: 'plans:read',
  space: 'layers:read',
  import: 'imports:run',
};

/**
 * The tabs this caller's role can use, in their order; all of them while the session is unknown (the server still
 * refuses what the role may not do).
 *
 * @example usableTabs({ session: { grants: { 'layers:read': 'all', 'plans:read': 'all' } } }) // ['layers', 'plan', 'space']
 */
export function usableTabs(state: Pick<AppState, 'session'>): Tab[] {
  return state.session ? TABS.filter((tab) => may(state, TAB_NEEDS[tab])) : [...TABS];
}

/** True when the server documents `path` (OpenAPI form, e.g. `/api/checks`). */
export function offers(state: Pick<AppState, 'paths'>, path: string): boolean {
  return state.paths.includes(path);
}

/** The union of layer extents, for "zoom to all"; null when every layer is empty. */
export function fullExtent(summaries: readonly LayerSummary[]): [number, number, number, number] | null {
  const extents = summaries.map((s) => s.extent).filter((e): e is [number, number, number, number] => e !== null);
  if (extents.length === 0) return null;
  return [
    Math.min(...extents.map((e) => e[0])),
    Math.min(...extents.map((e) => e[1])),
    Math.max(...extents.map((e) => e[2])),
    Math.max(...extents.map((e) => e[3])),
  ];
}
