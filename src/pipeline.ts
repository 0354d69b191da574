// The photo's journey, in two stages so the desktop app can pause for review between them:
//   analyze: read → inspect → decode → detect → plan
//   render:  obscure → re-check → encode → write + verify → report
import sharp from 'sharp';
import { decode, streamable, type Streamable } from './decode.js';
import { encode, encodeStream } from './encode.js';
import { checkReasons } from './contract/index.js';
import { SafeError, errorView, type ErrorView } from './errors.js';
import { findFaces } from './faces/index.js';
import { coverAndCheck } from './cover-and-check.js';
import { keptFormat } from './formats.js';
import { inspectBytes } from './inspect/index.js';
import { outputPathFor, type Placement } from './naming.js';
import { resolveOptions, type Options } from './options.js';
import { planCovers, readingOrder } from './plan.js';
import { sanitizeCovers } from './cover/sanitize.js';
import { madeBefore, rememberCopy } from './made.js';
import { readSource, type Source } from './read.js';
import type { Cover, Face, Finding, ImageFormat, OutputFormat, RawImage, Rect, Warning } from './types.js';
import { verifyFile } from './verify/index.js';
import { publish } from './write.js';
import { timed, type Timings } from './timings.js';
import { untouched } from './untouched.js';

/** A small JPEG of the upright image (built from decoded pixels, so it carries no metadata). */
export interface Preview {
  mime: 'image/jpeg';
  data: Buffer;
  width: number;
  height: number;
}

export interface Analysis {
  path: string;
  format: ImageFormat;
  bytes: number;
  /** sha256 of the original; render refuses to go on if the file changed since. */
  hash: string;
  /** Size of the upright image the regions refer to (after any --max-size downscale). */
  width: number;
  height: number;
  /** What the original gives away (all of it is gone from the output). */
  findings: Finding[];
  /** In reading order (rows top to bottom, left to right): the numbers the review shows. */
  faces: Face[];
  /** The covers the engine proposes, one per face not left visible, in upright pixels. */
  regions: Cover[];
  warnings: Warning[];
  preview?: Preview;
}

export type ResultStatus = 'done' | 'skipped' | 'failed';

export interface Result {
  input: string;
  status: ResultStatus;
  output?: string;
  error?: ErrorView;
  format?: OutputFormat;
  width?: number;
  height?: number;
  /** Faces found (by the detector or declared in the file), each once. */
  faces: number;
  /** Covers painted: one per face covered (found, declared or drawn by hand). */
  facesCovered: number;
  /** The covers painted in the output, in its pixels. */
  regions: Cover[];
  /** Faces left uncovered on purpose, with the reason. */
  kept: { box: Rect; reason: string }[];
  /**
   * Each face found, in reading order, so a cover can be audited: its box, the detector's score
   * (1 for a region the file declares) and the detector's five points (right eye, left eye, nose,
   * right and left mouth corner, as seen), rounded to the pixel.
   */
  found?: { box: Rect; score: number; source: Face['source']; landmarks?: [number, number][] }[];
  /** What the original gave away and the output no longer does (empty when nothing was written). */
  removed: Finding[];
  warnings: Warning[];
  ms: number;
  /** Milliseconds per stage, for the benchmark. */
  timings?: Timings;
}

export interface AnalyzeExtras {
  /** Also build a preview JPEG whose longest side is at most this many pixels. */
  previewSize?: number;
}

/**
 * What analyze decoded, handed to render by a caller in the same thread (processFile): the pixels,
 * or, with nothing to find in a JPEG, the file to stream from decoder to encoder; and the stage
 * times so far. An Analysis alone is plain data (the desktop app sends it between processes): given
 * one without this, render decodes the file again after checking it did not change.
 */
export interface Decoded {
  image?: RawImage;
  stream?: Streamable;
  timings: Timings;
}

function decodeLimits(o: Options) {
  return { maxPixels: o.maxPixels, maxSize: o.maxSize };
}

/**
 * Reads, inspects, decodes and looks for faces in one photo, writing nothing.
 * @param path the photo
 * @param options the engine options
 * @param extras optional extras (see AnalyzeExtras)
 * @returns its size, what it gives away, the faces found and the regions proposed to cover
 * @throws SafeError with a code and a sentence (unreadable, unsupported, too large, damaged…)
 * @example
 * const a = await analyze('IMG_4032.HEIC', { faces: 'all' });
 */
export async function analyze(path: string, options: Partial<Options> = {}, extras: AnalyzeExtras = {}): Promise<Analysis> {
  return (await analyzeDecoded(path, options, extras)).analysis;
}

