// Covers arriving from a door (the desktop's review, a hand-drawn shape) are untrusted input.
import { clampRect, outward, visible } from '../plan.js';
import type { Cover } from '../types.js';

/**
 * Covers from any door are untrusted: a known shape (a bare rectangle counts as one drawn by hand),
 * finite numbers rounded outward to whole pixels, some part inside the picture, and no larger than
 * a few pictures. Rectangles are clipped to the picture; an ellipse may run past it (a head cut by
 * the frame keeps its shape).
 * @returns the covers kept, in whole pixels
 * @example
 * sanitizeCovers([{ shape: 'rect', x: -5, y: 10.4, width: 50, height: 40 }], 640, 480); // [{ shape: 'rect', x: 0, y: 10, width: 45, height: 41 }]
 */
export function sanitizeCovers(covers: unknown[], width: number, height: number): Cover[] {
  const out: Cover[] = [];
  for (const v of covers) {
    if (typeof v !== 'object' || v === null) continue;
    const r = v as Partial<Cover>;
    if (![r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n))) continue;
    const shape = r.shape === 'ellipse' ? 'ellipse' : r.shape === undefined || r.shape === 'rect' ? 'rect' : null;
    if (!shape || r.width! <= 0 || r.height! <= 0 || r.width! > 4 * width || r.height! > 4 * height) continue;
    const box = { x: r.x!, y: r.y!, width: r.width!, height: r.height! };
    // A rectangle cut by the frame is still a rectangle; an ellipse keeps its whole box, so its shape does not change.
    const fitted = shape === 'rect' ? clampRect(box, width, height) : visible(box, width, height) ? outward(box) : null;
    // A turned ellipse keeps its angle, brought into (-180, 180]; a rectangle is never turned.
    const angle = shape === 'ellipse' && typeof r.angle === 'number' && Number.isFinite(r.angle) ? turn(r.angle) : 0;
    if (fitted) out.push(angle ? { shape, ...fitted, angle } : { shape, ...fitted });
  }
  return out;
}

function turn(degrees: number): number {
  const a = degrees % 360;
  const b = a > 180 ? a - 360 : a <= -180 ? a + 360 : a;
  return Math.round(b * 10) / 10;
}
