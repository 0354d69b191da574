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

/** One face as several passes saw it: the detections of it merged. */
export interface Candidate {
  /** The bounding box of all its detections: when in doubt, the larger cover. */
  box: Rect;
  /** Its best detection's score, and that detection's own box. */
  score: number;
  seed: Rect;
  /** The bounding box of the detections that match the best one closely (IoU ≥ maxIou): the face itself, without a larger box that took it in. */
  core: Rect;
  /** Those same detections' boxes averaged, weighted by score: where the passes agree the face is. */
  mean: Rect;
  /** Per pass, the best score among its detections from that pass (0: that pass did not see it). */
  best: number[];
}

/**
 * Non-maximum suppression across scales and detectors, keeping the union: the same face seen at
 * two scales gives two boxes of slightly different size, a tile may see only part of a face, and
 * two detectors draw their boxes differently. Detections are taken best score first; every
 * remaining one that overlaps the taken one by IoU ≥ `maxIou`, or lies mostly inside it or around
 * it (intersection ≥ `maxInside` of the smaller box), joins it. `perPass` holds each pass's
 * detections; a candidate remembers which passes saw it, and how surely.
 */
export function group(perPass: Detection[][], maxIou = 0.3, maxInside = 0.65): Candidate[] {
  const left = perPass.flatMap((dets, pass) => dets.map((d) => ({ ...d, pass }))).sort((a, b) => b.score - a.score);
  const out: Candidate[] = [];
  while (left.length > 0) {
    const seed = left.shift()!;
    const best = perPass.map(() => 0);
    best[seed.pass] = seed.score;
    let box = seed.box;
    let core = seed.box;
    const sum = {
      x: seed.box.x * seed.score,
      y: seed.box.y * seed.score,
      width: seed.box.width * seed.score,
      height: seed.box.height * seed.score,
      w: seed.score,
    };
    for (let i = left.length - 1; i >= 0; i--) {
      const other = left[i]!;
      const inter = intersection(seed.box, other.box);
      if (inter === 0) continue;
      const overlap = inter / (area(seed.box) + area(other.box) - inter);
      if (overlap >= maxIou || inter / Math.min(area(seed.box), area(other.box)) >= maxInside) {
        box = bounds(box, other.box);
        if (overlap >= maxIou) {
          core = bounds(core, other.box);
          for (const k of ['x', 'y', 'width', 'height'] as const) sum[k] += other.box[k] * other.score;
          sum.w += other.score;
        }
        best[other.pass] = Math.max(best[other.pass]!, other.score);
        left.splice(i, 1);
      }
    }
    const mean = { x: sum.x / sum.w, y: sum.y / sum.w, width: sum.width / sum.w, height: sum.height / sum.w };
    out.push({ box, score: seed.score, seed: seed.box, core, mean, best });
  }
  return out;
}

function bounds(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
