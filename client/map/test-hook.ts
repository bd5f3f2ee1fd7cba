import type Map from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import type { LayerName } from '../core/types.ts';
import type { AssetLayer } from './asset-layers.ts';

/**
 * A read-only window onto what the map drew, for the browser tests and the benchmark: counts per layer of features
 * loaded and of features the renderer styled, frames rendered, and pixel ↔ RD conversion so a test can click on a
 * known coordinate. It changes nothing.
 */
export interface TestHook {
  loaded: Record<string, number>;
  rendered: Record<string, number>;
  overlays: Record<string, number>;
  frames: number;
  /** Milliseconds each of the last 500 frames took to compose (precompose → postcompose). */
  frameMs: readonly number[];
  /** performance.now() of the last rendercomplete, 0 before the first. */
  renderCompleteAt: number;
  lastLoadAt: number;
  resolution: number | undefined;
  pixelFor(coordinate: [number, number]): [number, number] | null;
  coordinateFor(pixel: [number, number]): [number, number] | null;
}

declare global {
  interface Window {
    __ondergrond?: TestHook;
  }
}

export function exposeTestHook(
  map: Map,
  assets: ReadonlyMap<LayerName, AssetLayer>,
  overlays: Record<string, VectorSource>,
  lastLoad: () => number,
): void {
  let frames = 0;
  let renderCompleteAt = 0;
  const frameMs: number[] = [];
  let composing = 0;
  map.on('postrender', () => frames++);
  map.on('precompose', () => (composing = performance.now()));
  map.on('postcompose', () => {
    frameMs.push(performance.now() - composing);
    if (frameMs.length > 500) frameMs.shift();
  });
  map.on('rendercomplete', () => (renderCompleteAt = performance.now()));
  const hook: TestHook = {
    get loaded() {
      return Object.fromEntries([...assets].map(([name, a]) => [name, a.source.getFeatures().length]));
    },
    get rendered() {
      return Object.fromEntries([...assets].map(([name, a]) => [name, a.layer.getVisible() ? a.drawn.size : 0]));
    },
    get overlays() {
      return Object.fromEntries(Object.entries(overlays).map(([name, source]) => [name, source.getFeatures().length]));
    },
    get frames() {
      return frames;
    },
    get frameMs() {
      return [...frameMs];
    },
    get renderCompleteAt() {
      return renderCompleteAt;
    },
    get lastLoadAt() {
      return lastLoad();
    },
    get resolution() {
      return map.getView().getResolution();
    },
    pixelFor: (c) => (map.getPixelFromCoordinate(c) as [number, number] | null) ?? null,
    coordinateFor: (p) => (map.getCoordinateFromPixel(p) as [number, number] | null) ?? null,
  };
  Object.defineProperty(window, '__ondergrond', { value: Object.freeze(hook), configurable: false, writable: false });
}
