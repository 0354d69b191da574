// YuNet-n (2023, trained on WIDER FACE), the face finder's core: one small model, run by
// onnxruntime on the CPU, that returns each face's box, score and five landmarks. The model file
// ships in src/faces/yunet/ with its licence and provenance; its checksum is checked at load, so a
// damaged file is a clear error and never "no face". The decoding follows the facts in
// src/faces/yunet/README.md.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type * as Ort from 'onnxruntime-node';
import { SafeError } from '../errors.js';
import type { RawImage, Rect } from '../types.js';
import { iou } from '../util/rect.js';

/** sha256 of src/faces/yunet/yunet_n_dynamic.onnx (322,906 bytes). */
export const modelSha256 = '104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12';

/** Five points, as seen in the picture: right eye, left eye, nose tip, right and left mouth corner. */
export type Landmarks = [number, number][];

export interface YunetFace {
  box: Rect;
  score: number;
  landmarks: Landmarks;
}

export interface YunetOptions {
  /** Long side, in px, of the copy the model sees (rounded up to a multiple of 32 by padding). */
  longSide: number;
  /** Lowest score kept. */
  minScore: number;
}

const strides = [8, 16, 32] as const;
/** The repository's choice for its evaluation. */
const nmsIou = 0.45;

/** The model file, beside this module: src/faces/yunet/ through tsx, dist/src/faces/yunet/ after the build. */
export function modelPath(): string {
  return fileURLToPath(new URL('./yunet/yunet_n_dynamic.onnx', import.meta.url));
}

/** The model's bytes, refused unless they are exactly the file that was measured. */
export async function readModel(file = modelPath()): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new SafeError('internal', `the face detector's model file ${file} could not be read; reinstall the application`, { cause: e });
  }
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== modelSha256) {
    throw new SafeError(
      'internal',
      `the face detector's model file ${file} is damaged (its checksum does not match); reinstall the application`,
    );
  }
  return bytes;
}

let session: Promise<{ ort: typeof Ort; run: Ort.InferenceSession }> | undefined;

/** One session per thread, on one CPU thread: the batch pool runs one worker per core. */
export function yunetSession(): Promise<{ ort: typeof Ort; run: Ort.InferenceSession }> {
  session ??= (async () => {
    const bytes = await readModel();
    let ort: typeof Ort;
    try {
      ort = await import('onnxruntime-node');
    } catch (e) {
      throw new SafeError('internal', 'the face detector could not start (onnxruntime is missing); reinstall the application', {
        cause: e,
      });
    }
    const run = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return { ort, run };
  })().catch((e: unknown) => {
    session = undefined; // a later call tries again and reports its own error
    throw e;
  });
  return session;
}

/** What one run of the model gives: per stride, its four outputs. */
export type YunetOutputs = Record<string, { data: ArrayLike<number>; dims: readonly number[] }>;

/**
 * Faces in the model's outputs for an input of width×height (multiples of 32), in input pixels,
 * scored ≥ minScore, before non-maximum suppression. Pure: tested on hand-made tensors.
 */
export function decode(outputs: YunetOutputs, width: number, height: number, minScore: number): YunetFace[] {
  const found: YunetFace[] = [];
  for (const s of strides) {
    const cols = width / s;
    const rows = height / s;
    const cls = outputs[`cls_${s}`]!.data;
    const obj = outputs[`obj_${s}`]!.data;
    const bbox = outputs[`bbox_${s}`]!.data;
    const kps = outputs[`kps_${s}`]!.data;
    for (let i = 0; i < cols * rows; i++) {
      const score = cls[i]! * obj[i]!;
      if (!(score >= minScore)) continue;
      const px = (i % cols) * s;
      const py = Math.floor(i / cols) * s;
      const cx = bbox[4 * i]! * s + px;
      const cy = bbox[4 * i + 1]! * s + py;
      const w = Math.exp(bbox[4 * i + 2]!) * s;
      const h = Math.exp(bbox[4 * i + 3]!) * s;
      if (!(w > 0 && h > 0 && Number.isFinite(w) && Number.isFinite(h))) continue;
      const landmarks: Landmarks = [];
      for (let k = 0; k < 5; k++) landmarks.push([kps[10 * i + 2 * k]! * s + px, kps[10 * i + 2 * k + 1]! * s + py]);
      found.push({ box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h }, score, landmarks });
    }
  }
  return found;
}

/** Non-maximum suppression: best first, dropping any face overlapping a kept one by IoU ≥ maxIou. */
export function suppress<T extends { box: Rect; score: number }>(faces: T[], maxIou = nmsIou): T[] {
  const kept: T[] = [];
  for (const f of [...faces].sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => iou(k.box, f.box) >= maxIou)) kept.push(f);
  }
  return kept;
}

/** An RGB copy of `img` whose long side is `longSide` (the same pixels when it already is). */
export async function copyAt(img: RawImage, longSide: number): Promise<RawImage> {
  const long = Math.max(img.width, img.height);
  const k = longSide / long;
  const width = Math.max(1, Math.round(img.width * k));
  const height = Math.max(1, Math.round(img.height * k));
  if (width === img.width && height === img.height && img.channels === 3) return img;
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .removeAlpha()
    .resize(width, height, { fit: 'fill', kernel: k > 1 ? 'cubic' : 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width, height, channels: 3 };
}

/** Faces in `copy` scored ≥ minScore, best first, in the pixels of a picture `scale`× larger than the copy. */
export async function detectIn(copy: RawImage, minScore: number, scale = 1): Promise<YunetFace[]> {
  const faces = suppress((await runModel(copy, minScore)).filter((f) => f.score >= minScore));
  return faces.map((f) => ({
    score: f.score,
    box: { x: f.box.x * scale, y: f.box.y * scale, width: f.box.width * scale, height: f.box.height * scale },
    landmarks: f.landmarks.map(([x, y]) => [x * scale, y * scale] as [number, number]),
  }));
}

/** Faces in `img` (upright pixels), found on a copy whose long side is `longSide`, best first. */
export async function detectYunet(img: RawImage, o: YunetOptions): Promise<YunetFace[]> {
  const copy = await copyAt(img, o.longSide);
  return detectIn(copy, o.minScore, img.width / copy.width);
}

/** The model on RGB pixels of any size (padded to multiples of 32 with black), faces in its pixels. */
async function runModel(rgb: { data: Uint8Array; width: number; height: number }, floor = 0.05): Promise<YunetFace[]> {
  const { ort, run } = await yunetSession();
  const W = Math.ceil(rgb.width / 32) * 32;
  const H = Math.ceil(rgb.height / 32) * 32;
  // Planar BGR, 0–255, as the model was trained (no mean, no scale).
  const input = new Float32Array(3 * W * H);
  const plane = W * H;
  for (let y = 0; y < rgb.height; y++) {
    for (let x = 0; x < rgb.width; x++) {
      const from = (y * rgb.width + x) * 3;
      const to = y * W + x;
      input[to] = rgb.data[from + 2]!;
      input[plane + to] = rgb.data[from + 1]!;
      input[2 * plane + to] = rgb.data[from]!;
    }
  }
  const tensor = new ort.Tensor('float32', input, [1, 3, H, W]);
  const out = await run.run({ input: tensor });
  tensor.dispose();
  try {
    return decode(out as unknown as YunetOutputs, W, H, floor);
  } finally {
    for (const t of Object.values(out)) t.dispose();
  }
}
