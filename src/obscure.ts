// Covering styles, irreversible by construction: inside a region the output depends on the
// original only through a few cell averages (≤ 4×4 for blur, ≤ 6 across for pixelate) plus
// seeded noise. Nothing finer than those averages is in the output, so nothing finer can be
// recovered from it, whatever model is pointed at it.
import type { Options } from './options.js';
import type { RawImage, Rect } from './types.js';
import { clampRect } from './plan.js';
import { hashInts, random } from './cover/noise.js';

interface Grid {
  r: Rect;
  cols: number;
  rows: number;
  /** Per cell (row-major), per channel: the original's mean. */
  means: Float64Array;
  seed: number;
}

/** A copy of `img` with every region covered in `options.style`. */
export async function cover(img: RawImage, regions: Rect[], options: Pick<Options, 'style' | 'color' | 'seed'>): Promise<RawImage> {
  const out: RawImage = { ...img, data: Buffer.from(img.data) };
  const rects = regions.map((r) => clampRect(r, img.width, img.height)).filter((r): r is Rect => r !== null);
  // Every average is taken from the original before anything is painted, so overlapping regions
  // still depend on the original only through their own cell averages.
  const grids = rects.map((r) => measure(img, r, options.style === 'pixelate' ? 6 : 4, options.seed));
  for (const g of grids) {
    if (options.style === 'solid') paintSolid(out, g.r, options.color);
    else if (options.style === 'pixelate') paintPixelate(out, g);
    else paintBlur(out, g);
  }
  return out;
}

/** Cell boundaries along one side: `n` cells over `length` pixels. */
function edges(start: number, length: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => start + Math.floor((i * length) / n));
}

function measure(img: RawImage, r: Rect, maxCells: number, userSeed: number | undefined): Grid {
  // Cells as square as the region allows, never more than maxCells along either side.
  const cell = Math.max(r.width, r.height) / maxCells;
  const cols = Math.min(maxCells, r.width, Math.max(1, Math.round(r.width / cell)));
  const rows = Math.min(maxCells, r.height, Math.max(1, Math.round(r.height / cell)));
  const ch = img.channels;
  const xs = edges(r.x, r.width, cols);
  const ys = edges(r.y, r.height, rows);
  const sums = new Float64Array(cols * rows * ch);
  for (let cy = 0; cy < rows; cy++) {
    for (let y = ys[cy]!; y < ys[cy + 1]!; y++) {
      for (let cx = 0; cx < cols; cx++) {
        const base = (cy * cols + cx) * ch;
        for (let x = xs[cx]!; x < xs[cx + 1]!; x++) {
          const p = (y * img.width + x) * ch;
          for (let c = 0; c < ch; c++) sums[base + c]! += img.data[p + c]!;
        }
      }
    }
  }
  const means = new Float64Array(sums.length);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      const n = (xs[cx + 1]! - xs[cx]!) * (ys[cy + 1]! - ys[cy]!);
      for (let c = 0; c < ch; c++) means[(cy * cols + cx) * ch + c] = sums[(cy * cols + cx) * ch + c]! / n;
    }
  }
  // Without a user seed the noise is derived from what the output may depend on anyway (the
  // sums and the geometry): same input, same bytes, in every door and every run.
  const geometry = [r.x, r.y, r.width, r.height, cols, rows];
  const seed = userSeed === undefined ? hashInts([...geometry, ...sums]) : hashInts([userSeed, ...geometry]);
  return { r, cols, rows, means, seed };
}

function paintSolid(out: RawImage, r: Rect, color: string): void {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const p = (y * out.width + x) * out.channels;
      out.data[p] = rgb[0]!;
      out.data[p + 1] = rgb[1]!;
      out.data[p + 2] = rgb[2]!;
      if (out.channels === 4) out.data[p + 3] = 255;
    }
  }
}

