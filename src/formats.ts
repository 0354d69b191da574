// Format from magic bytes, never from the extension: a PNG named .jpg is a PNG.
import { entry, walkTiff } from './containers/tiff.js';
import type { ImageFormat, OutputFormat } from './types.js';

/** What the first bytes say, including formats we recognise only to refuse them clearly. */
export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'unsupported'; name: string } | { kind: 'unknown' };

const ascii = (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

/** HEIF brands (images) and AVIF brands, from the ftyp box's major and compatible brands. */
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2', 'heif']);
const avifBrands = new Set(['avif', 'avis']);

function sniffFtyp(b: Buffer): Sniffed {
  const size = b.readUInt32BE(0);
  const end = Math.min(b.length, size >= 16 && size <= 4096 ? size : 16);
  const brands: string[] = [ascii(b, 8, 12)];
  for (let o = 16; o + 4 <= end; o += 4) brands.push(ascii(b, o, o + 4));
  if (brands.some((x) => avifBrands.has(x))) return { kind: 'image', format: 'avif' };
  if (brands.some((x) => heicBrands.has(x))) return { kind: 'image', format: 'heic' };
  if (brands.some((x) => ['qt  ', 'isom', 'mp41', 'mp42', 'M4V ', '3gp4', '3gp5'].includes(x))) {
    return { kind: 'unsupported', name: 'a video' };
  }
  if (brands.some((x) => x.startsWith('crx'))) return { kind: 'unsupported', name: 'a Canon RAW (CR3) file' };
  if (brands.includes('jxl ')) return { kind: 'unsupported', name: 'JPEG XL' };
  return { kind: 'unsupported', name: `an ISO media file (brand ${brands[0].trim() || '?'})` };
}

export function sniff(b: Buffer): Sniffed {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', format: 'jpeg' };
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) {
    return { kind: 'image', format: 'png' };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (b.length >= 4) {
    const tiffLE = b[0] === 0x49 && b[1] === 0x49;
    const tiffBE = b[0] === 0x4d && b[1] === 0x4d;
    if (tiffLE || tiffBE) {
      const magic = tiffLE ? b.readUInt16LE(2) : b.readUInt16BE(2);
      if (magic === 42) {
        // Camera RAW files are TIFF underneath; their main image is not what sharp would show.
        if (b.length >= 10 && ascii(b, 8, 10) === 'CR') return { kind: 'unsupported', name: 'a Canon RAW (CR2) file' };
        return { kind: 'image', format: 'tiff' };
      }
      if (magic === 43) return { kind: 'unsupported', name: 'BigTIFF' };
      if (magic === 0x4f52 || magic === 0x5352) return { kind: 'unsupported', name: 'an Olympus RAW (ORF) file' };
      if (magic === 0x55) return { kind: 'unsupported', name: 'a Panasonic RAW file' };
    }
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') return sniffFtyp(b);
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return { kind: 'unsupported', name: 'BMP' };
  if (b.length >= 16 && ascii(b, 0, 16) === 'FUJIFILMCCD-RAW ') return { kind: 'unsupported', name: 'a Fujifilm RAW (RAF) file' };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0x0a) return { kind: 'unsupported', name: 'JPEG XL' };
  if (b.length >= 12 && b.readUInt32BE(0) === 0x0000000c && ascii(b, 4, 8) === 'JXL ') return { kind: 'unsupported', name: 'JPEG XL' };
  if (b.length >= 12 && b.readUInt32BE(0) === 0x0000000c && ascii(b, 4, 8) === 'jP  ') return { kind: 'unsupported', name: 'JPEG 2000' };
  if (b.length >= 4 && b.readUInt32BE(0) === 0xff4fff51) return { kind: 'unsupported', name: 'JPEG 2000' };
  if (b.length >= 4 && ascii(b, 0, 4) === '8BPS') return { kind: 'unsupported', name: 'a Photoshop document' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'FLIF') return { kind: 'unsupported', name: 'FLIF' };
  if (b.length >= 9 && ascii(b, 0, 9) === 'gimp xcf ') return { kind: 'unsupported', name: 'a GIMP document' };
  if (b.length >= 4 && b.readUInt32BE(0) === 0x00000100) return { kind: 'unsupported', name: 'an icon (ICO)' };
  if (b.length >= 14 && ascii(b, 0, 14) === 'id=ImageMagick') return { kind: 'unsupported', name: 'MIFF' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'FOVb') return { kind: 'unsupported', name: 'a Sigma RAW (X3F) file' };
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return { kind: 'unsupported', name: 'a PDF document' };
  const head = ascii(b, 0, Math.min(b.length, 256)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return { kind: 'unsupported', name: 'SVG (a drawing, not a photo)' };
  }
  return { kind: 'unknown' };
}

const DNG_VERSION = 0xc612;
const PHOTOMETRIC = 0x0106;
/** Photometric interpretations of sensor data: colour filter array, linear raw. */
const rawPhotometrics = new Set([32803, 34892]);

/**
 * Camera RAW files that are TIFF underneath (DNG, NEF, ARW, PEF…): their first image is a small
 * preview, not the photo, so a "safe copy" of it would be a thumbnail. Names the kind, or undefined.
 */
export function cameraRawInTiff(b: Buffer): string | undefined {
  const t = walkTiff(b);
  if (entry(t.ifds[0], DNG_VERSION)) return 'a DNG camera RAW file';
  for (const ifd of t.ifds) {
    const e = entry(ifd, PHOTOMETRIC);
    if (!e || e.valueOffset + 2 > b.length) continue;
    const value = t.littleEndian ? b.readUInt16LE(e.valueOffset) : b.readUInt16BE(e.valueOffset);
    if (rawPhotometrics.has(value)) return 'a camera RAW file';
  }
  return undefined;
}

/** Output format for an input format when the user keeps it: HEIC cannot be written, so JPEG. */
export function keptFormat(input: ImageFormat): OutputFormat {
  return input === 'heic' ? 'jpeg' : input;
}

export const extensionFor: Record<OutputFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  tiff: 'tif',
  avif: 'avif',
  gif: 'gif',
};

/** Extensions the engine picks up when walking folders (case-insensitive). */
export const imageExtensions = ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'tif', 'tiff', 'avif', 'heic', 'heif', 'hif', 'gif'];
