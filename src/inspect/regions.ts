// Face regions a file declares, mapped to the upright primary image's pixels. Pure geometry.
//
// Which frame a region is in was checked on real files (immich test assets, a portrait stored plainly and
// with Orientation=6): MWG regions are relative to the STORED pixel grid (their AppliedToDimensions equal
// the stored width×height), Microsoft Photo regions to the UPRIGHT image. A writer that stored MWG
// regions upright betrays itself by AppliedToDimensions equal to the upright size; we honour that.
import type { Rect } from '../types.js';
import { iou } from '../util/rect.js';

export interface DeclaredRegion {
  /** Normalised 0..1, top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  frame: 'stored' | 'upright';
  /** MWG AppliedToDimensions, when given. */
  applied?: { w: number; h: number };
  name?: string;
}

/** Maps a normalised rectangle in the stored grid to the upright grid for an EXIF orientation (1..8). */
function orientRect(r: { x: number; y: number; w: number; h: number }, orientation: number) {
  const { x, y, w, h } = r;
  switch (orientation) {
    case 2:
      return { x: 1 - x - w, y, w, h };
    case 3:
      return { x: 1 - x - w, y: 1 - y - h, w, h };
    case 4:
      return { x, y: 1 - y - h, w, h };
    case 5:
      return { x: y, y: x, w: h, h: w };
    case 6:
      return { x: 1 - y - h, y: x, w: h, h: w };
    case 7:
      return { x: 1 - y - h, y: 1 - x - w, w: h, h: w };
    case 8:
      return { x: y, y: 1 - x - w, w: h, h: w };
    default:
      return { x, y, w, h };
  }
}

const swaps = (o: number) => o >= 5 && o <= 8;

/** Integer pixel rectangles in the upright image, clamped to it; near-duplicates (IoU > 0.5) merged. */
export function uprightRegions(regions: DeclaredRegion[], stored: { width: number; height: number }, orientation = 1): Rect[] {
  const W = swaps(orientation) ? stored.height : stored.width;
  const H = swaps(orientation) ? stored.width : stored.height;
  const out: Rect[] = [];
  for (const r of regions) {
    const storedFrame =
      r.frame === 'stored' &&
      !(swaps(orientation) && stored.width !== stored.height && r.applied && r.applied.w === W && r.applied.h === H);
    const n = storedFrame ? orientRect(r, orientation) : r;
    // Round outwards (a face must not lose its edge), ignoring floating-point dust such as 90.00000000000001.
    const down = (v: number) => Math.floor(v + 1e-6);
    const up = (v: number) => Math.ceil(v - 1e-6);
    const x0 = Math.max(0, down(n.x * W));
    const y0 = Math.max(0, down(n.y * H));
    const x1 = Math.min(W, up((n.x + n.w) * W));
    const y1 = Math.min(H, up((n.y + n.h) * H));
    if (x1 <= x0 || y1 <= y0) continue;
    const rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    if (!out.some((o) => iou(o, rect) > 0.5)) out.push(rect);
  }
  return out;
}