function paintPixelate(out: RawImage, g: Grid): void {
  const ch = out.channels;
  const rnd = random(g.seed);
  const xs = edges(g.r.x, g.r.width, g.cols);
  const ys = edges(g.r.y, g.r.height, g.rows);
  for (let cy = 0; cy < g.rows; cy++) {
    for (let cx = 0; cx < g.cols; cx++) {
      const light = (rnd() - 0.5) * 24; // the noise moves a cell's brightness by up to ±12 levels
      const value = Array.from({ length: ch }, (_, c) => {
        const v = g.means[(cy * g.cols + cx) * ch + c]!;
        return c < 3 ? clampByte(v + light + (rnd() - 0.5) * 6) : clampByte(v);
      });
      for (let y = ys[cy]!; y < ys[cy + 1]!; y++) {
        for (let x = xs[cx]!; x < xs[cx + 1]!; x++) {
          const p = (y * out.width + x) * ch;
          for (let c = 0; c < ch; c++) out.data[p + c] = value[c]!;
        }
      }
    }
  }
}

/**
 * Blur look from the cell averages alone: interpolate them smoothly over the region, add seeded
 * noise (coarse blotches and fine grain, so the patch does not look like a clean gradient that
 * invites "enhancing"), then smooth with a box blur confined to the region.
 */
function paintBlur(out: RawImage, g: Grid): void {
  const { r, cols, rows, means } = g;
  const ch = out.channels;
  const w = r.width;
  const h = r.height;
  const rnd = random(g.seed);
  const blotch = noiseGrid(rnd, 8, 8, 20);
  const field = new Float32Array(w * h * ch);
  for (let y = 0; y < h; y++) {
    const fy = ((y + 0.5) * rows) / h - 0.5;
    for (let x = 0; x < w; x++) {
      const fx = ((x + 0.5) * cols) / w - 0.5;
      const light = bilinear(blotch, 8, 8, ((x + 0.5) * 8) / w - 0.5, ((y + 0.5) * 8) / h - 0.5, 0, 1) + (rnd() - 0.5) * 8;
      for (let c = 0; c < ch; c++) {
        const v = bilinear(means, cols, rows, fx, fy, c, ch);
        field[(y * w + x) * ch + c] = c < 3 ? v + light : v;
      }
    }
  }
  const radius = Math.max(1, Math.round(Math.min(w, h) / 10));
  for (let pass = 0; pass < 2; pass++) boxBlur(field, w, h, ch, radius);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = ((r.y + y) * out.width + r.x + x) * ch;
      for (let c = 0; c < ch; c++) out.data[p + c] = clampByte(field[(y * w + x) * ch + c]!);
    }
  }
}

function noiseGrid(rnd: () => number, cols: number, rows: number, amplitude: number): Float64Array {
  return Float64Array.from({ length: cols * rows }, () => (rnd() - 0.5) * amplitude);
}

/** Value at fractional cell coordinates (fx, fy) between cell centres, clamped at the borders. */
function bilinear(v: ArrayLike<number>, cols: number, rows: number, fx: number, fy: number, c: number, ch: number): number {
  const x = Math.min(cols - 1, Math.max(0, fx));
  const y = Math.min(rows - 1, Math.max(0, fy));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(cols - 1, x0 + 1);
  const y1 = Math.min(rows - 1, y0 + 1);
  const tx = x - x0;
  const ty = y - y0;
  const at = (cx: number, cy: number) => v[(cy * cols + cx) * ch + c]!;
  return (at(x0, y0) * (1 - tx) + at(x1, y0) * tx) * (1 - ty) + (at(x0, y1) * (1 - tx) + at(x1, y1) * tx) * ty;
}

/** In-place separable box blur of a w×h×ch field, edges clamped (only the region's own values are used). */
function boxBlur(f: Float32Array, w: number, h: number, ch: number, radius: number): void {
  const line = new Float32Array(Math.max(w, h));
  const blurLine = (len: number, at: (i: number) => number, set: (i: number, v: number) => void) => {
    for (let i = 0; i < len; i++) line[i] = at(i);
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += line[Math.min(len - 1, Math.max(0, i))]!;
    for (let i = 0; i < len; i++) {
      set(i, sum / (2 * radius + 1));
      sum += line[Math.min(len - 1, i + radius + 1)]! - line[Math.max(0, i - radius)]!;
    }
  };
  for (let c = 0; c < ch; c++) {
    for (let y = 0; y < h; y++) {
      blurLine(w, (i) => f[(y * w + i) * ch + c]!, (i, v) => (f[(y * w + i) * ch + c] = v));
    }
    for (let x = 0; x < w; x++) {
      blurLine(h, (i) => f[(i * w + x) * ch + c]!, (i, v) => (f[(i * w + x) * ch + c] = v));
    }
  }
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
