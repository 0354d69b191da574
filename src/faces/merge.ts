// Pure geometry for combining detections from several scales and tiles.
import type { Rect } from '../types.js';

export interface Detection {
  box: Rect; // upright image pixels, may be fractional
  score: number;
}

export function area(r: Rect): number {
  return Math.max(0, r.width) * Math.max(0, r.height);
}

export function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Rect, b: Rect): number {
  const i = intersection(a, b);
  return i === 0 ? 0 : i / (area(a) + area(b) - i);
}

/**
 * Non-maximum suppression across scales: the same face seen at two scales gives two boxes of
 * slightly different size, and one seen by a tile gives a box inside the whole-frame one. A box is
 * dropped when it overlaps a better-scored box by IoU ≥ `maxIou`, or when most of the smaller of
 * the two lies inside the other (`maxInside`).
 */
export function suppress(dets: Detection[], maxIou = 0.3, maxInside = 0.65): Detection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const d of sorted) {
    const clash = kept.some((k) => {
      const i = intersection(k.box, d.box);
      if (i === 0) return false;
      return i / (area(k.box) + area(d.box) - i) >= maxIou || i / Math.min(area(k.box), area(d.box)) >= maxInside;
    });
    if (!clash) kept.push(d);
  }
  return kept;
}
