// The photo's journey, in two stages so the desktop app can pause for review between them:
//   analyze: read → inspect → decode → detect → plan
//   render:  obscure → re-check → encode → write + verify → report
import sharp from 'sharp';
import { decode, streamable, type Streamable } from './decode.js';
import { encode, encodeStream } from './encode.js';
import { SafeError, errorView, type ErrorView } from './errors.js';
import { findFaces, recheck } from './faces/index.js';
import { keptFormat } from './formats.js';
import { inspectBytes } from './inspect.js';
import { outputPathFor, type Placement } from './naming.js';
import { cover } from './obscure.js';
import { resolveOptions, type Options } from './options.js';
import { clampRect, planRegions } from './plan.js';
import { madeBefore, rememberCopy } from './made.js';
import { readSource, type Source } from './read.js';
import type { Face, Finding, ImageFormat, OutputFormat, RawImage, Rect, Warning } from './types.js';
import { verifyFile } from './verify.js';
import { publish } from './write.js';
import { timed, type Timings } from './timings.js';

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
  faces: Face[];
  /** The regions the engine proposes to cover, in upright pixels. */
  regions: Rect[];
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
  /** Faces found (by the detector or declared in the file). */
  faces: number;
  /** The regions covered in the output, [x, y, width, height] in its pixels. */
  regions: Rect[];
  /** Faces left uncovered on purpose, with the reason. */
  kept: { box: Rect; reason: string }[];
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

// Pixels decoded during analyze, reused by render in the same thread (the CLI chains them).
// An analysis that crossed a process boundary (the desktop app) has no entry: render decodes again.
const pixelCache = new WeakMap<Analysis, RawImage>();
// With nothing to find, a JPEG is not decoded in analyze: render streams it from file to encoder.
const streamCache = new WeakMap<Analysis, Streamable>();
const stageTimes = new WeakMap<Analysis, Timings>();

function decodeLimits(o: Options) {
  return { maxPixels: o.maxPixels, maxSize: o.maxSize };
}

export async function analyze(path: string, options: Partial<Options> = {}, extras: AnalyzeExtras = {}): Promise<Analysis> {
  const o = resolveOptions(options);
  const t: Timings = {};
  const src = await timed(t, 'read', () => readSource(path, o));
  const inspection = await timed(t, 'inspect', () => inspectBytes(src.bytes, src.format));
  const streams = o.faces === 'none' && !extras.previewSize && outputFormatFor(src.format, o) === 'jpeg';
  const stream = streams ? await timed(t, 'decode', () => streamable(src, decodeLimits(o))) : undefined;
  const { image, warnings } = stream ? { image: undefined, warnings: [] as Warning[] } : await timed(t, 'decode', () => decode(src, decodeLimits(o)));
  const { width, height } = stream ?? image!;
  let faces: Face[] = [];
  if (image && o.faces !== 'none') {
    const hints = scaleHints(inspection.faceRegions, inspection, image);
    const found = await timed(t, 'detect', () => findFaces(image, hints, o));
    faces = found.faces;
    warnings.push(...found.warnings);
  }
  // A copy with every face as it was is not "safe" to a parent: it says so in every door.
  if (o.faces === 'none') warnings.push({ code: 'faces-not-covered', message: 'faces were left as they are (faces: none)' });
  const regions = await timed(t, 'plan', async () => planRegions(faces, width, height));
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
  if (image) pixelCache.set(analysis, image);
  if (stream) streamCache.set(analysis, stream);
  stageTimes.set(analysis, t);
  return analysis;
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
  return hints.map((r) => ({ x: Math.round(r.x * sx), y: Math.round(r.y * sy), width: Math.round(r.width * sx), height: Math.round(r.height * sy) }));
}

async function makePreview(img: RawImage, size: number): Promise<Preview> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { mime: 'image/jpeg', data, width: info.width, height: info.height };
}

