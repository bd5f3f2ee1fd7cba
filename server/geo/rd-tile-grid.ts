import type { BBox } from './crs.ts';

// The Dutch national tile matrix set for RD New (Geonovum "Nederlandse richtlijn tiling"), the one the PDOK basemap
// uses: one tile of 256 px at level 0 covering the validity extent, resolutions halving per level. Server (vector
// tiles) and client (basemap, tile overview) read the grid from here, so their tiles line up.

/** Validity extent of the tiling scheme, RD New metres; its top-left corner is the grid's origin. */
export const RD_TILE_EXTENT: BBox = [-285_401.92, 22_598.08, 595_401.92, 903_401.92];
/** Top-left corner of tile 0/0/0, RD New metres; tile rows count downwards from it. */
export const RD_TILE_ORIGIN: [number, number] = [RD_TILE_EXTENT[0], RD_TILE_EXTENT[3]];
/** Pixels along a tile's side. */
export const RD_TILE_SIZE = 256;
/** The deepest level of the matrix set. */
export const RD_MAX_ZOOM = 16;
/** Metres per pixel at each level 0–16: 3440.64 at level 0, halving per level. */
export const RD_RESOLUTIONS: readonly number[] = Array.from({ length: RD_MAX_ZOOM + 1 }, (_, z) => 3440.64 / 2 ** z);

/** A tile of the RD grid: level, column from the left, row from the top. */
export interface RdTile {
  z: number;
  x: number;
  y: number;
}

/**
 * Whether z/x/y names a tile of the grid: whole numbers, level 0–16, column and row inside the 2^z × 2^z tiles.
 *
 * @example isRdTile({ z: 1, x: 1, y: 0 }) // true
 * @example isRdTile({ z: 1, x: 2, y: 0 }) // false: level 1 has columns 0 and 1
 */
export function isRdTile({ z, x, y }: RdTile): boolean {
  if (![z, x, y].every(Number.isInteger) || z < 0 || z > RD_MAX_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && y >= 0 && x < n && y < n;
}

/**
 * A tile's bounds in RD New metres, [minx, miny, maxx, maxy].
 *
 * @example rdTileBounds({ z: 0, x: 0, y: 0 }) // [-285401.92, 22598.08, 595401.92, 903401.92]
 */
export function rdTileBounds({ z, x, y }: RdTile): BBox {
  const span = RD_TILE_SIZE * RD_RESOLUTIONS[z]!;
  const minX = RD_TILE_ORIGIN[0] + x * span;
  const maxY = RD_TILE_ORIGIN[1] - y * span;
  return [minX, maxY - span, minX + span, maxY];
}

/**
 * The tiles of level `z` that meet `bbox` (RD New), row by row: what a map showing that box at that level asks for.
 *
 * @example rdTilesCovering([90_000, 435_000, 91_000, 436_000], 10) // [{ z: 10, x: 436, y: 543 }, { z: 10, x: 437, y: 543 }, …] (four tiles)
 */
export function rdTilesCovering(bbox: BBox, z: number): RdTile[] {
  const span = RD_TILE_SIZE * RD_RESOLUTIONS[z]!;
  const n = 2 ** z;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  const x0 = clamp(Math.floor((bbox[0] - RD_TILE_ORIGIN[0]) / span));
  const x1 = clamp(Math.floor((bbox[2] - RD_TILE_ORIGIN[0]) / span));
  const y0 = clamp(Math.floor((RD_TILE_ORIGIN[1] - bbox[3]) / span));
  const y1 = clamp(Math.floor((RD_TILE_ORIGIN[1] - bbox[1]) / span));
  const tiles: RdTile[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  return tiles;
}