/** analyze, also returning what it decoded, for render in the same thread (see Decoded). */
async function analyzeDecoded(
  path: string,
  options: Partial<Options> = {},
  extras: AnalyzeExtras = {},
): Promise<{ analysis: Analysis; decoded: Decoded }> {
  const o = resolveOptions(options);
  const t: Timings = {};
  const src = await timed(t, 'read', () => readSource(path, o));
  const inspection = await timed(t, 'inspect', () => inspectBytes(src.bytes, src.format));
  const streams = o.faces === 'none' && !extras.previewSize && outputFormatFor(src.format, o) === 'jpeg';
  const stream = streams ? await timed(t, 'decode', () => streamable(src, decodeLimits(o))) : undefined;
  const { image, warnings } = stream
    ? { image: undefined, warnings: [] as Warning[] }
    : await timed(t, 'decode', () => decode(src, decodeLimits(o)));
  const { width, height } = stream ?? image!;
  let faces: Face[] = [];
  if (image && o.faces !== 'none') {
    const hints = scaleHints(inspection.faceRegions, inspection, image);
    const found = await timed(t, 'detect', () => findFaces(image, hints, o));
    faces = readingOrder(found.faces);
    warnings.push(...found.warnings);
  }
  // A copy with every face as it was is not "safe" to a parent: it says so in every door.
  if (o.faces === 'none') warnings.push({ code: 'faces-not-covered', message: 'faces were left as they are (faces: none)' });
  const regions = await timed(t, 'plan', async () => planCovers(faces, width, height));
  const analysis: Analysis = {
    path,
    format: src.format,
    bytes: src.bytes.length,
    hash: src.hash,
    width,
    height,
    findings: inspection.findings,
    faces,
    regions,
    warnings,
  };
  if (image && extras.previewSize) analysis.preview = await makePreview(image, extras.previewSize);
  return { analysis, decoded: { image, stream, timings: t } };
}

/** File-declared face regions are in the full upright image; rescale them if --max-size shrank it. */
function scaleHints(hints: Rect[], inspection: { width?: number; height?: number; orientation?: number }, image: RawImage): Rect[] {
  if (!hints.length || !inspection.width || !inspection.height) return hints;
  const rotated = (inspection.orientation ?? 1) >= 5;
  const fullW = rotated ? inspection.height : inspection.width;
  const fullH = rotated ? inspection.width : inspection.height;
  if (fullW === image.width && fullH === image.height) return hints;
  const sx = image.width / fullW;
  const sy = image.height / fullH;
  return hints.map((r) => ({
    x: Math.round(r.x * sx),
    y: Math.round(r.y * sy),
    width: Math.round(r.width * sx),
    height: Math.round(r.height * sy),
  }));
}

async function makePreview(img: RawImage, size: number): Promise<Preview> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { mime: 'image/jpeg', data, width: info.width, height: info.height };
}

/** The pixels an analysis refers to: as analyze decoded them, or decoded again after checking the file did not change. */
async function pixelsFor(analysis: Analysis, o: Options, decoded?: Decoded): Promise<RawImage> {
  if (decoded?.image) return decoded.image;
  const src: Source = await readSource(analysis.path, o);
  if (src.hash !== analysis.hash) {
    throw new SafeError('changed', 'the file changed after it was analysed; analyse it again');
  }
  const { image } = await decode(src, decodeLimits(o));
  if (image.width !== analysis.width || image.height !== analysis.height) {
    throw new SafeError('changed', 'the image size differs from the analysis (a different size limit?); analyse it again');
  }
  return image;
}

/**
 * The format a photo's safe copy is written in.
 * @returns `options.format`, or for 'keep' the input's own format where it can be written (HEIC → JPEG)
 * @example
 * outputFormatFor('heic', resolveOptions()); // 'jpeg'
 */
export function outputFormatFor(input: ImageFormat, o: Options): OutputFormat {
  return o.format === 'keep' ? keptFormat(input) : o.format;
}

/**
 * Paints the chosen covers as render would (with the same second look) and builds a preview of the
 * result, without writing anything.
 * @returns a downscaled image of the covered photo (longest side `size`)
 * @throws SafeError when the original changed since analyze, or a face still shows after covering
 * @example
 * const p = await renderPreview(a, a.regions);
 */
export async function renderPreview(analysis: Analysis, regions: Cover[], options: Partial<Options> = {}, size = 1600): Promise<Preview> {
  const o = resolveOptions(options);
  const img = await pixelsFor(analysis, o);
  // The same covering and second look as render, so the result shown is the result written.
  const { pixels } = await coverAndCheck(img, sanitizeCovers(regions, img.width, img.height), o, analysis.faces);
  return makePreview(pixels, size);
}

