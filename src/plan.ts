// Pure geometry: from face boxes to the integer regions that get covered.
import type { Face, Rect } from './types.js';

/**
 * How far a tight face box grows, as fractions of its width/height. Detector boxes run roughly
 * from the brows to the chin; hair and forehead above, chin and jaw below and the ears beside
 * identify a person too, so the region grows more up and down than sideways.
 */
export const expansion = { side: 0.3, up: 0.5, down: 0.5 } as const;

export function expandBox(box: Rect): Rect {
  const dx = box.width * expansion.side;
  return {
    x: box.x - dx,
    y: box.y - box.height * expansion.up,
    width: box.width + 2 * dx,
    height: box.height * (1 + expansion.up + expansion.down),
  };
}

/** Integer rectangle inside [0,width)×[0,height) that contains the visible part of `r`; null when nothing is visible. */
export function clampRect(r: Rect, width: number, height: number): Rect | null {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(width, Math.ceil(r.x + r.width));
  const y1 = Math.min(height, Math.ceil(r.y + r.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

function touches(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function bounds(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * Replaces every group of overlapping or touching rectangles by their bounding box, until no two
 * touch: one covered patch per group, never a seam of original pixels between two faces.
 */
export function mergeRects(rects: Rect[]): Rect[] {
  let out = rects.map((r) => ({ ...r }));
  let changed = true;
  while (changed) {
    changed = false;
    const next: Rect[] = [];
    for (const r of out) {
      const i = next.findIndex((n) => touches(n, r));
      if (i >= 0) {
        next[i] = bounds(next[i]!, r);
        changed = true;
      } else {
        next.push(r);
      }
    }
    out = next;
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The regions to cover for `faces` in a width×height image; faces marked keep are left out. */
export function planRegions(faces: Face[], width: number, height: number): Rect[] {
  const rects: Rect[] = [];
  for (const f of faces) {
    if (f.keep) continue;
    const r = clampRect(expandBox(f.box), width, height);
    if (r) rects.push(r);
  }
  return mergeRects(rects);
}
