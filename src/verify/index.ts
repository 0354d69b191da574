// The independent re-read that decides whether a written file may be kept: the structure must hold
// nothing beyond a per-format allowlist, nothing may follow the image's end, the format and pixel size
// must be what was written, and exifr (a second, independent reader) must find no metadata at all.
// Reads headers only; pixels are never decoded here.
import { readFile } from 'node:fs/promises';
import * as exifr from '../inspect/exifr.js';
import { sniff } from '../formats.js';
import type { ImageFormat, Problem, VerifyReport } from '../types.js';
import { problem, type Check } from './check.js';
import { checkJpeg } from './jpeg.js';
import { checkPng } from './png.js';
import { checkWebp } from './webp.js';
import { checkTiff } from './tiff.js';
import { checkBmff } from './bmff.js';
import { checkGif } from './gif.js';

export interface VerifyExpect {
  format?: ImageFormat;
  width?: number;
  height?: number;
}

const checks: Record<ImageFormat, (b: Buffer) => Check> = {
  jpeg: checkJpeg,
  png: checkPng,
  webp: checkWebp,
  tiff: checkTiff,
  avif: checkBmff,
  heic: checkBmff,
  gif: checkGif,
};

/**
 * Formats exifr reads on its own. HEIC is left to the walker: it is never an output, and exifr prints
 * warnings about multi-extent items in phone HEICs. ICC is left to the walkers too (each format's profile
 * container is on their deny list) because exifr warns on split profiles.
 */
const exifrFormats = new Set<ImageFormat>(['jpeg', 'png', 'tiff', 'avif']);
/** TIFF tags exifr reports that only describe the pixels. */
const pixelTags = new Set([
  'NewSubfileType',
  'SubfileType',
  'ImageWidth',
  'ImageHeight',
  'BitsPerSample',
  'Compression',
  'PhotometricInterpretation',
  'FillOrder',
  'StripOffsets',
  'SamplesPerPixel',
  'RowsPerStrip',
  'StripByteCounts',
  'XResolution',
  'YResolution',
  'PlanarConfiguration',
  'ResolutionUnit',
  'Predictor',
  'ColorMap',
  'TileWidth',
  'TileLength',
  'TileOffsets',
  'TileByteCounts',
  'ExtraSamples',
  'SampleFormat',
  'JPEGTables',
  'YCbCrCoefficients',
  'YCbCrSubSampling',
  'YCbCrPositioning',
  'ReferenceBlackWhite',
  'Orientation',
  'MinSampleValue',
  'MaxSampleValue',
  'SMinSampleValue',
  'SMaxSampleValue',
]);

/** What exifr finds beyond pixel-describing tags, as group names ("gps", "xmp", ...). */
async function exifrFindings(b: Buffer): Promise<string[]> {
  let out: Record<string, unknown> | undefined;
  try {
    out = await exifr.parse(b, {
      tiff: true,
      exif: true,
      gps: true,
      interop: true,
      ifd1: true,
      xmp: true,
      iptc: true,
      icc: false,
      jfif: false,
      ihdr: false,
      makerNote: true,
      userComment: true,
      mergeOutput: false,
      multiSegment: true,
    });
  } catch {
    return [];
  }
  if (!out) return [];
  return Object.entries(out)
    .filter(([group, v]) => group !== 'errors' && v && typeof v === 'object')
    .filter(([group, v]) => group !== 'ifd0' || Object.keys(v as object).some((k) => !pixelTags.has(k)))
    .map(([group]) => group);
}

export async function verifyBytes(bytes: Buffer, expect?: VerifyExpect): Promise<Omit<VerifyReport, 'path'>> {
  const s = sniff(bytes);
  if (s.kind !== 'image') {
    const what = s.kind === 'unsupported' ? s.name : 'not an image we recognise';
    return { clean: false, problems: [problem('not-an-image', `The file is ${what}.`)] };
  }
  const format = s.format;
  let c: Check;
  try {
    c = checks[format](bytes);
  } catch {
    c = { problems: [problem('structure', 'The file could not be read to the end.')] };
  }
  const problems: Problem[] = [...c.problems];
  if (expect?.format && expect.format !== format)
    problems.push(problem('wrong-format', `The file is ${format.toUpperCase()}, expected ${expect.format.toUpperCase()}.`));
  if (c.width === undefined || c.height === undefined)
    problems.push(problem('structure', 'The pixel size could not be read from the header.'));
  else if ((expect?.width !== undefined && expect.width !== c.width) || (expect?.height !== undefined && expect.height !== c.height)) {
    problems.push(
      problem(
        'wrong-size',
        `The image is ${c.width}×${c.height} pixels, expected ${expect?.width ?? c.width}×${expect?.height ?? c.height}.`,
      ),
    );
  }
  // A file the walker already refuses gains nothing from a second reader, and damaged files are where
  // exifr is slow (it walks lying value counts).
  if (exifrFormats.has(format) && problems.length === 0) {
    const groups = await exifrFindings(bytes);
    if (groups.length) problems.push(problem('metadata', `An independent metadata reader still finds: ${groups.join(', ')}.`));
  }
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.code + p.message) && !!seen.add(p.code + p.message));
  return {
    clean: unique.length === 0,
    format,
    ...(c.width !== undefined && c.height !== undefined ? { width: c.width, height: c.height } : {}),
    problems: unique,
  };
}

/**
 * Checks a written file independently of how it was made: its structure walked segment by segment
 * against an allowlist (no EXIF, GPS, XMP, thumbnails, trailers…), and, when given, the format and size
 * it should have.
 * @param path the file to check
 * @param expect the format and pixel size the file must have
 * @returns `clean: true`, or the problems found, each with a code and a sentence
 * @throws never: an unreadable file is a problem in the report
 * @example
 * const report = await verifyFile('beach.safe.jpg', { format: 'jpeg' });
 * if (!report.clean) console.error(report.problems.map((p) => p.message).join('\n'));
 */
export async function verifyFile(path: string, expect?: VerifyExpect): Promise<VerifyReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : 'it could not be read';
    return { path, clean: false, problems: [problem('unreadable', `The file cannot be checked: ${why}.`)] };
  }
  return { path, ...(await verifyBytes(bytes, expect)) };
}