/**
 * Paints `regions` (normally analysis.regions, as reviewed), encodes a fresh file from the pixels,
 * writes it under a temp name, verifies it and publishes it.
 * @returns the Result: `done` with the output's path, or `failed` with a code and a sentence
 * @throws never: failures are in the Result
 * @example
 * const r = await render(a, a.regions, { style: 'blur' });
 */
export async function render(
  analysis: Analysis,
  regions: Cover[],
  options: Partial<Options> = {},
  placement?: Placement,
  decoded?: Decoded,
): Promise<Result> {
  const started = Date.now();
  const result: Result = {
    input: analysis.path,
    status: 'failed',
    faces: analysis.faces.length,
    facesCovered: 0,
    regions: [],
    kept: analysis.faces.filter((f) => f.keep).map((f) => ({ box: f.box, reason: f.keepReason ?? 'left uncovered' })),
    found: analysis.faces.map((f) => ({
      box: f.box,
      score: Math.round(f.score * 1000) / 1000,
      source: f.source,
      ...(f.landmarks ? { landmarks: f.landmarks.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]) } : {}),
    })),
    removed: [],
    warnings: [...analysis.warnings],
    ms: 0,
  };
  const t: Timings = { ...decoded?.timings };
  try {
    const o = resolveOptions(options);
    const format = outputFormatFor(analysis.format, o);
    const settings = { format, quality: o.quality };
    // Streamed only as analysed: JPEG out, full size, nothing to paint (PNG would differ by its pHYs chunk).
    const stream = format === 'jpeg' && o.maxSize === 0 ? decoded?.stream : undefined;
    let bytes: Buffer;
    let coveredRegions: Cover[] = [];
    let painted = 0;
    if (stream && !sanitizeCovers(regions, analysis.width, analysis.height).length) {
      bytes = await timed(t, 'encode', () =>
        encodeStream(stream.open(), settings).catch((e: unknown) => Promise.reject(stream.decodeError(e))),
      );
    } else {
      const img = await pixelsFor(analysis, o, decoded);
      const covered = await coverAndCheck(img, sanitizeCovers(regions, img.width, img.height), o, analysis.faces, t);
      result.warnings.push(...covered.warnings);
      coveredRegions = covered.regions;
      painted = covered.painted;
      bytes = await timed(t, 'encode', () => encode(covered.pixels, settings));
    }
    const expect = { format, width: analysis.width, height: analysis.height };
    const first = outputPathFor(placement ?? { input: analysis.path }, format, o);
    const writeStarted = performance.now();
    result.output = await publish(bytes, first, async (written) => {
      await timed(t, 'verify', async () => {
        const report = await verifyFile(written, expect);
        if (!report.clean) {
          const what = report.problems.map((p) => p.message).join('; ');
          throw new SafeError('verify-failed', `the written copy did not verify clean (${what}); it was deleted`);
        }
      });
      // Noted before the copy gets its name: a run killed in between leaves a note without a copy
      // (harmless: the next run finds no such copy), never a copy without a note (a duplicate next time).
      await rememberCopy(analysis.hash, o, format, bytes, checkReasons(result));
    });
    t.write = Math.round((performance.now() - writeStarted - (t.verify ?? 0)) * 10) / 10;
    Object.assign(result, {
      status: 'done',
      format,
      width: analysis.width,
      height: analysis.height,
      regions: coveredRegions,
      facesCovered: coveredRegions.length - painted,
      removed: analysis.findings,
    });
  } catch (e) {
    result.error = errorView(e);
  } finally {
    result.ms = Date.now() - started;
    result.timings = t;
  }
  return result;
}

/**
 * analyze + render with the proposed regions: what the CLI and the right-click action do per photo.
 * @returns the Result (`done`, `skipped` or `failed`)
 * @throws never: failures are in the Result
 * @example
 * const r = await processFile({ input: 'beach.jpg' });
 */
export async function processFile(placement: Placement, options: Partial<Options> = {}): Promise<Result> {
  const started = Date.now();
  let analyzed: { analysis: Analysis; decoded: Decoded };
  try {
    const o = resolveOptions(options);
    if (o.skipExisting) {
      const src = await readSource(placement.input, o);
      const format = outputFormatFor(src.format, o);
      const made = await madeBefore(src.hash, outputPathFor(placement, format, o), o, format);
      if (made) return { ...untouched(placement.input, 'skipped', Date.now() - started), output: made };
    }
    analyzed = await analyzeDecoded(placement.input, o);
  } catch (e) {
    return { ...untouched(placement.input, 'failed', Date.now() - started), error: errorView(e) };
  }
  const { analysis, decoded } = analyzed;
  const result = await render(analysis, analysis.regions, options, placement, decoded);
  result.ms = Date.now() - started;
  return result;
}
