import { describe, expect, it } from 'vitest';
import { cover } from '../src/obscure.js';
import { random } from '../src/cover/noise.js';
import type { RawImage, Rect } from '../src/types.js';
import type { CoverStyle } from '../src/options.js';

function noiseImage(width: number, height: number, channels: 3 | 4, seed: number): RawImage {
  const rnd = random(seed);
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rnd() * 256);
  return { data, width, height, channels };
}

/**
 * A different image with the same averages over every `cell`×`cell` block of `r`: pixels are
 * shuffled inside each block (and channel values of a pixel kept together), so everything finer
 * than the blocks changes while their averages do not.
 */
function shuffledWithinCells(img: RawImage, r: Rect, cellW: number, cellH: number, seed: number): RawImage {
  const out = { ...img, data: Buffer.from(img.data) };
  const rnd = random(seed);
  for (let cy = r.y; cy < r.y + r.height; cy += cellH) {
    for (let cx = r.x; cx < r.x + r.width; cx += cellW) {
      const pixels: number[] = [];
      for (let y = cy; y < cy + cellH; y++) for (let x = cx; x < cx + cellW; x++) pixels.push((y * img.width + x) * img.channels);
      const order = [...pixels].sort(() => rnd() - 0.5);
      pixels.forEach((to, i) => img.data.copy(out.data, to, order[i]!, order[i]! + img.channels));
    }
  }
  return out;
}

const differsInside = (a: RawImage, b: RawImage) => !a.data.equals(b.data);

function outsideUnchanged(before: RawImage, after: RawImage, regions: Rect[]): boolean {
  for (let y = 0; y < before.height; y++) {
    for (let x = 0; x < before.width; x++) {
      if (regions.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)) continue;
      const p = (y * before.width + x) * before.channels;
      for (let c = 0; c < before.channels; c++) if (before.data[p + c] !== after.data[p + c]) return false;
    }
  }
  return true;
}

const options = (style: CoverStyle, seed?: number) => ({ style, color: '#336699', seed });

describe('cover: irreversible by construction', () => {
  // 40×20 region: blur uses at most 4 cells across, so 10×10 blocks are finer than its cells;
  // pixelate uses at most 6, so 48×24 gives 8×8 blocks.
  // A 200×120 blur region is worked out on a smaller field and stretched: same property.
  const cases: { style: CoverStyle; region: Rect; cell: number }[] = [
    { style: 'blur', region: { x: 12, y: 8, width: 40, height: 20 }, cell: 10 },
    { style: 'blur', region: { x: 10, y: 6, width: 200, height: 120 }, cell: 10 },
    { style: 'pixelate', region: { x: 4, y: 6, width: 48, height: 24 }, cell: 8 },
  ];
  for (const { style, region, cell } of cases) {
    const size = `${region.width}×${region.height}`;
    for (const channels of [3, 4] as const) {
      it(`${style} ${size} (${channels} channels): images that agree on the cell averages give identical output`, async () => {
        const a = noiseImage(region.x + region.width + 10, region.y + region.height + 10, channels, 1);
        const b = shuffledWithinCells(a, region, cell, cell, 2);
        expect(differsInside(a, b)).toBe(true);
        for (const seed of [7, undefined]) {
          const ca = await cover(a, [region], options(style, seed));
          const cb = await cover(b, [region], options(style, seed));
          expect(ca.data.equals(cb.data)).toBe(true);
        }
      });
    }
    it(`${style} ${size}: output differs when a cell average differs, and pixels outside the regions are untouched`, async () => {
      const a = noiseImage(region.x + region.width + 10, region.y + region.height + 10, 3, 3);
      const b = { ...a, data: Buffer.from(a.data) };
      const p = ((region.y + 1) * a.width + region.x + 1) * 3;
      b.data[p] = (b.data[p]! + 128) % 256; // one pixel moves one cell's average
      const ca = await cover(a, [region], options(style, 5));
      const cb = await cover(b, [region], options(style, 5));
      expect(ca.data.equals(cb.data)).toBe(false);
      expect(outsideUnchanged(a, ca, [region])).toBe(true);
      expect(ca.data.equals(a.data)).toBe(false);
    });
  }

  it('overlapping regions depend on the original only through each region\'s own cells', async () => {
    const regions = [
      { x: 8, y: 8, width: 40, height: 40 }, // 4×4 cells of 10 px
      { x: 28, y: 28, width: 20, height: 20 }, // 4×4 cells of 5 px, inside the first
    ];
    const a = noiseImage(64, 56, 3, 11);
    // 5 px blocks from (8, 8) tile both regions' cells, so shuffling inside them keeps every average.
    const b = shuffledWithinCells(a, regions[0]!, 5, 5, 12);
    const ca = await cover(a, regions, options('blur'));
    const cb = await cover(b, regions, options('blur'));
    expect(ca.data.equals(cb.data)).toBe(true);
  });
});

describe('cover: behaviour', () => {
  it('is byte-identical across runs without a seed, and the seed changes the noise', async () => {
    const img = noiseImage(80, 60, 3, 21);
    const regions = [{ x: 10, y: 10, width: 30, height: 40 }];
    const one = await cover(img, regions, options('blur'));
    const two = await cover(img, regions, options('blur'));
    expect(one.data.equals(two.data)).toBe(true);
    const seeded = await cover(img, regions, options('blur', 1));
    const reseeded = await cover(img, regions, options('blur', 2));
    expect(seeded.data.equals(reseeded.data)).toBe(false);
  });

  it('solid fills the region with the chosen colour', async () => {
    const img = noiseImage(20, 20, 4, 31);
    const out = await cover(img, [{ x: 2, y: 3, width: 5, height: 4 }], options('solid'));
    const p = (4 * 20 + 3) * 4;
    expect([...out.data.subarray(p, p + 4)]).toEqual([0x33, 0x66, 0x99, 255]);
    expect(outsideUnchanged(img, out, [{ x: 2, y: 3, width: 5, height: 4 }])).toBe(true);
  });

  it('keeps size and channels, leaves the input alone, and clips regions that run off the image', async () => {
    const img = noiseImage(30, 20, 3, 41);
    const before = Buffer.from(img.data);
    const out = await cover(img, [{ x: 25, y: -5, width: 20, height: 10 }], options('pixelate'));
    expect([out.width, out.height, out.channels, out.data.length]).toEqual([30, 20, 3, img.data.length]);
    expect(img.data.equals(before)).toBe(true);
    expect(outsideUnchanged(img, out, [{ x: 25, y: 0, width: 5, height: 5 }])).toBe(true);
  });

  it('blur leaves no edge inside the region sharper than its cells allow', async () => {
    // A hard black/white checkerboard of 2 px squares: nothing of that pattern may survive.
    const w = 48;
    const data = Buffer.alloc(w * w * 3);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data.fill(((x >> 1) + (y >> 1)) % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const out = await cover({ data, width: w, height: w, channels: 3 }, [{ x: 0, y: 0, width: w, height: w }], options('blur', 3));
    let maxStep = 0;
    for (let y = 0; y < w; y++) for (let x = 1; x < w; x++) maxStep = Math.max(maxStep, Math.abs(out.data[(y * w + x) * 3]! - out.data[(y * w + x - 1) * 3]!));
    expect(maxStep).toBeLessThan(16);
  });
});
