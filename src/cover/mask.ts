// Pure geometry: which pixels a cover paints, and how much. A pixel whose centre lies inside the
// cover's shape is painted fully (alpha 1): that is the zone the irreversibility promise is about.
// Outside it, within `feather` pixels, the cover fades into the photo, so the edge looks soft
// rather than cut out; nothing outside the shape is ever needed to hide a face.
import type { Cover, Rect } from '../types.js';
import { clampRect } from '../plan.js';

export interface Mask {
  /** The pixels the mask spans, clipped to the picture. */
  rect: Rect;
  /** rect.width × rect.height values, row by row: 1 inside the shape, fading to 0 outside. */
  alpha: Float32Array;
}

/**
 * The point (px, py) in the frame of an ellipse cover: (u, v) with u² + v² ≤ 1 inside, where the
 * ellipse is turned by `angle` degrees clockwise about its box's centre (y points down).
 */
function ellipseFrame(c: Cover, px: number, py: number): [number, number] {
  const dx = px - c.x - c.width / 2;
  const dy = py - c.y - c.height / 2;
  const t = ((c.angle ?? 0) * Math.PI) / 180;
  // Turning the point back by the ellipse's angle puts it in the ellipse's own axes.
  const along = dx * Math.cos(t) + dy * Math.sin(t);
  const across = -dx * Math.sin(t) + dy * Math.cos(t);
  return [along / Math.max(c.width / 2, 0.5), across / Math.max(c.height / 2, 0.5)];
}

/** Is the centre of pixel (x, y) inside the cover's shape? The same rule the reports are scored with. */
export function inside(c: Cover, x: number, y: number): boolean {
  const px = x + 0.5;
  const py = y + 0.5;
  if (c.shape === 'rect') return px >= c.x && px <= c.x + c.width && py >= c.y && py <= c.y + c.height;
  const [u, v] = ellipseFrame(c, px, py);
  return u * u + v * v <= 1;
}

/** The smallest rectangle holding the cover's shape: its box, or for a turned ellipse the box of the turned ellipse. */
export function coverBounds(c: Cover): Rect {
  if (c.shape === 'rect' || !c.angle) return { x: c.x, y: c.y, width: c.width, height: c.height };
  const t = (c.angle * Math.PI) / 180;
  const a = c.width / 2;
  const b = c.height / 2;
  const ex = Math.hypot(a * Math.cos(t), b * Math.sin(t));
  const ey = Math.hypot(a * Math.sin(t), b * Math.cos(t));
  const cx = c.x + a;
  const cy = c.y + b;
  return { x: cx - ex, y: cy - ey, width: 2 * ex, height: 2 * ey };
}

/** Distance in pixels from the centre of pixel (x, y) to the cover's shape (0 inside). */
function distance(c: Cover, x: number, y: number): number {
  const px = x + 0.5;
  const py = y + 0.5;
  if (c.shape === 'rect') {
    const dx = Math.max(c.x - px, 0, px - c.x - c.width);
    const dy = Math.max(c.y - py, 0, py - c.y - c.height);
    return Math.hypot(dx, dy);
  }
  const [u, v] = ellipseFrame(c, px, py);
  const r = Math.hypot(u, v);
  // Along the ray from the centre, the boundary is at 1/r of the way: a close estimate of the
  // true distance for the feather's few pixels.
  return r <= 1 ? 0 : Math.hypot(px - c.x - c.width / 2, py - c.y - c.height / 2) * (1 - 1 / r);
}

/** The mask of cover `c` with an edge fading over `feather` pixels, in a width×height picture; null when it lies outside. */
export function coverMask(c: Cover, feather: number, width: number, height: number): Mask | null {
  const f = Math.max(0, feather);
  const b = coverBounds(c);
  const rect = clampRect({ x: b.x - f, y: b.y - f, width: b.width + 2 * f, height: b.height + 2 * f }, width, height);
  if (!rect) return null;
  const alpha = new Float32Array(rect.width * rect.height);
  let any = false;
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const gx = rect.x + x;
      const gy = rect.y + y;
      let v: number;
      if (inside(c, gx, gy)) v = 1;
      else if (f === 0) v = 0;
      else {
        const s = 1 - distance(c, gx, gy) / f;
        v = s <= 0 ? 0 : s * s * (3 - 2 * s);
      }
      alpha[y * rect.width + x] = v;
      if (v > 0) any = true;
    }
  }
  return any ? { rect, alpha } : null;
}
