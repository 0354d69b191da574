import { describe, expect, it } from 'vitest';
import { cover, feather } from '../src/obscure.js';
import { random } from '../src/cover/noise.js';
import { coverMask, inside } from '../src/cover/mask.js';
import { stickerSvg } from '../src/cover/sticker.js';
import type { Cover, RawImage } from '../src/types.js';
import type { CoverStyle } from '../src/options.js';

function noiseImage(width: number, height: number, channels: 3 | 4, seed: number): RawImage {
  const rnd = random(seed);
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rnd() * 256);
  return { data, width, height, channels };
}

/**
 * A different image with the same average over every cellW×cellH block of the cover's box, changed
 * only inside the cover's shape: within each block, the pixels whose centres lie inside the shape
 * are shuffled among themselves (channels of a pixel kept together). Everything finer than the
 * blocks changes inside the cover; nothing outside it does.
 */
function shuffledInside(img: RawImage, c: Cover, cellW: number, cellH: number, seed: number): RawImage {
  const out = { ...img, data: Buffer.from(img.data) };
  const rnd = random(seed);
  for (let cy = c.y; cy < c.y + c.height; cy += cellH) {
    for (let cx = c.x; cx < c.x + c.width; cx += cellW) {
      const pixels: number[] = [];
      for (let y = cy; y < cy + cellH; y++)
        for (let x = cx; x < cx + cellW; x++) if (inside(c, x, y)) pixels.push((y * img.width + x) * img.channels);
      const order = [...pixels].sort(() => rnd() - 0.5);
      pixels.forEach((to, i) => img.data.copy(out.data, to, order[i]!, order[i]! + img.channels));
    }
  }
  return out;
}

/** Pixels that differ between a and b: inside any cover's shape, in the feather, and beyond it. */
function changes(a: RawImage, b: RawImage, covers: Cover[], style: CoverStyle) {
  const n = { inside: 0, feather: 0, beyond: 0 };
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const p = (y * a.width + x) * a.channels;
      if (a.data.subarray(p, p + a.channels).equals(b.data.subarray(p, p + b.channels))) continue;
      if (covers.some((c) => inside(c, x, y))) n.inside++;
      else if (
        covers.some(
          (c) => Math.hypot(Math.max(c.x - x, 0, x - c.x - c.width), Math.max(c.y - y, 0, y - c.y - c.height)) <= feather(style, c) + 1,
        )
      )
        n.feather++;
      else n.beyond++;
    }
  }
  return n;
}

const options = (style: CoverStyle, seed?: number) => ({ style, color: '#336699', seed });

