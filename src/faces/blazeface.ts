// BlazeFace (the 256×256 "back camera" model, for faces at a distance), from the model files that
// @vladmandic/human ships (see human-model.ts); the decoding of its anchors is ours.
import type * as tfjs from '@tensorflow/tfjs';
import type { Rect } from '../types.js';
import type { Detection } from './merge.js';
import { engine, faceApi } from './model.js';
import { humanModel } from './human-model.js';

const side = 256;

export function blazeFace(): Promise<tfjs.GraphModel> {
  return humanModel('blazeface');
}

/**
 * BlazeFace draws a square from the brows to the mouth; SSD draws forehead to chin, about 1.4×
 * taller. Stretched the same way (measured against the annotated boxes of ../shared/corpus/faces), both
 * detectors' boxes mean the same thing to the region planner.
 */
function likeSsd(b: Rect): Rect {
  return { x: b.x, y: b.y - 0.2 * b.height, width: b.width, height: 1.25 * b.height };
}

/** Anchor centres in model-input pixels: 16×16 cells with 2 anchors, then 8×8 cells with 6. */
const anchors: [number, number][] = [];
for (const [stride, perCell] of [
  [16, 2],
  [32, 6],
] as const) {
  const cells = side / stride;
  for (let y = 0; y < cells; y++) {
    for (let x = 0; x < cells; x++) {
      for (let k = 0; k < perCell; k++) anchors.push([stride * (x + 0.5), stride * (y + 0.5)]);
    }
  }
}

export interface Crop {
  pixels: Uint8Array; // RGB
  width: number;
  height: number;
}

/**
 * Faces in each RGB crop, scored ≥ minScore, in that crop's pixels. A crop is padded to a square
 * (faces keep their shape) and resized to the model's 256×256 (a no-op for 256-px tiles).
 */
export async function detectBlaze(crops: Crop[], minScore: number): Promise<Detection[][]> {
  const out: Detection[][] = [];
  // One crop per call: the model's graph is fixed to a batch of one.
  for (const crop of crops) out.push(await detectOne(crop, minScore));
  return out;
}

async function detectOne(crop: Crop, minScore: number): Promise<Detection[]> {
  const tf = engine(await faceApi());
  const model = await blazeFace();
  const { pixels, width, height } = crop;
  const square = Math.max(width, height);
  const outputs = tf.tidy(() => {
    let img = tf.tensor3d(pixels, [height, width, 3], 'int32').toFloat();
    if (square !== width || square !== height) {
      img = tf.pad(img, [
        [0, square - height],
        [0, square - width],
        [0, 0],
      ]);
    }
    const input = square === side ? img : tf.image.resizeBilinear(img, [side, side]);
    return model.execute(input.div(127.5).sub(1).expandDims(0)) as tfjs.Tensor[];
  });
  const data = await Promise.all(outputs.map((o) => o.data()));
  // Four outputs: scores and regressors for the 512 fine anchors and for the 384 coarse ones.
  const pick = (n: number, k: number) => data[outputs.findIndex((o) => o.shape[1] === n && o.shape[2] === k)]!;
  const [s512, r512, s384, r384] = [pick(512, 1), pick(512, 16), pick(384, 1), pick(384, 16)];
  tf.dispose(outputs);
  const minLogit = Math.log(minScore / (1 - minScore));
  const k = square / side;
  const found: Detection[] = [];
  const decode = (scores: ArrayLike<number>, regs: ArrayLike<number>, first: number, count: number) => {
    for (let i = 0; i < count; i++) {
      const logit = scores[i]!;
      if (logit < minLogit) continue;
      const r = i * 16;
      const [ax, ay] = anchors[first + i]!;
      const w = regs[r + 2]!;
      const h = regs[r + 3]!;
      if (w <= 0 || h <= 0) continue; // an anchor with a degenerate box is not a face
      const tight: Rect = { x: (ax + regs[r]! - w / 2) * k, y: (ay + regs[r + 1]! - h / 2) * k, width: w * k, height: h * k };
      found.push({ box: likeSsd(tight), score: 1 / (1 + Math.exp(-logit)) });
    }
  };
  decode(s512!, r512!, 0, 512);
  decode(s384!, r384!, 512, 384);
  return found;
}
