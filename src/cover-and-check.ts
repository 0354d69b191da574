// Paint the covers, then look again: the detector checks that no face shows around them (a cover
// planned from a box that was too small), a cover a face peeks out of grows once, and a face that
// still shows is painted over in plain colour.
import { recheck } from './faces/index.js';
import { cover } from './obscure.js';
import type { Options } from './options.js';
import { growCovers } from './plan.js';
import { timed, type Timings } from './timings.js';
import { inside } from './cover/mask.js';
import type { Cover, Face, RawImage, Rect, Warning } from './types.js';

/**
 * Paints the covers and re-checks with the detector that no face shows around them; when one
 * does, the cover it peeks out of grows (or the face gets its own) and the original is covered
 * again, `grows` times (once by default); a face that still shows is painted over in plain colour. Faces no cover is centred
 * on were left visible on purpose (`faces`: all the faces found) and are not covered by the second
 * look. Returns the covered pixels, the covers painted and how many of them were painted over last.
 */
export async function coverAndCheck(
  img: RawImage,
  covers: Cover[],
  o: Options,
  faces: Face[] = [],
  t: Timings = {},
  grows = 1,
): Promise<{ pixels: RawImage; regions: Cover[]; warnings: Warning[]; painted: number }> {
  const kept = faces
    .map((f) => f.box)
    .filter((b) => !covers.some((c) => inside(c, Math.floor(b.x + b.width / 2), Math.floor(b.y + b.height / 2))));
  if (!covers.length) return { pixels: img, regions: covers, warnings: [], painted: 0 };
  let current = covers;
  let pixels = await timed(t, 'cover', () => cover(img, current, o));
  if (o.faces === 'none') return { pixels, regions: current, warnings: [], painted: 0 };
  let left = await timed(t, 'recheck', () => recheckCovers(img, pixels, current, o, kept));
  const warnings: Warning[] = [];
  for (let round = 0; round < grows && left.length; round++) {
    current = growCovers(current, left);
    pixels = await timed(t, 'cover', () => cover(img, current, o));
    left = await timed(t, 'recheck', () => recheckCovers(img, pixels, current, o, kept));
    if (round === 0) warnings.push({ code: 'cover-grown', message: 'a cover was too small and was enlarged' });
  }
  if (!left.length) return { pixels, regions: current, warnings, painted: 0 };
  // Still a face after growing its cover: every photo that can be read gets a copy, so the head is
  // painted over in plain colour (nothing of it is left to see) and the parent is asked to look.
  const heads = growCovers([], left);
  pixels = await timed(t, 'cover', () => cover(pixels, heads, { ...o, style: 'solid' }));
  warnings.push({ code: 'face-painted', message: 'a face still showed through its cover and was painted over in plain colour' });
  // Painted over heads already under a cover: not faces of their own in the count.
  return { pixels, regions: [...current, ...heads], warnings, painted: heads.length };
}

/**
 * Faces still showing around the covers. A sticker is a drawn face by design, so the look is
 * taken on the same covers painted flat: what shows around them is the same either way.
 */
async function recheckCovers(img: RawImage, covered: RawImage, covers: Cover[], o: Options, kept: Rect[]) {
  const pixels = o.style === 'sticker' ? await cover(img, covers, { ...o, style: 'solid' }) : covered;
  return recheck(pixels, covers, kept);
}
