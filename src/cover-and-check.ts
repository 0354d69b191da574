// Paint the covers, then look again: the detector checks that no face shows around them (a cover
// planned from a box that was too small), and a cover a face peeks out of grows once.
import { SafeError } from './errors.js';
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
 * again, once. Faces no cover is centred on were left visible on purpose (`faces`: all the faces
 * found) and are not covered by the second look. Returns the covered pixels and the covers painted.
 */
export async function coverAndCheck(
  img: RawImage,
  covers: Cover[],
  o: Options,
  faces: Face[] = [],
  t: Timings = {},
): Promise<{ pixels: RawImage; regions: Cover[]; warnings: Warning[] }> {
  const kept = faces
    .map((f) => f.box)
    .filter((b) => !covers.some((c) => inside(c, Math.floor(b.x + b.width / 2), Math.floor(b.y + b.height / 2))));
  if (!covers.length) return { pixels: img, regions: covers, warnings: [] };
  let current = covers;
  let pixels = await timed(t, 'cover', () => cover(img, current, o));
  if (o.faces === 'none') return { pixels, regions: current, warnings: [] };
  let left = await timed(t, 'recheck', () => recheckCovers(img, pixels, current, o, kept));
  if (!left.length) return { pixels, regions: current, warnings: [] };
  current = growCovers(current, left);
  pixels = await timed(t, 'cover', () => cover(img, current, o));
  left = await timed(t, 'recheck', () => recheckCovers(img, pixels, current, o, kept));
  if (left.length) {
    throw new SafeError(
      'faces-remain',
      'a face was still recognisable after covering it twice; nothing was written — cover this photo by hand in the desktop app',
    );
  }
  return { pixels, regions: current, warnings: [{ code: 'cover-grown', message: 'a cover was too small and was enlarged' }] };
}

/**
 * Faces still showing around the covers. A sticker is a drawn face by design, so the look is
 * taken on the same covers painted flat: what shows around them is the same either way.
 */
async function recheckCovers(img: RawImage, covered: RawImage, covers: Cover[], o: Options, kept: Rect[]) {
  const pixels = o.style === 'sticker' ? await cover(img, covers, { ...o, style: 'solid' }) : covered;
  return recheck(pixels, covers, kept);
}
