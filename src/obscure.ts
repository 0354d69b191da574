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
 * The loops are written out (no per-pixel closures): a portrait's region is millions of values.
 */
function paintBlur(out: RawImage, g: Grid): void {
  const { r, cols, rows, means } = g;
  const ch = out.channels;
  const w = r.width;
  const h = r.height;
  const rnd = random(g.seed);
  const blotch = noiseGrid(rnd, 8, 8, 20);
  const field = new Float32Array(w * h * ch);
  // Interpolation positions depend on x or y alone: work them out once per column and per row.
  const mx = axis(w, cols);
  const bx = axis(w, 8);
  for (let y = 0; y < h; y++) {
    const my = at(((y + 0.5) * rows) / h - 0.5, rows);
    const by = at(((y + 0.5) * 8) / h - 0.5, 8);
    for (let x = 0; x < w; x++) {
      const light = lerp2(blotch, 8, 1, 0, bx, x, by) + (rnd() - 0.5) * 8;
      const o = (y * w + x) * ch;
      for (let c = 0; c < ch; c++) {
        const v = lerp2(means, cols, ch, c, mx, x, my);
        field[o + c] = c < 3 ? v + light : v;
      }
    }
  }
  const radius = Math.max(1, Math.round(Math.min(w, h) / 10));
  for (let pass = 0; pass < 2; pass++) boxBlur(field, w, h, ch, radius);
  for (let y = 0; y < h; y++) {
    const p0 = ((r.y + y) * out.width + r.x) * ch;
    const f0 = y * w * ch;
    for (let i = 0; i < w * ch; i++) out.data[p0 + i] = clampByte(field[f0 + i]!);
  }
}

function noiseGrid(rnd: () => number, cols: number, rows: number, amplitude: number): Float64Array {
  return Float64Array.from({ length: cols * rows }, () => (rnd() - 0.5) * amplitude);
}

/** Where fractional cell coordinate f (between cell centres) falls among n cells, clamped at the borders. */
interface Pos {
  i0: number;
  i1: number;
  t: number;
}

function at(f: number, n: number): Pos {
  const v = Math.min(n - 1, Math.max(0, f));
  const i0 = Math.floor(v);
  return { i0, i1: Math.min(n - 1, i0 + 1), t: v - i0 };
}

/** Positions for every pixel along a side of `length` pixels over `n` cells. */
function axis(length: number, n: number): { i0: Int32Array; i1: Int32Array; t: Float64Array } {
  const i0 = new Int32Array(length);
  const i1 = new Int32Array(length);
  const t = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const p = at(((k + 0.5) * n) / length - 0.5, n);
    i0[k] = p.i0;
    i1[k] = p.i1;
    t[k] = p.t;
  }
  return { i0, i1, t };
}

/** Bilinear value of channel c of grid v (cols wide, ch channels) at column position x of xs and row position y. */
function lerp2(v: ArrayLike<number>, cols: number, ch: number, c: number, xs: ReturnType<typeof axis>, x: number, y: Pos): number {
  const tx = xs.t[x]!;
  const ty = y.t;
  const a = v[(y.i0 * cols + xs.i0[x]!) * ch + c]!;
  const b = v[(y.i0 * cols + xs.i1[x]!) * ch + c]!;
  const d = v[(y.i1 * cols + xs.i0[x]!) * ch + c]!;
  const e = v[(y.i1 * cols + xs.i1[x]!) * ch + c]!;
  return (a * (1 - tx) + b * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty;
}

/** In-place separable box blur of a w×h×ch field, edges clamped (only the region's own values are used). */
function boxBlur(f: Float32Array, w: number, h: number, ch: number, radius: number): void {
  const line = new Float32Array(Math.max(w, h));
  for (let c = 0; c < ch; c++) {
    for (let y = 0; y < h; y++) blurLine(f, line, y * w * ch + c, ch, w, radius);
    for (let x = 0; x < w; x++) blurLine(f, line, x * ch + c, w * ch, h, radius);
  }
}

/** Box-blurs the `len` values of f at start, start + stride, …, through the scratch buffer `line`. */
function blurLine(f: Float32Array, line: Float32Array, start: number, stride: number, len: number, radius: number): void {
  for (let i = 0; i < len; i++) line[i] = f[start + i * stride]!;
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += line[Math.min(len - 1, Math.max(0, i))]!;
  for (let i = 0; i < len; i++) {
    f[start + i * stride] = sum / (2 * radius + 1);
    sum += line[Math.min(len - 1, i + radius + 1)]! - line[Math.max(0, i - radius)]!;
  }
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
