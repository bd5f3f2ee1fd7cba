/**
 * Features sent without an owner belong to the sender's organisation: a Feature, or each Feature of a
 * FeatureCollection, gets `properties.owner` when it has none. Anything else passes unchanged to its validator,
 * which says what is wrong with it.
 *
 * @example withOwner({ type: 'Feature', properties: {}, geometry }, 'Eneco').properties.owner // 'Eneco'
 */
export function withOwner(body: unknown, organisation: string): unknown {
  const fill = (f: unknown) => {
    if (typeof f !== 'object' || f === null) return f;
    const feature = f as { properties?: Record<string, unknown> | null };
    if (feature.properties && typeof feature.properties === 'object' && feature.properties.owner === undefined) {
      return { ...feature, properties: { ...feature.properties, owner: organisation } };
    }
    return f;
  };
  const collection = body as { features?: unknown };
  if (typeof body === 'object' && body !== null && Array.isArray(collection.features)) return { ...collection, features: collection.features.map(fill) };
  return fill(body);
}
