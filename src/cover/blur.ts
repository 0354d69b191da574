// The blur look, from the cell averages alone: interpolate them smoothly, add seeded noise (coarse
// blotches and grain, so the patch does not look like a clean gradient that invites "enhancing"),
// then soften with a box blur. A field of at most 64 px across holds all of that (nothing finer
// than the cells exists in it), so it is worked out at that size and stretched bilinearly to the
// cover: a portrait-sized head costs a few milliseconds.
import type { Rect } from '../types.js';
import type { Grid } from './cells.js';
import { random } from './noise.js';

const fieldSide = 64;
/** Blotches of light across the box, and their strength (levels). */
const blotchCells = 8;
const blotchAmplitude = 20;
const grainAmplitude = 8;

/** The blurred cover of grid `g` over `rect` (the mask's pixels), as rect.width × rect.height × ch bytes. */
export function blurPatch(g: Grid, rect: Rect, ch: number): Uint8Array {
  const k = Math.min(1, fieldSide / Math.max(rect.width, rect.height));
  const w = Math.max(1, Math.round(rect.width * k));
  const h = Math.max(1, Math.round(rect.height * k));
  const rnd = random(g.seed);
  const blotch = Float64Array.from({ length: blotchCells * blotchCells }, () => (rnd() - 0.5) * blotchAmplitude);
  const field = new Float32Array(w * h * ch);
  const { box, cols, rows, means } = g;
  for (let fy = 0; fy < h; fy++) {
    // Where this field row lies in the box, in cell units (rows of the feather beyond the box take the edge cells).
    const y = rect.y + ((fy + 0.5) * rect.height) / h - box.y;
    const my = at((y * rows) / box.height - 0.5, rows);
    const by = at((y * blotchCells) / box.height - 0.5, blotchCells);
    for (let fx = 0; fx < w; fx++) {
      const x = rect.x + ((fx + 0.5) * rect.width) / w - box.x;
      const mx = at((x * cols) / box.width - 0.5, cols);
      const bx = at((x * blotchCells) / box.width - 0.5, blotchCells);
      const light = bilinear(blotch, blotchCells, 1, 0, bx, by) + (rnd() - 0.5) * grainAmplitude;
      const o = (fy * w + fx) * ch;
      for (let c = 0; c < ch; c++) {
        const v = bilinear(means, cols, ch, c, mx, my);
        field[o + c] = c < 3 ? v + light : v;
      }
    }
  }
  const radius = Math.max(1, Math.round(Math.min(w, h) / 10));
  for (let pass = 0; pass < 2; pass++) boxBlur(field, w, h, ch, radius);
  return stretch(field, w, h, ch, rect.width, rect.height);
}

interface Pos {
  i0: number;
  i1: number;
  t: number;
}

/** Where fractional cell coordinate f (between cell centres) falls among n cells, clamped at the borders. */
function at(f: number, n: number): Pos {
  const v = Math.min(n - 1, Math.max(0, f));
  const i0 = Math.floor(v);
  return { i0, i1: Math.min(n - 1, i0 + 1), t: v - i0 };
}

function bilinear(v: ArrayLike<number>, cols: number, ch: number, c: number, x: Pos, y: Pos): number {
  const p = (row: number, col: number) => v[(row * cols + col) * ch + c]!;
  const top = p(y.i0, x.i0) * (1 - x.t) + p(y.i0, x.i1) * x.t;
  const bottom = p(y.i1, x.i0) * (1 - x.t) + p(y.i1, x.i1) * x.t;
  return top * (1 - y.t) + bottom * y.t;
}

/** In-place separable box blur of a small w×h×ch field, edges clamped. */
function boxBlur(f: Float32Array, w: number, h: number, ch: number, radius: number): void {
  const pass = (n: number, lines: number, index: (line: number, i: number) => number) => {
    const copy = new Float32Array(n);
    for (let line = 0; line < lines; line++) {
      for (let c = 0; c < ch; c++) {
        for (let i = 0; i < n; i++) copy[i] = f[index(line, i) + c]!;
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let d = -radius; d <= radius; d++) sum += copy[Math.min(n - 1, Math.max(0, i + d))]!;
          f[index(line, i) + c] = sum / (2 * radius + 1);
        }
      }
    }
  };
  pass(w, h, (row, x) => (row * w + x) * ch);
  pass(h, w, (col, y) => (y * w + col) * ch);
}

/** The w×h field stretched bilinearly to width×height bytes. */
function stretch(field: Float32Array, w: number, h: number, ch: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * ch);
  const xs = Array.from({ length: width }, (_, x) => at(((x + 0.5) * w) / width - 0.5, w));
  for (let y = 0; y < height; y++) {
    const { i0, i1, t: ty } = at(((y + 0.5) * h) / height - 0.5, h);
    const row0 = i0 * w * ch;
    const row1 = i1 * w * ch;
    const o = y * width * ch;
    for (let x = 0; x < width; x++) {
      const { i0: x0, i1: x1, t: tx } = xs[x]!;
      for (let c = 0; c < ch; c++) {
        const top = field[row0 + x0 * ch + c]! * (1 - tx) + field[row0 + x1 * ch + c]! * tx;
        const bottom = field[row1 + x0 * ch + c]! * (1 - tx) + field[row1 + x1 * ch + c]! * tx;
        const v = Math.round(top * (1 - ty) + bottom * ty);
        out[o + x * ch + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return out;
}
