import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { SymbolStyle } from '../core/styles.ts';

const cache = new Map<string, Style>();

/** An OpenLayers Style for a plain style rule, cached by its content: thousands of features share a few objects. */
export function olStyle(rule: SymbolStyle): Style {
  const key = JSON.stringify(rule);
  const hit = cache.get(key);
  if (hit) return hit;
  const stroke = new Stroke({ color: withOpacity(rule.stroke, rule.opacity), width: rule.width, ...(rule.dash ? { lineDash: rule.dash } : {}) });
  const fill = rule.fill ? new Fill({ color: rule.fill }) : undefined;
  const style = new Style({
    stroke,
    ...(fill ? { fill } : {}),
    ...(rule.kind !== 'line' || rule.radius ? { image: new CircleStyle({ radius: rule.radius ?? 5, stroke, fill: fill ?? new Fill({ color: rule.stroke }) }) } : {}),
    zIndex: rule.zIndex,
  });
  cache.set(key, style);
  return style;
}

function withOpacity(colour: string, opacity: number): string {
  if (opacity >= 1 || !/^#[0-9a-f]{6}$/i.test(colour)) return colour;
  return colour + Math.round(opacity * 255).toString(16).padStart(2, '0');
}
