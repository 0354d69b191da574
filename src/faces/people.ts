// Who is in the picture at all: people and animals, from the CenterNet object detector whose
// weights @vladmandic/human ships (COCO's 80 kinds of things). A face detector sees a face in fur,
// foliage or a pattern; an object detector sees the dog. Used only to doubt a face candidate that
// lies on an animal and on no person (select.ts), never to find faces.
import sharp from 'sharp';
import type * as tfjs from '@tensorflow/tfjs';
import type { RawImage, Rect } from '../types.js';
import { humanModel } from './human-model.js';
import { engine, faceApi } from './model.js';

export interface Thing {
  box: Rect;
  score: number;
  kind: 'person' | 'animal';
}

const side = 512;
/** COCO class numbers (0-based): a person, and the animals (and the teddy bear) that have faces. */
const person = 0;
const animals = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 77]);
/** Below this, a detection is too unsure to say anything. */
const floor = 0.15;

function objectModel(): Promise<tfjs.GraphModel> {
  return humanModel('centernet');
}

/** People and animals in `img`, in its pixels, scored ≥ 0.15, best first. */
export async function findThings(img: RawImage): Promise<Thing[]> {
  const tf = engine(await faceApi());
  const model = await objectModel();
  const pixels = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .removeAlpha()
    .resize(side, side, { fit: 'fill' })
    .raw()
    .toBuffer();
  // The graph takes pixel values as they are (0–255), and returns its 100 best detections as
  // [x0, y0, x1, y1, score, class] in input pixels.
  const out = tf.tidy(
    () => model.execute(tf.tensor3d(pixels, [side, side, 3], 'int32').toFloat().expandDims(0), 'tower_0/detections') as tfjs.Tensor,
  );
  const d = await out.data();
  out.dispose();
  const kx = img.width / side;
  const ky = img.height / side;
  const things: Thing[] = [];
  for (let i = 0; i + 6 <= d.length; i += 6) {
    const score = d[i + 4]!;
    const cls = Math.round(d[i + 5]!);
    if (score < floor || (cls !== person && !animals.has(cls))) continue;
    const x0 = Math.max(0, d[i]!) * kx;
    const y0 = Math.max(0, d[i + 1]!) * ky;
    const x1 = Math.min(side, d[i + 2]!) * kx;
    const y1 = Math.min(side, d[i + 3]!) * ky;
    if (x1 <= x0 || y1 <= y0) continue;
    things.push({ box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, score, kind: cls === person ? 'person' : 'animal' });
  }
  return things.sort((a, b) => b.score - a.score);
}
