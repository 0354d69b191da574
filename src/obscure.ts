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

/** The blur is worked out on a field at most this many pixels across, then stretched to the region. */
const fieldSide = 64;

/**
 * Blur look from the cell averages alone: interpolate them smoothly over the region, add seeded
 * noise (coarse blotches and grain, so the patch does not look like a clean gradient that
 * invites "enhancing"), then smooth with a box blur confined to the region. A field of at most
 * 64 px across holds all of that (nothing finer than 4×4 cells exists in it), so it is worked out
 * at that size and stretched bilinearly: a portrait-sized region costs a few milliseconds.
 * The loops are written out (no per-pixel closures): a stretched region is millions of values.
 */
function paintBlur(out: RawImage, g: Grid): void {
  const { r, cols, rows, means } = g;
  const ch = out.channels;
  const k = Math.min(1, fieldSide / Math.max(r.width, r.height));
  const w = Math.max(1, Math.round(r.width * k));
  const h = Math.max(1, Math.round(r.height * k));
  const rnd = random(g.seed);
  const blotch = noiseGrid(rnd, 8, 8, 20);
  const field = new Float32Array(w * h * ch);
  // Bilinear = across, then down: the "across" part of each grid row is the same for every pixel
  // row, so it is worked out once per grid row.
  const meansAcross = across(means, cols, ch, w);
  const blotchAcross = across(blotch, 8, 1, w);
  for (let y = 0; y < h; y++) {
    const my = at(((y + 0.5) * rows) / h - 0.5, rows);
    const by = at(((y + 0.5) * 8) / h - 0.5, 8);
    const [m0, m1, b0, b1] = [meansAcross(my.i0), meansAcross(my.i1), blotchAcross(by.i0), blotchAcross(by.i1)];
    for (let x = 0; x < w; x++) {
      const light = b0[x]! * (1 - by.t) + b1[x]! * by.t + (rnd() - 0.5) * 8;
      const o = (y * w + x) * ch;
      for (let c = 0; c < ch; c++) {
        const v = m0[x * ch + c]! * (1 - my.t) + m1[x * ch + c]! * my.t;
        field[o + c] = c < 3 ? v + light : v;
      }
    }
  }
  const radius = Math.max(1, Math.round(Math.min(w, h) / 10));
  for (let pass = 0; pass < 2; pass++) boxBlur(field, w, h, ch, radius);
  stretch(field, w, h, out, r);
}

/** Writes the w×h field into region r of out, bilinearly stretched (a copy when the sizes match). */
function stretch(field: Float32Array, w: number, h: number, out: RawImage, r: Rect): void {
  const ch = out.channels;
  const xs = Array.from({ length: r.width }, (_, x) => at(((x + 0.5) * w) / r.width - 0.5, w));
  for (let y = 0; y < r.height; y++) {
    const { i0, i1, t: ty } = at(((y + 0.5) * h) / r.height - 0.5, h);
    const row0 = i0 * w * ch;
    const row1 = i1 * w * ch;
    const p0 = ((r.y + y) * out.width + r.x) * ch;
    for (let x = 0; x < r.width; x++) {
      const { i0: x0, i1: x1, t: tx } = xs[x]!;
      for (let c = 0; c < ch; c++) {
        const top = field[row0 + x0 * ch + c]! * (1 - tx) + field[row0 + x1 * ch + c]! * tx;
        const bottom = field[row1 + x0 * ch + c]! * (1 - tx) + field[row1 + x1 * ch + c]! * tx;
        out.data[p0 + x * ch + c] = clampByte(top * (1 - ty) + bottom * ty);
      }
    }
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

/**
 * For grid `v` (cols cells across, ch values per cell) spread over w pixels: a function giving, for
 * one grid row, every pixel's value interpolated across between cell centres (cached per grid row).
 */
function across(v: ArrayLike<number>, cols: number, ch: number, w: number): (row: number) => Float64Array {
  const done = new Map<number, Float64Array>();
  const xs = Array.from({ length: w }, (_, x) => at(((x + 0.5) * cols) / w - 0.5, cols));
  return (row) => {
    let line = done.get(row);
    if (!line) {
      line = new Float64Array(w * ch);
      for (let x = 0; x < w; x++) {
        const { i0, i1, t } = xs[x]!;
        for (let c = 0; c < ch; c++) line[x * ch + c] = v[(row * cols + i0) * ch + c]! * (1 - t) + v[(row * cols + i1) * ch + c]! * t;
      }
      done.set(row, line);
    }
    return line;
  };
}

/** In-place separable box blur of a w×h×ch field, edges clamped (only the region's own values are used). */
function boxBlur(f: Float32Array, w: number, h: number, ch: number, radius: number): void {
  const line = new Float32Array(w * ch);
  const sums = new Float64Array(ch);
  for (let y = 0; y < h; y++) blurRow(f, line, sums, y * w * ch, w, ch, radius);
  blurColumns(f, w * ch, h, radius);
}

/** Box-blurs one row of w pixels (ch interleaved channels, each on its own) at `start`, through the scratch `line`. */
function blurRow(f: Float32Array, line: Float32Array, sums: Float64Array, start: number, w: number, ch: number, radius: number): void {
  line.set(f.subarray(start, start + w * ch));
  sums.fill(0);
  for (let i = -radius; i <= radius; i++) {
    const p = Math.min(w - 1, Math.max(0, i)) * ch;
    for (let c = 0; c < ch; c++) sums[c] += line[p + c]!;
  }
  for (let i = 0; i < w; i++) {
    const next = Math.min(w - 1, i + radius + 1) * ch;
    const gone = Math.max(0, i - radius) * ch;
    for (let c = 0; c < ch; c++) {
      f[start + i * ch + c] = sums[c]! / (2 * radius + 1);
      sums[c] += line[next + c]! - line[gone + c]!;
    }
  }
}

/**
 * The same box blur down every column at once, sweeping row by row: walking one column at a time
 * strides a whole row per step and misses the cache on every read of a large region. The last
 * radius + 1 original rows are kept in a ring, since the rows above are already overwritten.
 */
function blurColumns(f: Float32Array, rowLength: number, h: number, radius: number): void {
  const sums = new Float64Array(rowLength);
  for (let i = -radius; i <= radius; i++) {
    const row = Math.min(h - 1, Math.max(0, i)) * rowLength;
    for (let k = 0; k < rowLength; k++) sums[k] += f[row + k]!;
  }
  const kept = Math.min(radius + 1, h);
  const ring = new Float32Array(kept * rowLength);
  for (let i = 0; i < h; i++) {
    const row = i * rowLength;
    ring.set(f.subarray(row, row + rowLength), (i % kept) * rowLength);
    const next = Math.min(h - 1, i + radius + 1) * rowLength;
    const old = (Math.max(0, i - radius) % kept) * rowLength;
    for (let k = 0; k < rowLength; k++) {
      f[row + k] = sums[k]! / (2 * radius + 1);
      sums[k] += f[next + k]! - ring[old + k]!;
    }
  }
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
