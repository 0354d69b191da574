// Pure scoring helpers for the faces evaluation, on rasterised covers: what the covers hide
// (coverage per face) and what they spoil (collateral outside every face zone). The rules are the
// corpus' reference scorer's (../shared/corpus/score_cover.py), so the two agree on one report.
import type { Cover, Rect } from '../../src/types.js';
import { iou } from '../../src/util/rect.js';

/** A cover as reports give it; a bare rectangle counts as shape "rect". */
export type Region = Rect & { shape?: Cover['shape']; angle?: number };

/** Python's round(): halves to even, as the reference scorer rounds box edges. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The picture's pixels under any of `regions` (pixel centres inside an ellipse; whole pixels of a rectangle). */
export function rasterise(regions: Region[], width: number, height: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const r of regions) {
    const turned = r.shape === 'ellipse' && r.angle ? r.angle : 0;
    // A turned ellipse reaches past its box: rasterise within the circle around it, as the reference does.
    const reach = turned ? Math.hypot(r.width, r.height) / 2 : 0;
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    const x0 = Math.max(0, Math.floor(turned ? cx - reach : r.x));
    const y0 = Math.max(0, Math.floor(turned ? cy - reach : r.y));
    const x1 = Math.min(width, Math.ceil(turned ? cx + reach : r.x + r.width));
    const y1 = Math.min(height, Math.ceil(turned ? cy + reach : r.y + r.height));
    if (x1 <= x0 || y1 <= y0) continue;
    if (r.shape === 'ellipse') {
      const ax = Math.max(r.width / 2, 0.5);
      const ay = Math.max(r.height / 2, 0.5);
      const t = (turned * Math.PI) / 180;
      const [cos, sin] = [Math.cos(t), Math.sin(t)];
      for (let y = y0; y < y1; y++) {
        const dy = y + 0.5 - cy;
        for (let x = x0; x < x1; x++) {
          const dx = x + 0.5 - cx;
          const u = (dx * cos + dy * sin) / ax;
          const v = (-dx * sin + dy * cos) / ay;
          if (u * u + v * v <= 1) m[y * width + x] = 1;
        }
      }
    } else {
      for (let y = y0; y < y1; y++) m.fill(1, y * width + x0, y * width + x1);
    }
  }
  return m;
}

/** Share of the box's pixels (edges rounded as the reference does) that are set in `mask`; null for a box with no pixels. */
export function boxShare(box: Rect, mask: Uint8Array, width: number, height: number): number | null {
  const x0 = Math.max(0, roundHalfEven(box.x));
  const y0 = Math.max(0, roundHalfEven(box.y));
  const x1 = Math.min(width, roundHalfEven(box.x + box.width));
  const y1 = Math.min(height, roundHalfEven(box.y + box.height));
  if (x1 <= x0 || y1 <= y0) return null;
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) n += mask[y * width + x]!;
  return n / ((x1 - x0) * (y1 - y0));
}

/** Fraction of `box` under `regions` (for tests that check one face). */
export function coveredFraction(box: Rect, regions: Region[]): number {
  const width = Math.ceil(Math.max(box.x + box.width, ...regions.map((r) => r.x + r.width))) + 1;
  const height = Math.ceil(Math.max(box.y + box.height, ...regions.map((r) => r.y + r.height))) + 1;
  return boxShare(box, rasterise(regions, width, height), width, height) ?? 0;
}

/** The face zones: each annotated box grown by half its width on each side and 70 % of its height up and down. */
export function faceZones(truth: Rect[], width: number, height: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const b of truth) {
    const x0 = Math.max(0, Math.floor(b.x - 0.5 * b.width));
    const x1 = Math.min(width, Math.ceil(b.x + 1.5 * b.width));
    const y0 = Math.max(0, Math.floor(b.y - 0.7 * b.height));
    const y1 = Math.min(height, Math.ceil(b.y + 1.7 * b.height));
    for (let y = y0; y < y1; y++) if (x1 > x0) m.fill(1, y * width + x0, y * width + x1);
  }
  return m;
}

/** Shares of the picture: covered, and covered outside every face zone (the collateral). */
export function spoiled(mask: Uint8Array, zones: Uint8Array): { covered: number; collateral: number } {
  let covered = 0;
  let collateral = 0;
  for (let i = 0; i < mask.length; i++) {
    covered += mask[i]!;
    if (mask[i] && !zones[i]) collateral++;
  }
  return { covered: covered / mask.length, collateral: collateral / mask.length };
}

/** Share of the picture set in `mask`. */
export function maskShare(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return mask.length ? n / mask.length : 0;
}

/** Is the point inside the region (as rasterise draws it)? */
function holds(r: Region, px: number, py: number): boolean {
  if (r.shape === 'ellipse') {
    const u = (px - r.x - r.width / 2) / Math.max(r.width / 2, 0.5);
    const v = (py - r.y - r.height / 2) / Math.max(r.height / 2, 0.5);
    return u * u + v * v <= 1;
  }
  return px >= r.x && px <= r.x + r.width && py >= r.y && py <= r.y + r.height;
}

const apart = (a: Rect, b: Rect) => !(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height);

/** Covers that hold the centres of two annotated faces whose boxes do not overlap: a slab over a group. */
export function mergedCovers(regions: Region[], truth: Rect[]): number {
  return regions.filter((r) => {
    const held = truth.filter((b) => b.width >= 4 && b.height >= 4 && holds(r, b.x + b.width / 2, b.y + b.height / 2));
    return held.some((a, i) => held.slice(i + 1).some((b) => apart(a, b)));
  }).length;
}

/** numpy.percentile's default (linear between closest ranks). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const k = ((s.length - 1) * p) / 100;
  const f = Math.floor(k);
  const c = Math.min(s.length - 1, f + 1);
  return s[f]! + (s[c]! - s[f]!) * (k - f);
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

/** Box mapped from the stored pixel grid to the upright image for EXIF orientation 1..8. */
export function orientBox(b: Rect, orientation: number, storedWidth: number, storedHeight: number): Rect {
  const W = storedWidth;
  const H = storedHeight;
  const { x, y, width: w, height: h } = b;
  switch (orientation) {
    case 2:
      return { x: W - x - w, y, width: w, height: h };
    case 3:
      return { x: W - x - w, y: H - y - h, width: w, height: h };
    case 4:
      return { x, y: H - y - h, width: w, height: h };
    case 5:
      return { x: y, y: x, width: h, height: w };
    case 6:
      return { x: H - y - h, y: x, width: h, height: w };
    case 7:
      return { x: H - y - h, y: W - x - w, width: h, height: w };
    case 8:
      return { x: y, y: W - x - w, width: h, height: w };
    default:
      return { ...b };
  }
}