/** The pixels an analysis refers to: from the cache, or decoded again after checking the file did not change. */
async function pixelsFor(analysis: Analysis, o: Options): Promise<RawImage> {
  const cached = pixelCache.get(analysis);
  if (cached) return cached;
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

/** Regions from any door are untrusted: integers, inside the image, not empty. */
export function sanitizeRegions(regions: Rect[], width: number, height: number): Rect[] {
  const out: Rect[] = [];
  for (const r of regions) {
    if (![r?.x, r?.y, r?.width, r?.height].every((v) => typeof v === 'number' && Number.isFinite(v))) continue;
    const c = clampRect(r, width, height);
    if (c) out.push(c);
  }
  return out;
}

/**
 * Covers the regions (and re-checks with the detector that no face shows through), once or with
 * the regions grown once. Returns the covered pixels and the regions actually covered.
 */
async function coverAndCheck(img: RawImage, regions: Rect[], o: Options, t: Timings): Promise<{ pixels: RawImage; regions: Rect[]; warnings: Warning[] }> {
  if (!regions.length) return { pixels: img, regions, warnings: [] };
  let current = regions;
  let pixels = await timed(t, 'cover', () => cover(img, current, o));
  if (o.faces === 'none') return { pixels, regions: current, warnings: [] };
  let left = await timed(t, 'recheck', () => recheck(pixels, current, o));
  if (!left.length) return { pixels, regions: current, warnings: [] };
  // The cover was too small for what the detector still sees: grow, and cover the original again.
  current = planRegions([...current, ...left].map((box) => ({ box, score: 1, source: 'detector' as const })), img.width, img.height);
  pixels = await timed(t, 'cover', () => cover(img, current, o));
  left = await timed(t, 'recheck', () => recheck(pixels, current, o));
  if (left.length) {
    throw new SafeError('faces-remain', 'a face was still recognisable after covering it twice; nothing was written — cover this photo by hand in the desktop app');
  }
  return { pixels, regions: current, warnings: [{ code: 'cover-grown', message: 'a cover was too small and was enlarged' }] };
}

export function outputFormatFor(input: ImageFormat, o: Options): OutputFormat {
  return o.format === 'keep' ? keptFormat(input) : o.format;
}

/** Covers the chosen regions and builds a preview of the result, without writing anything. */
export async function renderPreview(analysis: Analysis, regions: Rect[], options: Partial<Options> = {}, size = 1600): Promise<Preview> {
  const o = resolveOptions(options);
  const img = await pixelsFor(analysis, o);
  const safe = sanitizeRegions(regions, img.width, img.height);
  const pixels = safe.length ? await cover(img, safe, o) : img;
  return makePreview(pixels, size);
}

/**
 * Covers `regions` (normally analysis.regions, as reviewed), encodes a fresh file from the pixels,
 * writes it under a temp name, verifies it and publishes it. Never throws: failures are in the Result.
 */
export async function render(analysis: Analysis, regions: Rect[], options: Partial<Options> = {}, placement?: Placement): Promise<Result> {
  const started = Date.now();
  const result: Result = {
    input: analysis.path,
    status: 'failed',
    faces: analysis.faces.length,
    regions: [],
    kept: analysis.faces.filter((f) => f.keep).map((f) => ({ box: f.box, reason: f.keepReason ?? 'left uncovered' })),
    removed: [],
    warnings: [...analysis.warnings],
    ms: 0,
  };
  const t: Timings = { ...stageTimes.get(analysis) };
  try {
    const o = resolveOptions(options);
    const format = outputFormatFor(analysis.format, o);
    const settings = { format, quality: o.quality };
    // Streamed only as analysed: JPEG out, full size, nothing to paint (PNG would differ by its pHYs chunk).
    const stream = format === 'jpeg' && o.maxSize === 0 ? streamCache.get(analysis) : undefined;
    let bytes: Buffer;
    let coveredRegions: Rect[] = [];
    if (stream && !sanitizeRegions(regions, analysis.width, analysis.height).length) {
      bytes = await timed(t, 'encode', () => encodeStream(stream.open(), settings).catch((e: unknown) => Promise.reject(stream.decodeError(e))));
    } else {
      const img = await pixelsFor(analysis, o);
      const covered = await coverAndCheck(img, sanitizeRegions(regions, img.width, img.height), o, t);
      result.warnings.push(...covered.warnings);
      coveredRegions = covered.regions;
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
      await rememberCopy(analysis.hash, o, format, bytes);
    });
    t.write = Math.round((performance.now() - writeStarted - (t.verify ?? 0)) * 10) / 10;
    Object.assign(result, { status: 'done', format, width: analysis.width, height: analysis.height, regions: coveredRegions, removed: analysis.findings });
  } catch (e) {
    result.error = errorView(e);
  } finally {
    pixelCache.delete(analysis);
    streamCache.delete(analysis);
    result.ms = Date.now() - started;
    result.timings = t;
  }
  return result;
}

/** analyze + render with the proposed regions: what the CLI and the right-click action do per photo. */
export async function processFile(placement: Placement, options: Partial<Options> = {}): Promise<Result> {
  const started = Date.now();
  const failed = (e: unknown): Result => {
    return { input: placement.input, status: 'failed', error: errorView(e), faces: 0, regions: [], kept: [], removed: [], warnings: [], ms: Date.now() - started };
  };
  let analysis: Analysis;
  try {
    const o = resolveOptions(options);
    if (o.skipExisting) {
      const src = await readSource(placement.input, o);
      const format = outputFormatFor(src.format, o);
      const made = await madeBefore(src.hash, outputPathFor(placement, format, o), o, format);
      if (made) return { input: placement.input, status: 'skipped', output: made, faces: 0, regions: [], kept: [], removed: [], warnings: [], ms: Date.now() - started };
    }
    analysis = await analyze(placement.input, o);
  } catch (e) {
    return failed(e);
  }
  const result = await render(analysis, analysis.regions, options, placement);
  result.ms = Date.now() - started;
  return result;
}
