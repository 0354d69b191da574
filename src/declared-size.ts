// The pixel size a file declares, read by our own walkers before any decoder sees the file. Decoders are not
// a reliable first line against decompression bombs: libvips reports an AVIF declaring 2147483647×2147483647
// as 1×1 (and prints GLib warnings), so the pixel limit is checked on what the container itself says.
import { itemProperties, ispe, readHeifMeta, walkBmff } from './containers/bmff.js';
import { walkGif } from './containers/gif.js';
import { walkJpeg } from './containers/jpeg.js';
import { walkPng } from './containers/png.js';
import { walkWebp } from './containers/riff.js';
import { entry, tiffReader, walkTiff } from './containers/tiff.js';
import type { ImageFormat } from './types.js';

export interface Size {
  width: number;
  height: number;
}

function primaryIspe(b: Buffer): Size | undefined {
  const s = walkBmff(b);
  const meta = s.boxes.find((x) => x.type === 'meta');
  if (!meta) return undefined;
  const m = readHeifMeta(b, meta, []);
  if (m.primary === undefined) return undefined;
  const p = itemProperties(m, m.primary).find((x) => x.type === 'ispe');
  return p && ispe(b, p);
}

function tiffSize(b: Buffer): Size | undefined {
  const r = tiffReader(b);
  const ifd0 = walkTiff(b).ifds[0];
  const w = entry(ifd0, 256);
  const h = entry(ifd0, 257);
  if (!r || !w || !h) return undefined;
  const [width] = r.numbers(w, 1);
  const [height] = r.numbers(h, 1);
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

function gifSize(b: Buffer): Size | undefined {
  const s = walkGif(b);
  if (s.width === undefined || s.height === undefined) return undefined;
  // A frame may be larger than the screen it is drawn on; the decoder's canvas covers both.
  const frames = s.blocks.flatMap((x) => (x.rect ? [x.rect] : []));
  const width = Math.max(s.width, ...frames.map((f) => f.left + f.width));
  const height = Math.max(s.height, ...frames.map((f) => f.top + f.height));
  return { width, height };
}

const readers: Record<ImageFormat, (b: Buffer) => Partial<Size> | undefined> = {
  jpeg: walkJpeg,
  png: walkPng,
  webp: walkWebp,
  gif: gifSize,
  tiff: tiffSize,
  heic: primaryIspe,
  avif: primaryIspe,
};

/** The declared size of the primary image, when the header states one (undefined: leave it to the decoder). */
export function declaredSize(b: Buffer, format: ImageFormat): Size | undefined {
  const s = readers[format](b);
  return s && s.width !== undefined && s.height !== undefined ? { width: s.width, height: s.height } : undefined;
}