describe('cover: irreversible by construction, per cover', () => {
  // Boxes whose cells are whole blocks: blur uses at most 4 cells across (a 40×20 box: 10 px cells),
  // pixelate at most 6 (48×24: 8 px cells). A 200×120 blur is worked out on a smaller field and stretched.
  const cases: { style: CoverStyle; c: Cover; cell: number }[] = [
    { style: 'blur', c: { shape: 'ellipse', x: 12, y: 8, width: 40, height: 20 }, cell: 10 },
    { style: 'blur', c: { shape: 'ellipse', x: 10, y: 6, width: 200, height: 120 }, cell: 10 },
    { style: 'blur', c: { shape: 'rect', x: 12, y: 8, width: 40, height: 20 }, cell: 10 },
    { style: 'pixelate', c: { shape: 'ellipse', x: 4, y: 6, width: 48, height: 24 }, cell: 8 },
    { style: 'pixelate', c: { shape: 'rect', x: 4, y: 6, width: 48, height: 24 }, cell: 8 },
  ];
  for (const { style, c, cell } of cases) {
    const name = `${style} ${c.shape} ${c.width}×${c.height}`;
    for (const channels of [3, 4] as const) {
      it(`${name} (${channels} channels): images that agree on the cell averages give identical output`, async () => {
        const a = noiseImage(c.x + c.width + 16, c.y + c.height + 16, channels, 1);
        const b = shuffledInside(a, c, cell, cell, 2);
        expect(a.data.equals(b.data)).toBe(false);
        for (const seed of [7, undefined]) {
          const ca = await cover(a, [c], options(style, seed));
          const cb = await cover(b, [c], options(style, seed));
          expect(ca.data.equals(cb.data)).toBe(true);
        }
      });
    }
    it(`${name}: a cell average that differs changes the output; nothing beyond the feather changes`, async () => {
      const a = noiseImage(c.x + c.width + 16, c.y + c.height + 16, 3, 3);
      const b = { ...a, data: Buffer.from(a.data) };
      const p = ((c.y + Math.floor(c.height / 2)) * a.width + c.x + Math.floor(c.width / 2)) * 3;
      b.data[p] = (b.data[p]! + 128) % 256; // one pixel moves one cell's average
      const ca = await cover(a, [c], options(style, 5));
      const cb = await cover(b, [c], options(style, 5));
      expect(ca.data.equals(cb.data)).toBe(false);
      const n = changes(a, ca, [c], style);
      expect(n.inside).toBeGreaterThan(0);
      expect(n.beyond).toBe(0);
    });
  }

  it('a turned ellipse is painted whole and depends only on the cells of its own bounds', async () => {
    // A 40×20 oval turned a quarter: its bounds are 20×40 at (22, 8), cut in 2×4 cells of 10 px.
    const c: Cover = { shape: 'ellipse', x: 12, y: 18, width: 40, height: 20, angle: 90 };
    const a = noiseImage(64, 64, 3, 9);
    // Pixels of the turned shape moved within each 10-px cell of its bounds: every cell average stays.
    const b = { ...a, data: Buffer.from(a.data) };
    const rnd = random(4);
    for (let cy = 8; cy < 48; cy += 10) {
      for (let cx = 22; cx < 42; cx += 10) {
        const at: number[] = [];
        for (let y = cy; y < cy + 10; y++) for (let x = cx; x < cx + 10; x++) if (inside(c, x, y)) at.push((y * 64 + x) * 3);
        const order = [...at].sort(() => rnd() - 0.5);
        at.forEach((to, i) => a.data.copy(b.data, to, order[i]!, order[i]! + 3));
      }
    }
    expect(a.data.equals(b.data)).toBe(false);
    const ca = await cover(a, [c], options('blur', 3));
    const cb = await cover(b, [c], options('blur', 3));
    expect(ca.data.equals(cb.data)).toBe(true);
    // The tips of the turned oval (above and below its centre) are painted; the unturned box's left end is not.
    expect(inside(c, 32, 10) && inside(c, 32, 46)).toBe(true);
    expect(inside(c, 14, 28)).toBe(false);
    const solid = await cover(a, [c], options('solid', 3));
    const px = (x: number, y: number, img: RawImage) => [...img.data.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3)];
    expect(px(32, 10, solid)).toEqual(px(32, 28, solid));
    expect(
      solid.data.subarray((28 * 64 + 14) * 3, (28 * 64 + 14) * 3 + 3).equals(a.data.subarray((28 * 64 + 14) * 3, (28 * 64 + 14) * 3 + 3)),
    ).toBe(true);
  });

  it("overlapping covers depend on the original only through each one's own cells", async () => {
    const covers: Cover[] = [
      { shape: 'ellipse', x: 8, y: 8, width: 40, height: 40 }, // 4×4 cells of 10 px
      { shape: 'ellipse', x: 28, y: 28, width: 20, height: 20 }, // 4×4 cells of 5 px, overlapping the first
    ];
    const a = noiseImage(64, 64, 3, 11);
    // 5 px blocks from (8, 8) tile both boxes' cells: shuffling inside them, among pixels under
    // either cover, keeps every cell average of both and changes nothing outside the covers.
    const b = { ...a, data: Buffer.from(a.data) };
    const rnd = random(12);
    for (let cy = 8; cy < 48; cy += 5) {
      for (let cx = 8; cx < 48; cx += 5) {
        const px: number[] = [];
        for (let y = cy; y < cy + 5; y++)
          for (let x = cx; x < cx + 5; x++) if (covers.some((c) => inside(c, x, y))) px.push((y * 64 + x) * 3);
        const order = [...px].sort(() => rnd() - 0.5);
        px.forEach((to, i) => a.data.copy(b.data, to, order[i]!, order[i]! + 3));
      }
    }
    expect(a.data.equals(b.data)).toBe(false);
    const ca = await cover(a, covers, options('blur'));
    const cb = await cover(b, covers, options('blur'));
    expect(ca.data.equals(cb.data)).toBe(true);
  });

  it('sticker: inside the cover the output does not depend on the original at all', async () => {
    const c: Cover = { shape: 'ellipse', x: 10, y: 10, width: 60, height: 76 };
    const [a, b] = [noiseImage(90, 100, 3, 1), noiseImage(90, 100, 3, 2)];
    const [ca, cb] = [await cover(a, [c], options('sticker')), await cover(b, [c], options('sticker'))];
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 90; x++) {
        if (!inside(c, x, y)) continue;
        const p = (y * 90 + x) * 3;
        expect(ca.data.subarray(p, p + 3).equals(cb.data.subarray(p, p + 3))).toBe(true);
      }
    }
    expect(stickerSvg(c, { x: 0, y: 0, width: 90, height: 100 })).not.toMatch(/<text|<image|href/);
  });
});

