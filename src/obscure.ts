// Covering styles, irreversible by construction: inside a cover the output depends on the original
// only through a few cell averages of that cover's own box (≤ 4×4 for blur, ≤ 6 across for
// pixelate) plus seeded noise — or not at all (solid, sticker). Nothing finer than those averages
// is in the output, so nothing finer can be recovered from it, whatever model is pointed at it.
// A soft edge blends each cover into the photo outside its shape only (cover/mask.ts).
import type { Options } from './options.js';
import type { Cover, RawImage } from './types.js';
import { clampRect } from './plan.js';
import { blurPatch } from './cover/blur.js';
import { measure, edges, type Grid } from './cover/cells.js';
import { coverBounds, coverMask, type Mask } from './cover/mask.js';
import { random } from './cover/noise.js';
import { stickerPatch } from './cover/sticker.js';

type CoverOptions = Pick<Options, 'style' | 'color' | 'seed'>;

/** A copy of `img` with every cover painted in `options.style`. */
export async function cover(img: RawImage, covers: Cover[], options: CoverOptions): Promise<RawImage> {
  const out: RawImage = { ...img, data: Buffer.from(img.data) };
  // Every average is taken from the original before anything is painted, so overlapping covers
  // still depend on the original only through their own cells.
  const planned: { c: Cover; grid: Grid; mask: Mask }[] = [];
  for (const c of covers) {
    // The cells span the shape's bounds: a turned ellipse reaches past its own box.
    const box = clampRect(coverBounds(c), img.width, img.height);
    const mask = box && coverMask(c, feather(options.style, c), img.width, img.height);
    if (box && mask) planned.push({ c, grid: measure(img, box, options.style === 'pixelate' ? 6 : 4, options.seed), mask });
  }
  for (const { c, grid, mask } of planned) {
    const patch = await paint(options, c, grid, mask, img.channels);
    // Blended over what is already painted, never over the original: a feather crossing another
    // cover mixes two covers, it does not bring the original back.
    blend(out, mask, patch);
  }
  return out;
}

/**
 * How many pixels each style fades over outside its shape: the blur melts into the photo, as a
 * soft lens blur would; the other styles are drawn shapes and only smooth their edge.
 */
export function feather(style: Options['style'], c: Cover): number {
  return style === 'blur' ? Math.max(1, Math.round((0.12 * Math.min(c.width, c.height)) / 2)) : 1;
}

async function paint(o: CoverOptions, c: Cover, g: Grid, mask: Mask, ch: number): Promise<Uint8Array> {
  switch (o.style) {
    case 'solid':
      return solidPatch(mask, ch, o.color);
    case 'sticker':
      return stickerPatch(c, mask.rect, ch);
    case 'pixelate':
      return mosaicPatch(g, mask, ch);
    default:
      return blurPatch(g, mask.rect, ch);
  }
}

function blend(out: RawImage, { rect, alpha }: Mask, patch: Uint8Array): void {
  const ch = out.channels;
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const a = alpha[y * rect.width + x]!;
      if (a === 0) continue;
      const p = ((rect.y + y) * out.width + rect.x + x) * ch;
      const q = (y * rect.width + x) * ch;
      for (let c = 0; c < ch; c++) out.data[p + c] = a === 1 ? patch[q + c]! : Math.round(out.data[p + c]! * (1 - a) + patch[q + c]! * a);
    }
  }
}

function solidPatch({ rect }: Mask, ch: number, color: string): Uint8Array {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  const patch = new Uint8Array(rect.width * rect.height * ch);
  for (let p = 0; p < patch.length; p += ch) {
    patch[p] = rgb[0]!;
    patch[p + 1] = rgb[1]!;
    patch[p + 2] = rgb[2]!;
    if (ch === 4) patch[p + 3] = 255;
  }
  return patch;
}

/** A mosaic: one flat colour per cell (its mean moved by seeded noise); the feather beyond the box takes the edge cells. */
function mosaicPatch(g: Grid, { rect }: Mask, ch: number): Uint8Array {
  const rnd = random(g.seed);
  const colours = Array.from({ length: g.cols * g.rows }, (_, i) => {
    const light = (rnd() - 0.5) * 24; // the noise moves a cell's brightness by up to ±12 levels
    return Array.from({ length: ch }, (_, c) => {
      const v = g.means[i * ch + c]!;
      return clampByte(c < 3 ? v + light + (rnd() - 0.5) * 6 : v);
    });
  });
  const xs = edges(g.box.x, g.box.width, g.cols);
  const ys = edges(g.box.y, g.box.height, g.rows);
  const cellOf = (v: number, e: number[]) => {
    let i = 0;
    while (i < e.length - 2 && v >= e[i + 1]!) i++;
    return i;
  };
  const colOf = Array.from({ length: rect.width }, (_, x) => cellOf(rect.x + x, xs));
  const patch = new Uint8Array(rect.width * rect.height * ch);
  for (let y = 0; y < rect.height; y++) {
    const row = cellOf(rect.y + y, ys);
    for (let x = 0; x < rect.width; x++) {
      const colour = colours[row * g.cols + colOf[x]!]!;
      patch.set(colour, (y * rect.width + x) * ch);
    }
  }
  return patch;
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
