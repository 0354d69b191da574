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
 * Non-maximum suppression across scales and detectors, keeping the union: the same face seen at
 * two scales gives two boxes of slightly different size, a tile may see only part of a face, and
 * two detectors draw their boxes differently. Boxes are taken best score first; every remaining box
 * that overlaps the taken one by IoU ≥ `maxIou`, or lies mostly inside it or around it
 * (intersection ≥ `maxInside` of the smaller box), joins it, and the face's box becomes their
 * bounding box: when in doubt, the larger cover.
 */
export function suppress(dets: Detection[], maxIou = 0.3, maxInside = 0.65): Detection[] {
  const left = [...dets].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  while (left.length > 0) {
    const seed = left.shift()!;
    let box = seed.box;
    for (let i = left.length - 1; i >= 0; i--) {
      const other = left[i]!.box;
      const inter = intersection(seed.box, other);
      if (inter === 0) continue;
      const overlap = inter / (area(seed.box) + area(other) - inter);
      if (overlap >= maxIou || inter / Math.min(area(seed.box), area(other)) >= maxInside) {
        box = bounds(box, other);
        left.splice(i, 1);
      }
    }
    kept.push({ box, score: seed.score });
  }
  return kept;
}

function bounds(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
