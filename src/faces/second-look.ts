// A second look at a doubtful detection: the face-mesh model (MediaPipe's, from the files that
// @vladmandic/human ships) reads a square crop around a face and, besides its landmarks, says
// whether the crop holds a face at all. It was trained to drop a face it tracks when the face
// leaves the crop, so it tells a face from a collar, a coin or gravel that fooled a detector.
// It does not know masked faces well, so it only ever confirms; it never vetoes a detection the
// detectors agree on (see select.ts).
import sharp from 'sharp';
import type * as tfjs from '@tensorflow/tfjs';
import type { RawImage, Rect } from '../types.js';
import { humanModel } from './human-model.js';
import { engine, faceApi } from './model.js';

/** The mesh model's input side, in pixels. */
const side = 192;
/** The crop around a face box, as a multiple of its longer side (measured on ../shared/corpus/faces: 1.3 best). */
const margin = 1.3;
/** Crops per model call: a batch shares the call's fixed cost, a bounded one bounds memory. */
const batch = 16;

export function faceMesh(): Promise<tfjs.GraphModel> {
  return humanModel('facemesh');
}

/** For each box, how sure the face-mesh model is (0..1) that a face fills the square around it. */
export async function faceFlags(img: RawImage, boxes: Rect[]): Promise<number[]> {
  const flags: number[] = [];
  for (let i = 0; i < boxes.length; i += batch) {
    const crops = await Promise.all(boxes.slice(i, i + batch).map((b) => squareAround(img, b)));
    flags.push(...(await meshFlags(crops)));
  }
  return flags;
}

async function meshFlags(crops: Buffer[]): Promise<number[]> {
  const tf = engine(await faceApi());
  const model = await faceMesh();
  const outputs = tf.tidy(() => {
    const input = tf
      .stack(crops.map((c) => tf.tensor3d(c, [side, side, 3], 'int32')))
      .toFloat()
      .div(255);
    return model.execute(input) as tfjs.Tensor[];
  });
  try {
    // Three outputs: the mesh (1404 values), the contours (266) and the face flag (1).
    const flag = outputs.find((o) => o.shape[o.shape.length - 1] === 1)!;
    return Array.from(await flag.data());
  } finally {
    tf.dispose(outputs);
  }
}

/** The square of side margin × the box's longer side, centred on it, black outside the picture, at side×side RGB. */
async function squareAround(img: RawImage, box: Rect): Promise<Buffer> {
  const s = Math.max(2, Math.round(Math.max(box.width, box.height) * margin));
  const x0 = Math.round(box.x + box.width / 2 - s / 2);
  const y0 = Math.round(box.y + box.height / 2 - s / 2);
  const left = Math.max(0, x0);
  const top = Math.max(0, y0);
  const width = Math.min(img.width, x0 + s) - left;
  const height = Math.min(img.height, y0 + s) - top;
  if (width <= 0 || height <= 0) return Buffer.alloc(side * side * 3);
  // sharp resizes before it extends: scale the visible part, then pad it to the full square.
  const k = side / s;
  const padLeft = Math.round((left - x0) * k);
  const padTop = Math.round((top - y0) * k);
  const inner = {
    width: Math.max(1, Math.min(side - padLeft, Math.round(width * k))),
    height: Math.max(1, Math.min(side - padTop, Math.round(height * k))),
  };
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .extract({ left, top, width, height })
    .removeAlpha()
    .resize(inner.width, inner.height, { fit: 'fill', kernel: inner.width > width ? 'cubic' : 'lanczos3' })
    .extend({
      left: padLeft,
      top: padTop,
      right: side - padLeft - inner.width,
      bottom: side - padTop - inner.height,
      background: '#000000',
    })
    .raw()
    .toBuffer();
}
