import { createApi, tokenFromUrl } from '../core/api.ts';
import { initialState, offers, usableTabs, fullExtent, type AppState, type Tab } from '../core/app-state.ts';
import { dataAreas, readSavedView } from '../core/first-view.ts';
import { LANGUAGES, translator, type Language } from '../core/i18n.ts';
import { createStore } from '../core/state.ts';
import { PDOK_BRT, type BasemapConfig } from '../map/basemap.ts';
import { createMapView, type MapView } from '../map/map-view.ts';
import type { FeatureCollection } from 'geojson';
import { checkPanel } from './check-panel.ts';
import type { Context, Panel } from './context.ts';
import { h, replace } from './dom.ts';
import { importPanel } from './import-panel.ts';
import { infoPanel } from './info-panel.ts';
import { layersPanel } from './layers-panel.ts';
import { planPanel } from './plan-panel.ts';
import { proposePanel } from './propose-panel.ts';
import { routesPanel } from './routes-panel.ts';
import { spacePanel } from './space-panel.ts';

/** The endpoint each tab needs; a tab whose endpoint the server does not document says so instead of failing. */
const NEEDS: Partial<Record<Tab, string>> = { check: '/api/checks', propose: '/api/routes/propose', routes: '/api/routes', plan: '/api/plans', space: '/api/space', import: '/api/imports' };

/**
 * Starts the client in `root`: token from the URL, language from `?lang=` or the last visit, basemap from
 * `?basemap=` (`off`, or a WMTS REST base URL; PDOK by default).
 */
export async function startApp(root: HTMLElement): Promise<void> {
  const url = new URL(location.href);
  const { token, cleanedUrl } = tokenFromUrl(url, sessionStorage);
  if (cleanedUrl) history.replaceState(null, '', cleanedUrl);
  // `?lang=en` in a link chooses the language (as the API's ?lang= does), then the last visit's, then Dutch.
  const spoken = (value: string | null): value is Language => (LANGUAGES as readonly string[]).includes(value ?? '');
  const asked = url.searchParams.get('lang');
  const remembered = localStorage.getItem('ondergrond.lang');
  const language: Language = spoken(asked) ? asked : spoken(remembered) ? remembered : 'nl';
  if (spoken(asked)) localStorage.setItem('ondergrond.lang', asked);
  const basemap = basemapConfig(url.searchParams.get('basemap'));
  const store = createStore<AppState>(initialState(language, basemap !== null));
  const api = createApi({ token, language: () => store.get().language });
  let t = translator(language);

  const header = h('header', {});
  const mapElement = h('div', { id: 'map', tabindex: 0, role: 'application' });
  const tabs = h('div', { role: 'tablist', class: 'tabs' });
  const panelHost = h('div', { class: 'panel-host', role: 'tabpanel', id: 'panel' });
  const message = h('div', { id: 'message', role: 'status', 'aria-live': 'polite' });
  const info = h('div', {});
  // On a phone the panel is a bottom sheet under the full-width map; this handle folds it down to its tabs.
  const sheetToggle = h('button', { type: 'button', id: 'panel-toggle', class: 'sheet-handle', 'aria-expanded': 'true', 'aria-controls': 'panel' });
  const aside = h('aside', { id: 'sheet' }, sheetToggle, tabs, message, panelHost, info);
  root.replaceChildren(header, h('main', {}, mapElement, aside));
  const showSheet = (open: boolean) => {
    aside.classList.toggle('collapsed', !open);
    sheetToggle.setAttribute('aria-expanded', String(open));
    sheetToggle.textContent = translator(store.get().language)(open ? 'layout.hidePanel' : 'layout.showPanel');
  };
  sheetToggle.addEventListener('click', () => showSheet(aside.classList.contains('collapsed')));
  showSheet(true);

  if (!token) {
    replace(message, h('p', { class: 'error' }, t('auth.missing')));
    return;
  }
  const [summaries, paths, session, rules] = await Promise.all([api.layers().catch(() => []), api.paths().catch(() => []), api.session().catch(() => null), api.rules().catch(() => null)]);
  store.set({ summaries, paths, session, rules });

  // The server draws vector tiles: zoomed out, the map shows an overview of every layer rather than nothing.
  const overview = paths.some((p) => p.startsWith('/api/tiles'));
  const map = createMapView({
    target: mapElement,
    load: (layer, bbox) => api.layer(layer, bbox),
    loadCoverage: (bbox) => api.coverage(bbox),
    summaries,
    basemap,
    onSelect: (selected) => store.set({ selected }),
    ...(overview ? { loadTile: (path: string) => api.tile(path) } : {}),
  });
  const ctx: Context = { store, api, map, get t() { return t; } };
  // Zoomed out beyond where assets load, the map says so: with tiles that it is an overview, else that it is empty.
  const zoomHint = h('div', { id: 'zoom-hint', class: 'map-hint', role: 'status', hidden: true });
  mapElement.append(zoomHint);
  const showZoomHint = () => {
    const far = (map.map.getView().getResolution() ?? 0) > map.featuresFrom();
    zoomHint.hidden = !far;
    replace(zoomHint, far
      ? [t(overview ? 'map.zoomInOverview' : 'map.zoomIn'), ' ', h('button', { type: 'button', id: 'zoom-in-assets', onclick: () => zoomToData() }, t('map.zoomInButton'))]
      : null);
  };
  map.map.getView().on('change:resolution', showZoomHint);
  // To the data when the server knows where it is; else in on the same place.
  const zoomToData = () => {
    const extent = fullExtent(store.get().summaries);
    if (extent) map.zoomToExtent(extent);
    else map.map.getView().animate({ resolution: map.featuresFrom() / 2, duration: 250 });
  };
  const panels: Record<Tab, Panel> = { layers: layersPanel(ctx), check: checkPanel(ctx), propose: proposePanel(ctx), routes: routesPanel(ctx), plan: planPanel(ctx), space: spacePanel(ctx), import: importPanel(ctx) };
  const infoView = infoPanel(ctx);
  info.append(infoView.element);

  const renderChrome = (state: AppState) => {
    // The button's name is its visible text ("English"), as speech control needs; "Taal" describes it (axe
    // label-content-name-mismatch: an aria-label of "Taal" hid the word on the button).
    replace(header,
      h('h1', {}, t('app.title'), ' ', h('small', {}, t('app.subtitle'))),
      h('button', { type: 'button', id: 'language', lang: state.language === 'nl' ? 'en' : 'nl', title: t('lang.label'), onclick: () => store.set((s) => ({ language: s.language === 'nl' ? 'en' : 'nl' })) }, t('lang.switch')));
    const usable = usableTabs(state);
    replace(tabs, usable.map((tab) => h('button', {
      type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-selected': String(state.tab === tab), 'aria-controls': 'panel', tabindex: state.tab === tab ? 0 : -1,
      onclick: () => store.set({ tab }),
      onkeydown: (e: Event) => arrowKeys(e as KeyboardEvent, usable, tab, (next) => { store.set({ tab: next }); document.getElementById(`tab-${next}`)?.focus(); }),
    }, t(`tab.${tab}`))));
    document.documentElement.lang = state.language;
    document.title = t('app.title');
  };

  const render = (state: AppState, previous: AppState | null) => {
    if (!previous || state.language !== previous.language || state.tab !== previous.tab || state.session !== previous.session) renderChrome(state);
    if (!previous || state.tab !== previous.tab || state.language !== previous.language) {
      const need = NEEDS[state.tab];
      replace(panelHost, panels[state.tab].element, need && state.paths.length && !offers(state, need) ? h('p', { class: 'error', id: 'unavailable' }, t('error.unavailable')) : null);
    }
    for (const panel of Object.values(panels)) panel.update(state, previous);
    infoView.update(state, previous);
    if (!previous || state.message !== previous.message) replace(message, state.message ? h('p', { class: state.message.kind }, state.message.text) : null);
    if (!previous || state.visible !== previous.visible) for (const [layer, on] of Object.entries(state.visible)) map.setLayerVisible(layer as never, on);
    if (!previous || state.basemap !== previous.basemap) map.setBasemap(state.basemap);
    if (!previous || state.coverage !== previous.coverage) map.setCoverageVisible(state.coverage);
    if (!previous || state.check !== previous.check || state.focus !== previous.focus) map.showConflicts(state.check?.report.conflicts ?? [], state.focus);
    if (previous && state.selected !== previous.selected && !state.selected) map.clearSelected();
    // A tapped feature or a chosen tab opens a folded sheet, and on a phone the information is scrolled to.
    if (previous && ((state.selected && state.selected !== previous.selected) || state.tab !== previous.tab)) showSheet(true);
    if (previous && state.selected && state.selected !== previous.selected && matchMedia('(max-width: 640px)').matches) info.scrollIntoView({ block: 'nearest' });
    if (!previous || state.language !== previous.language) showSheet(!aside.classList.contains('collapsed'));
  };
  store.subscribe((state, previous) => {
    if (state.language !== previous.language) {
      t = translator(state.language);
      localStorage.setItem('ondergrond.lang', state.language);
      showZoomHint();
    }
    render(state, previous);
  });
  render(store.get(), null);
  await openOnData(map, fullExtent(summaries), () => api.coverage(fullExtent(summaries)!));
  showZoomHint();
}

