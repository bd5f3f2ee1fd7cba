import Feature from 'ol/Feature.js';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls, ScaleLine } from 'ol/control.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import { buffer, createEmpty, extend, type Extent } from 'ol/extent.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import type LineString from 'ol/geom/LineString.js';
import Point from 'ol/geom/Point.js';
import Draw from 'ol/interaction/Draw.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { Geometry, Position } from 'geojson';
import type { SectionAssetInput } from '../core/cross-section.ts';
import { focusExtent, type DataArea, type SavedView } from '../core/first-view.ts';
import { conflictStyle, periodColour, TRENCH_STYLE } from '../core/styles.ts';
import type { AssetProperties, Conflict, LayerName, LayerSummary, Opening } from '../core/types.ts';
import { LAYER_NAMES } from '../core/types.ts';
import { assetLayer, BIG_LAYER, geojson, loadResolution, MAX_LOAD_RESOLUTION, type AssetLayer, type LayerLoader } from './asset-layers.ts';
import { basemapLayer, type BasemapConfig } from './basemap.ts';
import { coverageLayer, type CoverageLoader } from './coverage-layer.ts';
import { olStyle } from './ol-style.ts';
import { rdProjection } from './projection.ts';
import { exposeTestHook } from './test-hook.ts';
import type { TileLoader, TileOverview } from './tile-overview.ts';

export interface MapOptions {
  target: HTMLElement;
  load: LayerLoader;
  loadCoverage: CoverageLoader;
  summaries: readonly LayerSummary[];
  basemap: BasemapConfig | null;
  onSelect: (selection: { layer: LayerName; id: string; properties: Partial<AssetProperties> } | null) => void;
  /** Vector tiles for the zoomed-out overview; without it the map shows nothing beyond MAX_LOAD_RESOLUTION. */
  loadTile?: TileLoader;
}

/** What the UI may ask of the map; OpenLayers stays behind this interface. */
export type MapView = ReturnType<typeof createMapView>;

/** Rotterdam Bospolder-Tussendijken: where the map opens when the store is empty. */
const HOME: [number, number] = [89_500, 436_000];

