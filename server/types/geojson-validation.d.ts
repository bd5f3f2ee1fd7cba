declare module 'geojson-validation' {
  /** With `trace` true every check returns its list of messages (empty when valid). */
  export function isGeometryObject(geometry: unknown, trace: true): string[] | boolean;
  export function isFeature(feature: unknown, trace: true): string[] | boolean;
}
