// Pure geometry: from face boxes to the covers painted over them. One head-shaped cover per face,
// never a box around several: a thin seam of photo between two heads identifies nobody, while a
// slab over a group spoils the photo, and a spoiled photo is one a parent posts uncovered.
import type { Cover, Face, Rect } from './types.js';

/**
 * How far a tight face box grows into the head's box, as fractions of its width/height. Detector
 * boxes run roughly from the brows to the chin; hair and forehead above, chin and jaw below and the
 * ears beside identify a person too. The cover is the ellipse inscribed in the grown box: it holds
 * the face box's corners ((0.5/0.8)² + (0.5/1)² < 1) and leaves the box's corners, which are
 * background or shoulders, alone.
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

/** The smallest integer rectangle holding `r` (not clipped: a head at the picture's edge keeps its shape). */
export function outward(r: Rect): Rect {
  const x = Math.floor(r.x);
  const y = Math.floor(r.y);
  return { x, y, width: Math.ceil(r.x + r.width) - x, height: Math.ceil(r.y + r.height) - y };
}

/** Below this tilt (degrees) a head's cover stays upright: the turned one would be no tighter. */
const minTilt = 5;

/**
 * The head's roll in degrees, clockwise on screen, from the line between the eyes (landmarks 0
 * and 1: the right eye, then the left eye, as seen); 0 without landmarks or for a slight tilt.
 * Beyond 60° the points are unreliable (a face on its side is usually a lying person, whose box
 * the detector already draws around the turned face): the cover stays upright.
 */
export function headTilt(landmarks?: [number, number][]): number {
  const [right, left] = landmarks ?? [];
  if (!right || !left) return 0;
  const degrees = (Math.atan2(left[1] - right[1], left[0] - right[0]) * 180) / Math.PI;
  if (!Number.isFinite(degrees) || Math.abs(degrees) < minTilt || Math.abs(degrees) > 60) return 0;
  return Math.round(degrees * 10) / 10;
}

/**
 * The head-shaped cover of one face: the ellipse inscribed in its grown box, in whole pixels,
 * turned with the head when the landmarks show it tilted. Turned, not shrunk: the ellipse keeps the
 * grown box's size (measured on kaggle_dev, shrinking it to the tilted face's own size left 1–2 %
 * more faces not fully covered, for no less collateral).
 */
export function headCover(face: Rect | Pick<Face, 'box' | 'landmarks'>): Cover {
  const box = 'box' in face ? face.box : face;
  const angle = 'box' in face ? headTilt(face.landmarks) : 0;
  const cover: Cover = { shape: 'ellipse', ...outward(expandBox(box)) };
  return angle ? { ...cover, angle } : cover;
}

/** Does any part of `c` lie inside a width×height picture? */
export function visible(c: Rect, width: number, height: number): boolean {
  return clampRect(c, width, height) !== null;
}

/**
 * Faces in reading order: rows from top to bottom, left to right within a row. Faces whose centres
 * lie within half a face height of a row's first face belong to that row, so a group standing
 * unevenly still reads as one row. Numbers in the review and the report follow this order.
 */
export function readingOrder<T extends { box: Rect }>(faces: T[]): T[] {
  const byTop = [...faces].sort((a, b) => centreY(a.box) - centreY(b.box));
  const rows: T[][] = [];
  for (const f of byTop) {
    const row = rows.at(-1);
    if (row && Math.abs(centreY(f.box) - centreY(row[0]!.box)) <= 0.5 * Math.max(f.box.height, row[0]!.box.height)) row.push(f);
    else rows.push([f]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box.x - b.box.x));
}

const centreY = (r: Rect) => r.y + r.height / 2;

/**
 * The smallest a head cover may shrink to, as a fraction of its full size: the ellipse through the
 * face box's corners ((0.5/0.8)² + 0.5² = 0.8²), so the face itself always stays covered.
 */
const minHeadScale = 0.81;

/**
 * One cover per face to cover in a width×height image, in the faces' order; faces marked keep are
 * left out. In a crowd, a head's cover would reach over the face behind or beside it: each cover
 * shrinks (down to minHeadScale) until no other face's centre lies under it. That face has its own
 * cover, or was left visible on purpose, and a cover should not decide otherwise.
 */
export function planCovers(faces: Face[], width: number, height: number): Cover[] {
  return faces
    .filter((f) => !f.keep)
    .map((f) => {
      const full = headCover(f);
      const cx = full.x + full.width / 2;
      const cy = full.y + full.height / 2;
      let scale = 1;
      for (const other of faces) {
        if (other === f) continue;
        const r = ellipseRadius(full, other.box.x + other.box.width / 2, other.box.y + other.box.height / 2);
        if (r < 1) scale = Math.min(scale, Math.max(minHeadScale, 0.97 * r));
      }
      const w = full.width * scale;
      const h = full.height * scale;
      const shrunk = outward({ x: cx - w / 2, y: cy - h / 2, width: w, height: h });
      return full.angle ? { shape: 'ellipse' as const, ...shrunk, angle: full.angle } : { shape: 'ellipse' as const, ...shrunk };
    })
    .filter((c) => visible(c, width, height));
}

/** Where (x, y) lies relative to ellipse `c`: below 1 inside, 1 on its edge (turned with its angle). */
function ellipseRadius(c: Cover, x: number, y: number): number {
  const t = ((c.angle ?? 0) * Math.PI) / 180;
  const dx = x - c.x - c.width / 2;
  const dy = y - c.y - c.height / 2;
  const u = (dx * Math.cos(t) + dy * Math.sin(t)) / (c.width / 2);
  const v = (-dx * Math.sin(t) + dy * Math.cos(t)) / (c.height / 2);
  return Math.hypot(u, v);
}

/**
 * The covers after a look at the covered picture still found faces (`left`) showing around them.
 * A leftover whose centre lies in a cover is that face peeking out: the cover grows to hold the
 * leftover's head too. Any other leftover is a face of its own and gets its own cover (growing a
 * neighbour's cover over it would make a slab over two people).
 */
export function growCovers(covers: Cover[], left: Rect[]): Cover[] {
  const out = covers.map((c) => ({ ...c }));
  for (const l of left) {
    const head = headCover(l);
    const cx = l.x + l.width / 2;
    const cy = l.y + l.height / 2;
    // A turned cover is not widened along the picture's axes (its box would no longer hold it): the
    // face peeking out of it gets its own cover on top.
    const i = out.findIndex((c) => !c.angle && cx >= c.x && cx <= c.x + c.width && cy >= c.y && cy <= c.y + c.height);
    if (i < 0) {
      out.push(head);
      continue;
    }
    const c = out[i]!;
    const x = Math.min(c.x, head.x);
    const y = Math.min(c.y, head.y);
    out[i] = {
      ...c,
      x,
      y,
      width: Math.max(c.x + c.width, head.x + head.width) - x,
      height: Math.max(c.y + c.height, head.y + head.height) - y,
    };
  }
  return out;
}