describe('cover: shapes and looks', () => {
  it("paints an ellipse, not its box: the box's corners keep the photo", async () => {
    const img = noiseImage(100, 100, 3, 4);
    const c: Cover = { shape: 'ellipse', x: 20, y: 10, width: 60, height: 80 };
    for (const style of ['blur', 'pixelate', 'solid', 'sticker'] as const) {
      const out = await cover(img, [c], options(style));
      const corner = (10 * 100 + 20) * 3; // (20, 10): the box's top-left corner, outside the ellipse
      expect(out.data.subarray(corner, corner + 3).equals(img.data.subarray(corner, corner + 3))).toBe(true);
      const n = changes(img, out, [c], style);
      expect(n.beyond).toBe(0);
    }
  });

  it('solid fills the shape with the chosen colour; a 1-px edge smooths it and nothing else changes', async () => {
    const img = noiseImage(40, 40, 4, 31);
    const c: Cover = { shape: 'ellipse', x: 5, y: 5, width: 20, height: 26 };
    const out = await cover(img, [c], options('solid'));
    const p = (18 * 40 + 15) * 4;
    expect([...out.data.subarray(p, p + 4)]).toEqual([0x33, 0x66, 0x99, 255]);
    expect(changes(img, out, [c], 'solid').beyond).toBe(0);
  });

  it('a blur fades into the photo outside its shape only, over a few pixels', () => {
    const c: Cover = { shape: 'ellipse', x: 20, y: 20, width: 80, height: 100 };
    const f = feather('blur', c);
    expect(f).toBeGreaterThanOrEqual(3);
    const mask = coverMask(c, f, 200, 200)!;
    const at = (x: number, y: number) => mask.alpha[(y - mask.rect.y) * mask.rect.width + (x - mask.rect.x)]!;
    expect(at(60, 70)).toBe(1); // centre
    expect(at(60, 21)).toBe(1); // just inside the top
    expect(at(60, 18)).toBeGreaterThan(0); // in the feather, above it
    expect(at(60, 18)).toBeLessThan(1);
    expect(mask.rect.y).toBeGreaterThanOrEqual(20 - f - 1);
  });

  it('is byte-identical across runs without a seed, and the seed changes the noise', async () => {
    const img = noiseImage(80, 60, 3, 21);
    const covers: Cover[] = [{ shape: 'ellipse', x: 10, y: 10, width: 30, height: 40 }];
    const one = await cover(img, covers, options('blur'));
    const two = await cover(img, covers, options('blur'));
    expect(one.data.equals(two.data)).toBe(true);
    const seeded = await cover(img, covers, options('blur', 1));
    const reseeded = await cover(img, covers, options('blur', 2));
    expect(seeded.data.equals(reseeded.data)).toBe(false);
  });

  it('keeps size and channels, leaves the input alone, and paints covers that run off the image', async () => {
    const img = noiseImage(30, 20, 3, 41);
    const before = Buffer.from(img.data);
    const c: Cover = { shape: 'ellipse', x: 20, y: -8, width: 20, height: 20 };
    for (const style of ['blur', 'pixelate', 'solid', 'sticker'] as const) {
      const out = await cover(img, [c], options(style));
      expect([out.width, out.height, out.channels, out.data.length]).toEqual([30, 20, 3, img.data.length]);
      expect(img.data.equals(before)).toBe(true);
      expect(changes(img, out, [c], style).inside).toBeGreaterThan(0);
      expect(changes(img, out, [c], style).beyond).toBe(0);
    }
  });

  it('blur leaves no edge inside the cover sharper than its cells allow', async () => {
    // A hard black/white checkerboard of 2 px squares: nothing of that pattern may survive.
    const w = 48;
    const data = Buffer.alloc(w * w * 3);
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) data.fill(((x >> 1) + (y >> 1)) % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const c: Cover = { shape: 'rect', x: 0, y: 0, width: w, height: w };
    const out = await cover({ data, width: w, height: w, channels: 3 }, [c], options('blur', 3));
    let maxStep = 0;
    for (let y = 0; y < w; y++)
      for (let x = 1; x < w; x++) maxStep = Math.max(maxStep, Math.abs(out.data[(y * w + x) * 3]! - out.data[(y * w + x - 1) * 3]!));
    expect(maxStep).toBeLessThan(16);
  });
});
