// Step 3: the primary image only, upright (orientation applied), sRGB, 8-bit.
// Everything later (detect, cover, encode) works on these pixels, so nothing else of the file survives.
import sharp, { type Metadata, type Sharp } from 'sharp';
import { SafeError } from './errors.js';
import { declaredSize } from './declared-size.js';
import { decodeHeicPixels } from './decode-heic.js';
import type { Source } from './read.js';
import type { RawImage, Warning } from './types.js';

export interface Decoded {
  image: RawImage;
  warnings: Warning[];
}

export interface DecodeLimits {
  maxPixels: number;
  /** Longest side of the result, 0 = keep size. */
  maxSize: number;
}

/** "3600 MP", "0.26 MP": whole numbers from 10 MP up, two significant digits below (a --max-pixels 0.5 limit). */
function megapixels(n: number): string {
  return `${n >= 1e7 ? Math.round(n / 1e6) : Number((n / 1e6).toPrecision(2))} MP`;
}

function describeMegapixels(w: number, h: number): string {
  return `${w}×${h} (${megapixels(w * h)})`;
}

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (!(width > 0 && height > 0)) throw new SafeError('corrupt', 'the image declares no size; the file is damaged');
  if (width * height > maxPixels) {
    throw new SafeError(
      'too-many-pixels',
      `the image declares ${describeMegapixels(width, height)}, above the ${megapixels(maxPixels)} limit ` +
        '(a decompression bomb or a huge scan); nothing was decoded',
    );
  }
}

