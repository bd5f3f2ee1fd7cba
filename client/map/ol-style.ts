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
  const fill = rule.hatch ? new Fill({ color: hatchPattern(rule.hatch, rule.fill) }) : rule.fill ? new Fill({ color: rule.fill }) : undefined;
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

/** Diagonal hatching over a background, as a repeating canvas pattern (falls back to the background without a canvas). */
function hatchPattern(colour: string, background = 'transparent'): CanvasPattern | string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 10;
  const c = canvas.getContext('2d');
  if (!c) return background;
  c.fillStyle = background;
  c.fillRect(0, 0, 10, 10);
  c.strokeStyle = colour;
  c.lineWidth = 2;
  c.beginPath();
  c.moveTo(0, 10);
  c.lineTo(10, 0);
  c.moveTo(-5, 5);
  c.lineTo(5, -5);
  c.moveTo(5, 15);
  c.lineTo(15, 5);
  c.stroke();
  return c.createPattern(canvas, 'repeat') ?? background;
}
