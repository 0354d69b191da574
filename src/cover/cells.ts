// The only thing a cover keeps of the original: the average colour of a few cells over the
// cover's box. Everything finer is gone before anything is painted.
import type { RawImage, Rect } from '../types.js';
import { hashInts } from './noise.js';

export interface Grid {
  /** The cover's box, clipped to the picture: the area the cells divide. */
  box: Rect;
  cols: number;
  rows: number;
  /** Per cell (row-major), per channel: the original's mean. */
  means: Float64Array;
  /** Seed of the cover's noise. */
  seed: number;
}

/** Cell boundaries along one side: `n` cells over `length` pixels. */
export function edges(start: number, length: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => start + Math.floor((i * length) / n));
}

/** The cell averages of `box` in `img`: cells as square as the box allows, at most `maxCells` along either side. */
export function measure(img: RawImage, box: Rect, maxCells: number, userSeed: number | undefined): Grid {
  const cell = Math.max(box.width, box.height) / maxCells;
  const cols = Math.min(maxCells, box.width, Math.max(1, Math.round(box.width / cell)));
  const rows = Math.min(maxCells, box.height, Math.max(1, Math.round(box.height / cell)));
  const ch = img.channels;
  const xs = edges(box.x, box.width, cols);
  const ys = edges(box.y, box.height, rows);
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
  const geometry = [box.x, box.y, box.width, box.height, cols, rows];
  const seed = userSeed === undefined ? hashInts([...geometry, ...sums]) : hashInts([userSeed, ...geometry]);
  return { box, cols, rows, means, seed };
}