/** Maps libvips/libheif messages to a reason a person understands. */
function decodeError(format: string, e: unknown): SafeError {
  if (e instanceof SafeError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const name = format.toUpperCase();
  if (/premature end|unexpected end|truncat|end of file|bad seek|short read|not enough data|Invalid input/i.test(msg)) {
    return new SafeError('truncated', `the file is cut short (truncated ${name})`, { cause: e });
  }
  if (/pixel limit/i.test(msg)) {
    return new SafeError('too-many-pixels', 'the image is larger than the pixel limit; nothing was decoded', { cause: e });
  }
  return new SafeError('corrupt', `the ${name} data is damaged and cannot be decoded safely (${firstLine(msg)})`, {
    cause: e,
  });
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim().slice(0, 160);
}

async function decodeHeic(src: Source, limits: DecodeLimits): Promise<RawImage> {
  try {
    return await decodeHeicPixels(src.bytes, (width, height) => checkPixels(width, height, limits.maxPixels));
  } catch (e) {
    throw decodeError('heic', e);
  }
}

/** Decodes the primary image of a source into upright sRGB pixels, within the limits. */
export async function decode(src: Source, limits: DecodeLimits): Promise<Decoded> {
  const warnings: Warning[] = [];
  checkDeclared(src, limits);
  let input: Sharp;
  let rawInput: RawImage | undefined;
  if (src.format === 'heic') {
    rawInput = await decodeHeic(src, limits);
    input = sharp(rawInput.data, { raw: { width: rawInput.width, height: rawInput.height, channels: rawInput.channels } });
    // libheif always hands over RGBA; an opaque alpha is dropped here, in the same pass, rather than
    // by dropOpaqueAlpha after it (one 48 MB copy and one pass fewer for a 12 MP photo, same pixels).
    if (rawInput.channels === 4 && opaque(rawInput.data)) input = input.removeAlpha();
  } else {
    const meta = await checkedHeader(src, limits);
    if ((meta.pages ?? 1) > 1) {
      warnings.push({
        code: 'animated',
        message: `this is an animation of ${meta.pages} frames; only the first frame was kept`,
      });
    }
    input = sharp(src.bytes, { limitInputPixels: limits.maxPixels, page: 0, pages: 1, failOn: 'warning' }).rotate();
  }
  if (limits.maxSize > 0) {
    input = input.resize({ width: limits.maxSize, height: limits.maxSize, fit: 'inside', withoutEnlargement: true });
  }
  try {
    const { data, info } = await input.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const channels = info.channels === 4 ? 4 : 3;
    if (info.channels !== channels) throw new SafeError('corrupt', `unexpected ${info.channels}-channel image after conversion`);
    const image: RawImage = { data, width: info.width, height: info.height, channels };
    const before = limits.maxSize > 0 ? (rawInput ?? (await uprightSize(src))) : undefined;
    if (before && (before.width !== image.width || before.height !== image.height)) {
      warnings.push({ code: 'downscaled', message: `downscaled from ${before.width}×${before.height} to ${image.width}×${image.height}` });
    }
    return { image: await dropOpaqueAlpha(image), warnings };
  } catch (e) {
    throw decodeError(src.format, e);
  }
}

/** The pixel limit on the size the container declares, read by our own walkers: decoders misreport hostile sizes. */
function checkDeclared(src: Source, limits: DecodeLimits): void {
  const declared = declaredSize(src.bytes, src.format);
  // Only a too-large declaration counts here; an unreadable one is left to the decoder to judge.
  if (declared && declared.width * declared.height > limits.maxPixels) checkPixels(declared.width, declared.height, limits.maxPixels);
}

/** The header as libvips reads it, with the pixel limit checked on the size it reports. */
async function checkedHeader(src: Source, limits: DecodeLimits): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(src.bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (e) {
    throw decodeError(src.format, e);
  }
  checkPixels(meta.width ?? 0, meta.height ?? 0, limits.maxPixels);
  return meta;
}

/** Upright sRGB pixels that are never held whole: they stream from the file into the encoder. */
export interface Streamable {
  width: number;
  height: number;
  /** The pipeline decode() runs, ready for an encoder; it fails when run, as decode() would (see decodeError). */
  open(): Sharp;
  decodeError(e: unknown): SafeError;
}

/**
 * With nothing to paint, a JPEG can go from file to encoder in one libvips pipeline: the same
 * upright sRGB pixels decode() gives (the bytes written are identical), without the 36 MB copy of a
 * 12 MP photo. Undefined where the two could differ: anything but an 8-bit 1- or 3-channel JPEG, or
 * a size limit that downscales. The header is checked here, as decode() checks it.
 */
export async function streamable(src: Source, limits: DecodeLimits): Promise<Streamable | undefined> {
  if (src.format !== 'jpeg' || limits.maxSize > 0) return undefined;
  checkDeclared(src, limits);
  const meta = await checkedHeader(src, limits);
  if (meta.depth !== 'uchar' || meta.hasAlpha || (meta.channels !== 1 && meta.channels !== 3)) return undefined;
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    width: turned ? meta.height! : meta.width!,
    height: turned ? meta.width! : meta.height!,
    open: () =>
      sharp(src.bytes, { limitInputPixels: limits.maxPixels, page: 0, pages: 1, failOn: 'warning' }).rotate().toColourspace('srgb'),
    decodeError: (e) => decodeError(src.format, e),
  };
}

async function uprightSize(src: Source): Promise<{ width: number; height: number } | undefined> {
  const m = await sharp(src.bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  if (!m.width || !m.height) return undefined;
  return (m.orientation ?? 1) >= 5 ? { width: m.height, height: m.width } : { width: m.width, height: m.height };
}

/** Every alpha value of RGBA pixels is 255. */
function opaque(rgba: Buffer): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

/** An alpha channel that is fully opaque carries nothing; dropping it keeps JPEG/PNG output simple and small. */
async function dropOpaqueAlpha(img: RawImage): Promise<RawImage> {
  if (img.channels !== 4 || !opaque(img.data)) return img;
  const d = img.data;
  const { data } = await sharp(d, { raw: { width: img.width, height: img.height, channels: 4 } })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: img.width, height: img.height, channels: 3 };
}