export function createMapView({ target, load, loadCoverage, summaries, basemap, onSelect, loadTile }: MapOptions) {
  const projection = rdProjection();
  const summaryOf = (name: LayerName) => summaries.find((s) => s.layer === name);
  const countOf = (name: LayerName) => summaryOf(name)?.count ?? 0;
  // Per layer, the coarsest resolution its features are fetched at. With tiles to fall back on, a layer dense enough
  // to put more than a budget of features in one view (a whole city's cables) is drawn from tiles until closer in.
  const loadResolutions = new globalThis.Map<LayerName, number>(
    LAYER_NAMES.map((name) => [name, loadTile ? loadResolution(countOf(name), summaryOf(name)?.extent) : MAX_LOAD_RESOLUTION]),
  );
  /** Where `layer`'s features (or, without one, every layer's) load one by one: clickable and checked. */
  const featuresFrom = (layer?: LayerName) => (layer ? loadResolutions.get(layer)! : Math.min(...loadResolutions.values()));
  let loadedAt = 0;
  const assets = new globalThis.Map<LayerName, AssetLayer>(
    LAYER_NAMES.map((name) => [
      name,
      assetLayer(name, load, { big: countOf(name) > BIG_LAYER, maxResolution: loadResolutions.get(name)!, onLoaded: () => (loadedAt = performance.now()) }),
    ]),
  );
  const base = basemap ? basemapLayer(basemap) : null;

  const coverage = coverageLayer(loadCoverage);

  const trenchSource = new VectorSource<Feature<OlGeometry>>();
  const trenchLayer = new VectorLayer({ source: trenchSource, style: olStyle(TRENCH_STYLE), zIndex: 30 });
  const conflictSource = new VectorSource<Feature<OlGeometry>>();
  const conflictLayer = new VectorLayer({
    source: conflictSource,
    zIndex: 20,
    style: (f) => olStyle({ ...conflictStyle(f.get('severity')), ...(f.get('focus') ? { width: 11, radius: 13 } : {}) }),
  });
  // The feature last clicked, drawn over everything with a halo so it stands out from its neighbours.
  const selectedSource = new VectorSource<Feature<OlGeometry>>();
  const selectedLayer = new VectorLayer({
    source: selectedSource,
    zIndex: 25,
    // A stroke for lines and outlines, a ring for points (trees, a point station): each applies to its own kind.
    style: [
      olStyle({ kind: 'line', stroke: '#ffdd00', width: 12, opacity: 0.9, zIndex: 25 }),
      olStyle({ kind: 'point', stroke: '#111111', width: 3, fill: '#ffdd00', radius: 10, opacity: 1, zIndex: 26 }),
    ],
  });
  const openingSource = new VectorSource<Feature<OlGeometry>>();
  const openingLayer = new VectorLayer({
    source: openingSource,
    zIndex: 15,
    style: (f) => olStyle({ kind: 'polygon', stroke: f.get('colour'), width: f.get('active') ? 9 : 4, fill: `${f.get('colour')}${f.get('active') ? '88' : '22'}`, opacity: f.get('active') ? 0.95 : 0.35, zIndex: 15 }),
  });

  const map = new Map({
    target,
    layers: [...(base ? [base] : []), ...[...assets.values()].map((a) => a.layer), coverage.layer, openingLayer, conflictLayer, selectedLayer, trenchLayer],
    controls: defaultControls({ attributionOptions: { collapsible: true } }).extend([new ScaleLine({ units: 'metric' })]),
    // OpenLayers' own default is onFocusOnly: true, which, because #map has a tabindex (for keyboard panning), left
    // wheel zoom and drag-pan dead until the map had been clicked once. The keys still need focus; the mouse does not.
    interactions: defaultInteractions({ onFocusOnly: false }),
    view: new View({ projection, center: HOME, resolution: 1, maxResolution: 3440.64, constrainResolution: false }),
  });

  // The tile overview (with the MVT reader) is fetched the first time the view is that far out: most visits
  // stay in a street and never need it, and the first paint should not wait for it.
  let overview: TileOverview | null = null;
  const hiddenLayers = new Set<LayerName>();
  if (loadTile) {
    const view = map.getView();
    const whenFar = () => {
      if ((view.getResolution() ?? 0) <= featuresFrom()) return;
      view.un('change:resolution', whenFar);
      import('./tile-overview.ts').then(
        ({ addTileOverview }) => (overview = addTileOverview(map, LAYER_NAMES, loadTile, hiddenLayers, loadResolutions)),
        () => view.on('change:resolution', whenFar),
      );
    };
    view.on('change:resolution', whenFar);
  }

  map.on('singleclick', (event) => {
    if (drawing) return;
    // Of everything within the tolerance, the feature nearest to the click: lines 0.6 m apart are a pixel apart.
    let best: { distance: number; geometry: OlGeometry; pick: { layer: LayerName; id: string; properties: Partial<AssetProperties> } } | null = null;
    map.forEachFeatureAtPixel(
      event.pixel,
      (feature, layer) => {
        const name = layer?.get('asset') as LayerName | undefined;
        const geometry = feature.getGeometry();
        if (!name || !geometry || !('getClosestPoint' in geometry)) return;
        const [x, y] = geometry.getClosestPoint(event.coordinate);
        const distance = Math.hypot(x! - event.coordinate[0]!, y! - event.coordinate[1]!);
        if (best && best.distance <= distance) return;
        const { geometry: _geometry, ...properties } = feature.getProperties();
        best = { distance, geometry, pick: { layer: name, id: String(feature.getId()), properties: properties as Partial<AssetProperties> } };
      },
      { hitTolerance: 5 },
    );
    const chosen = best as { geometry: OlGeometry; pick: Parameters<MapOptions['onSelect']>[0] } | null;
    selectedSource.clear();
    if (chosen) selectedSource.addFeature(new Feature(chosen.geometry.clone()));
    onSelect(chosen?.pick ?? null);
  });

  let drawing: Draw | null = null;
  /** Settles the pending drawLine() with null when the drawing is cancelled before it ends. */
  let cancelled: (() => void) | null = null;
  /** Where the data lies (coverage areas), so zooming to a country-wide extent lands on its densest part. */
  let dataAreas: readonly DataArea[] = [];
  const fit = (extent: Extent, maxZoomResolution = 0.1) => {
    map.getView().fit(buffer(extent, 5), { padding: [40, 40, 40, 40], minResolution: maxZoomResolution, duration: 0 });
  };

  const view = {
    map,
    setLayerVisible(name: LayerName, visible: boolean) {
      assets.get(name)?.layer.setVisible(visible);
      if (visible) hiddenLayers.delete(name);
      else hiddenLayers.add(name);
      overview?.setVisible(name, visible);
    },
    /** Shows or hides the coverage areas and precaution zones. */
    setCoverageVisible(visible: boolean) {
      coverage.layer.setVisible(visible);
    },
    setBasemap(visible: boolean) {
      base?.setVisible(visible);
    },
    /** The coarsest resolution at which every layer's features load one by one (below it some come from tiles). */
    featuresFrom: () => featuresFrom(),
    /**
     * Fits an extent (all data, one layer's), but never beyond the resolution features load at: a larger extent
     * lands on its densest part (see focusExtent), for `layer` on the areas covering that layer. Says which.
     */
    zoomToExtent(extent: readonly [number, number, number, number], layer?: LayerName): 'whole' | 'densest' {
      const [w = 800, h = 600] = map.getSize() ?? [];
      const target = focusExtent([...extent], dataAreas, [Math.max(1, w - 80), Math.max(1, h - 80)], featuresFrom(layer), layer);
      fit(target);
      return target.every((v, i) => v === extent[i]) ? 'whole' : 'densest';
    },
    setDataAreas(areas: readonly DataArea[]) {
      dataAreas = areas;
    },
    /** Opens where the reader last looked. */
    restoreView({ center, resolution }: SavedView) {
      map.getView().setCenter(center);
      map.getView().setResolution(resolution);
    },
    currentView(): SavedView | null {
      const center = map.getView().getCenter();
      const resolution = map.getView().getResolution();
      return center && resolution ? { center: [round(center[0]!), round(center[1]!)], resolution } : null;
    },
    zoomToGeometry(geometry: Geometry) {
      const feature = geojson.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature<OlGeometry>;
      const extent = feature.getGeometry()?.getExtent();
      if (extent) fit(buffer(extent, 10));
    },
    /**
     * Starts drawing a trench line; resolves with its RD coordinates when the user double-clicks, or with null when
     * the drawing is cancelled (Escape, the cancel button, another tab).
     */
    drawLine(): Promise<Position[] | null> {
      view.cancelDraw();
      trenchSource.clear();
      const draw = new Draw({ source: trenchSource, type: 'LineString', style: olStyle(TRENCH_STYLE) });
      drawing = draw;
      map.addInteraction(draw);
      return new Promise((resolve) => {
        cancelled = () => resolve(null);
        draw.once('drawend', (event) => {
          cancelled = null;
          const geometry = event.feature.getGeometry() as LineString;
          // Leave the click that ended the drawing before selection is possible again.
          setTimeout(() => view.cancelDraw(), 0);
          resolve(geometry.getCoordinates().map(([x, y]) => [round(x!), round(y!)]));
        });
      });
    },
    /** Drops the highlight of the clicked feature (the information panel was closed). */
    clearSelected() {
      selectedSource.clear();
    },
    cancelDraw() {
      if (drawing) {
        drawing.abortDrawing();
        map.removeInteraction(drawing);
      }
      drawing = null;
      const pending = cancelled;
      cancelled = null;
      pending?.();
    },
    showTrench(geometry: Geometry | null, sectionAt?: Position | null) {
      trenchSource.clear();
      if (!geometry) return;
      trenchSource.addFeature(geojson.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature<OlGeometry>);
      if (sectionAt) {
        const marker = new Feature(new Point(sectionAt));
        marker.setStyle(olStyle({ kind: 'point', stroke: '#111111', width: 2, fill: '#ffdd00', radius: 7, opacity: 1, zIndex: 31 }));
        trenchSource.addFeature(marker);
      }
    },
    showConflicts(conflicts: readonly Conflict[], focus: number | null) {
      conflictSource.clear();
      conflictSource.addFeatures(
        conflicts.map((c, index) => {
          const feature = geojson.readFeature({ type: 'Feature', geometry: c.location, properties: { severity: c.severity, focus: index === focus } }) as Feature<OlGeometry>;
          feature.setId(index);
          return feature;
        }),
      );
    },
    showOpenings(openings: readonly Opening[], activeIds: ReadonlySet<string>, firstYear: number) {
      openingSource.clear();
      openingSource.addFeatures(
        openings.map((o) => {
          const feature = geojson.readFeature({ type: 'Feature', geometry: o.geometry, properties: { colour: periodColour(o.start, firstYear), active: activeIds.has(o.id) } }) as Feature<OlGeometry>;
          feature.setId(o.id);
          return feature;
        }),
      );
    },
    /** Line assets near a point, as plain GeoJSON for the cross-section. */
    assetsNear(point: Position, radius_m: number): SectionAssetInput[] {
      const extent = buffer([point[0]!, point[1]!, point[0]!, point[1]!], radius_m);
      return [...assets.values()].flatMap((a) =>
        a.source.getFeaturesInExtent(extent).map((f) => {
          const { geometry: _g, ...properties } = f.getProperties();
          return { id: String(f.getId()), layer: a.name, geometry: geojson.writeGeometryObject(f.getGeometry()!) as Geometry, properties };
        }),
      );
    },
    /** Drops every loaded feature and fetches again (after an import). */
    reload() {
      for (const a of assets.values()) a.source.refresh();
      coverage.source.refresh();
    },
    extentOfLoaded(): Extent | null {
      const extent = createEmpty();
      for (const a of assets.values()) if (a.source.getFeatures().length) extend(extent, a.source.getExtent() ?? createEmpty());
      return Number.isFinite(extent[0]) ? extent : null;
    },
    updateSize: () => map.updateSize(),
  };

  exposeTestHook(map, assets, { conflicts: conflictSource, openings: openingSource, trench: trenchSource, coverage: coverage.source, selected: selectedSource }, () => loadedAt);
  return view;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

