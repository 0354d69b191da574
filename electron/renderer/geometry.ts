// Rectangle arithmetic in the photo's own pixels (the engine's coordinates). Pure, so moving and
// resizing covers by pointer or keyboard behave the same and are tested without a page.
import type { Rect } from '../../src/contract/bridge.js';

/** Smallest cover the user can make, in photo pixels. */
export const MIN_SIZE = 4;

const round = (r: Rect): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });

/** Integer rectangle at least MIN_SIZE wide and high, entirely inside a w×h photo. */
export function fitInside(r: Rect, w: number, h: number): Rect {
  const width = Math.min(Math.max(r.width, MIN_SIZE), w);
  const height = Math.min(Math.max(r.height, MIN_SIZE), h);
  const x = Math.min(Math.max(r.x, 0), w - width);
  const y = Math.min(Math.max(r.y, 0), h - height);
  return round({ x, y, width, height });
}

/** The rectangle moved by (dx, dy), kept inside the photo with its size unchanged. */
export function moveBy(r: Rect, dx: number, dy: number, w: number, h: number): Rect {
  return fitInside({ ...r, x: r.x + dx, y: r.y + dy }, w, h);
}

/** The rectangle grown (or shrunk) from its bottom-right corner, kept inside the photo. */
export function resizeBy(r: Rect, dw: number, dh: number, w: number, h: number): Rect {
  const width = Math.min(Math.max(r.width + dw, MIN_SIZE), w - r.x);
  const height = Math.min(Math.max(r.height + dh, MIN_SIZE), h - r.y);
  return round({ ...r, width, height });
}

/** The rectangle spanned by two points (any order), clipped to the photo. */
export function fromCorners(ax: number, ay: number, bx: number, by: number, w: number, h: number): Rect {
  const x0 = Math.max(0, Math.min(ax, bx));
  const y0 = Math.max(0, Math.min(ay, by));
  const x1 = Math.min(w, Math.max(ax, bx));
  const y1 = Math.min(h, Math.max(ay, by));
  return round({ x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) });
}

/** CSS percentages placing `r` over a picture of a w×h photo, whatever size it is shown at. */
export function percentBox(r: Rect, w: number, h: number): { left: string; top: string; width: string; height: string } {
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(4)}%`;
  return { left: pct(r.x, w), top: pct(r.y, h), width: pct(r.width, w), height: pct(r.height, h) };
}

/** A pointer position on the shown picture, in photo pixels. */
export function toPhoto(
  clientX: number,
  clientY: number,
  shown: { left: number; top: number; width: number; height: number },
  w: number,
  h: number,
): { x: number; y: number } {
  return {
    x: Math.min(w, Math.max(0, ((clientX - shown.left) / shown.width) * w)),
    y: Math.min(h, Math.max(0, ((clientY - shown.top) / shown.height) * h)),
  };
}

/** A keyboard step: 1 % of the photo's shorter side, at least one pixel. */
export function keyStep(w: number, h: number): number {
  return Math.max(1, Math.round(Math.min(w, h) / 100));
}

/** A new cover for the keyboard "add" button: a fifth of the photo, centred. */
export function centredRect(w: number, h: number): Rect {
  const width = Math.max(MIN_SIZE, Math.round(w / 5));
  const height = Math.max(MIN_SIZE, Math.round(h / 5));
  return { x: Math.round((w - width) / 2), y: Math.round((h - height) / 2), width, height };
}