const VIEW_KEY = 'ondergrond.view';

/**
 * The first view: where the reader last looked, else the data, and with data across the country its densest part
 * at a resolution where features load (an import in Groningen and one in Rotterdam would otherwise open on an empty
 * map at 265 m/px). The view is remembered on every move for the next visit.
 */
async function openOnData(map: MapView, extent: [number, number, number, number] | null, coverage: () => Promise<FeatureCollection>): Promise<void> {
  const saved = readSavedView(localStorage.getItem(VIEW_KEY));
  // The areas make "zoom to all" and ⤢ land on the data too; without them those fall back to the extent's centre.
  const areas = extent ? coverage().then(dataAreas, () => []) : Promise.resolve([]);
  // The demo district or one city fits at once; only a spread-out store waits for the areas to find its densest part.
  const landed = saved ? (map.restoreView(saved), 'saved') : extent ? map.zoomToExtent(extent) : 'home';
  map.setDataAreas(await areas);
  if (landed === 'densest' && extent) map.zoomToExtent(extent);
  map.map.on('moveend', () => {
    const view = map.currentView();
    if (view) localStorage.setItem(VIEW_KEY, JSON.stringify(view));
  });
}

function arrowKeys(event: KeyboardEvent, tabs: readonly Tab[], tab: Tab, go: (tab: Tab) => void) {
  const index = tabs.indexOf(tab);
  if (event.key === 'ArrowRight') go(tabs[(index + 1) % tabs.length]!);
  else if (event.key === 'ArrowLeft') go(tabs[(index + tabs.length - 1) % tabs.length]!);
}

function basemapConfig(value: string | null): BasemapConfig | null {
  if (value === 'off') return null;
  if (value && /^https:\/\//.test(value)) return { ...PDOK_BRT, url: value.replace(/\/$/, '') };
  return PDOK_BRT;
}
