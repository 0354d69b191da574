// Pure scoring helpers for the faces evaluation: coverage, IoU matching, size buckets.
import type { Rect } from '../../src/types.js';

/** Fraction of `box`'s pixels that lie inside the union of `regions` (regions may overlap). */
export function coveredFraction(box: Rect, regions: Rect[]): number {
  const x0 = Math.floor(box.x);
  const y0 = Math.floor(box.y);
  const x1 = Math.ceil(box.x + box.width);
  const y1 = Math.ceil(box.y + box.height);
  const near = regions.filter((r) => r.x < x1 && r.x + r.width > x0 && r.y < y1 && r.y + r.height > y0);
  if (x1 <= x0 || y1 <= y0) return 0;
  let inside = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (near.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)) inside++;
    }
  }
  return inside / ((x1 - x0) * (y1 - y0));
}

export function iou(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const i = w * h;
  return i / (a.width * a.height + b.width * b.height - i);
}

/**
 * One-to-one matching of detections to annotated boxes, best IoU first (the detection
 * benchmarks' convention). Returns, per annotated box, whether some detection matched it at ≥ minIou.
 */
export function matchAtIou(truth: Rect[], dets: Rect[], minIou = 0.5): boolean[] {
  const pairs: { t: number; d: number; v: number }[] = [];
  truth.forEach((t, ti) =>
    dets.forEach((d, di) => {
      const v = iou(t, d);
      if (v >= minIou) pairs.push({ t: ti, d: di, v });
    }),
  );
  pairs.sort((a, b) => b.v - a.v);
  const matched = truth.map(() => false);
  const used = new Set<number>();
  for (const p of pairs) {
    if (matched[p.t] || used.has(p.d)) continue;
    matched[p.t] = true;
    used.add(p.d);
  }
  return matched;
}

export const buckets = ['<10', '10-20', '20-50', '>=50'] as const;
export type Bucket = (typeof buckets)[number];

/** Size bucket of an annotated face, by its width in pixels. */
export function bucketOf(box: Rect): Bucket {
  if (box.width < 10) return '<10';
  if (box.width < 20) return '10-20';
  if (box.width < 50) return '20-50';
  return '>=50';
}

/** Regions that overlap none of the annotated boxes (a lower bound on false positives). */
export function falseRegions(regions: Rect[], truth: Rect[]): number {
  return regions.filter((r) => truth.every((t) => iou(r, t) === 0)).length;
}

/** Faces that overlap none of the annotated boxes: what the report counts as faces but are not (a lower bound). */
export function falseFaces(faces: Rect[], truth: Rect[]): number {
  return faces.filter((f) => truth.every((t) => iou(f, t) === 0)).length;
}

/** Fraction of a width×height picture inside the union of `regions` (integer rectangles, may overlap). */
export function coveredArea(regions: Rect[], width: number, height: number): number {
  const mask = new Uint8Array(width * height);
  let inside = 0;
  for (const r of regions) {
    for (let y = Math.max(0, r.y); y < Math.min(height, r.y + r.height); y++) {
      for (let x = Math.max(0, r.x); x < Math.min(width, r.x + r.width); x++) {
        if (mask[y * width + x] === 0) {
          mask[y * width + x] = 1;
          inside++;
        }
      }
    }
  }
  return inside / (width * height);
}

/** Box mapped from the stored pixel grid to the upright image for EXIF orientation 1..8. */
export function orientBox(b: Rect, orientation: number, storedWidth: number, storedHeight: number): Rect {
  const W = storedWidth;
  const H = storedHeight;
  const { x, y, width: w, height: h } = b;
  switch (orientation) {
    case 2: return { x: W - x - w, y, width: w, height: h };
    case 3: return { x: W - x - w, y: H - y - h, width: w, height: h };
    case 4: return { x, y: H - y - h, width: w, height: h };
    case 5: return { x: y, y: x, width: h, height: w };
    case 6: return { x: H - y - h, y: x, width: h, height: w };
    case 7: return { x: H - y - h, y: W - x - w, width: h, height: w };
    case 8: return { x: y, y: W - x - w, width: h, height: w };
    default: return { ...b };
  }
}
