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

/** The head-shaped cover of one face box: the ellipse inscribed in its grown box, in whole pixels. */
export function headCover(face: Rect): Cover {
  return { shape: 'ellipse', ...outward(expandBox(face)) };
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
      const full = expandBox(f.box);
      const cx = full.x + full.width / 2;
      const cy = full.y + full.height / 2;
      let scale = 1;
      for (const other of faces) {
        if (other === f) continue;
        const u = (other.box.x + other.box.width / 2 - cx) / (full.width / 2);
        const v = (other.box.y + other.box.height / 2 - cy) / (full.height / 2);
        const r = Math.hypot(u, v);
        if (r < 1) scale = Math.min(scale, Math.max(minHeadScale, 0.97 * r));
      }
      const w = full.width * scale;
      const h = full.height * scale;
      return { shape: 'ellipse' as const, ...outward({ x: cx - w / 2, y: cy - h / 2, width: w, height: h }) };
    })
    .filter((c) => visible(c, width, height));
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
    const i = out.findIndex((c) => cx >= c.x && cx <= c.x + c.width && cy >= c.y && cy <= c.y + c.height);
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
