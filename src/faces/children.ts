// The opt-in `children` policy: cover children, leave adults uncovered — but only when sure.
// Age estimates from a photo wander by ten years and more (a 12-year-old read as 34 and 38 by the
// two models, a 17-year-old as 40 by one of them), so a face is left uncovered only when it is
// large, clearly detected, and two different age models, each on the face and on its mirror image,
// all put it well past childhood. Anything less stays covered. The cuts come from half of
// utkface_dev (npx tsx test/eval/children.ts --every 3, then --every 6 --offset 1, whose 12- and
// 17-year-old passed the first cuts of 28 and 30): 37 for both leaves every child and teenager of
// both covered, with three years to spare, and about a quarter of the adults of 25 to 60 visible.
// Measured again on YuNet's boxes, crops turned level (two other sixths, --offset 1 and 2): no child
// visible, 32 % and 39 % of adults of 25–60; cuts of 30 and 33 (52 % on one sixth) let a
// 2-year-old through on the other.
import sharp from 'sharp';
import type * as tfjs from '@tensorflow/tfjs';
import type { Face, RawImage, Rect } from '../types.js';
import { humanModel } from './human-model.js';
import { engine, withNet } from './model.js';
import { headTilt } from '../plan.js';

/** Policy thresholds, measured on age-labelled faces (test/eval/children.ts). */
export const childrenPolicy = {
  /** Years each model must estimate, on the face and on its mirror alike (the two read ages differently). */
  minAge: { faceApi: 37, faceRes: 37 },
  /** Face width in px; smaller faces give age estimates that are noise. */
  minWidth: 48,
  /** Detector score; a doubtful face is not one to reason about. */
  minScore: 0.7,
} as const;

/** Each model's estimates, in years: on the face, then on its mirror image. */
export interface AgeEstimates {
  faceApi: number[];
  faceRes: number[];
}

/** The youngest of all the estimates (NaN when there are none). */
function youngest(ages: AgeEstimates): number {
  const all = [...ages.faceApi, ...ages.faceRes];
  return all.length ? Math.min(...all) : Number.NaN;
}

/** Pure decision for one face with its age estimates (empty when none could be made). */
export function decideKeep(face: Face, ages: AgeEstimates): Pick<Face, 'keep' | 'keepReason'> {
  if (face.source !== 'detector') return { keep: false };
  if (face.box.width < childrenPolicy.minWidth || face.score < childrenPolicy.minScore) return { keep: false };
  const sure = (list: number[], min: number) => list.length === 2 && list.every((a) => Number.isFinite(a) && a >= min);
  if (!sure(ages.faceApi, childrenPolicy.minAge.faceApi) || !sure(ages.faceRes, childrenPolicy.minAge.faceRes)) return { keep: false };
  return { keep: true, keepReason: `looks like an adult (every estimate ${Math.round(youngest(ages))} years or more)` };
}

/** Adds age estimates to each face large and clear enough to estimate, and marks the faces the policy keeps. */
export async function applyChildrenPolicy(img: RawImage, faces: Face[]): Promise<Face[]> {
  const out: Face[] = [];
  for (const face of faces) {
    const eligible = face.source === 'detector' && face.box.width >= childrenPolicy.minWidth && face.score >= childrenPolicy.minScore;
    const ages = eligible ? await estimateAges(img, face) : { faceApi: [], faceRes: [] };
    const age = youngest(ages);
    out.push({ ...face, ...(Number.isFinite(age) ? { age } : {}), ...decideKeep(face, ages) });
  }
  return out;
}

/**
 * Every estimate for `face`: face-api's age net and Human's FaceRes, each on the face and its
 * mirror. With `align` (and the detector's landmarks), the crop is first turned so the eyes are
 * level, as the age models saw faces in training.
 */
export async function estimateAges(img: RawImage, face: Pick<Face, 'box' | 'landmarks'>, align = true): Promise<AgeEstimates> {
  const ages: AgeEstimates = { faceApi: [], faceRes: [] };
  const angle = align ? headTilt(face.landmarks) : 0;
  for (const flip of [false, true]) {
    ages.faceApi.push(await faceApiAge(await faceCrop(img, face.box, 0.15, 112, flip, angle)));
    ages.faceRes.push(await faceResAge(await faceCrop(img, face.box, 0.25, 224, flip, angle)));
  }
  return ages;
}

/**
 * The face box with `margin` of its width around it, resized to side×side RGB (mirrored if asked);
 * for a tilted head, turned back by `angle` degrees about the box's centre first.
 */
async function faceCrop(img: RawImage, box: Rect, margin: number, side: number, flip: boolean, angle = 0): Promise<Buffer | undefined> {
  const m = box.width * margin;
  const want = { width: Math.ceil(box.width + 2 * m), height: Math.ceil(box.height + 2 * m) };
  // Turned, the crop needs the pixels of a square around it that holds it at any angle.
  const reach = angle ? Math.ceil(Math.hypot(want.width, want.height)) : 0;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const region = angle
    ? { x: cx - reach / 2, y: cy - reach / 2, width: reach, height: reach }
    : { x: box.x - m, y: box.y - m, width: want.width, height: want.height };
  const left = Math.max(0, Math.floor(region.x));
  const top = Math.max(0, Math.floor(region.y));
  const width = Math.min(img.width - left, Math.ceil(region.width));
  const height = Math.min(img.height - top, Math.ceil(region.height));
  if (width < 8 || height < 8) return undefined;
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .extract({ left, top, width, height })
    .removeAlpha();
  if (angle) {
    // Turned back about the region's centre (sharp turns clockwise for a positive angle, and grows
    // the canvas to hold the turned picture), then the face's own crop cut from the middle (where
    // the frame clipped the region, the face's offset from its centre is taken as it was, unturned).
    const { data, info } = await s.rotate(-angle, { background: '#000000' }).raw().toBuffer({ resolveWithObject: true });
    const x0 = Math.max(0, Math.round(info.width / 2 - want.width / 2 + (cx - left - width / 2)));
    const y0 = Math.max(0, Math.round(info.height / 2 - want.height / 2 + (cy - top - height / 2)));
    s = sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).extract({
      left: x0,
      top: y0,
      width: Math.min(want.width, info.width - x0),
      height: Math.min(want.height, info.height - y0),
    });
  }
  s = s.resize(side, side, { fit: 'fill' });
  if (flip) s = s.flop();
  return s.raw().toBuffer();
}

async function faceApiAge(crop: Buffer | undefined): Promise<number> {
  if (!crop) return Number.NaN;
  const api = await withNet('ageGenderNet');
  const input = api.tf.tensor3d(crop, [112, 112, 3], 'int32');
  try {
    const result = await api.nets.ageGenderNet.predictAgeAndGender(input);
    const one = Array.isArray(result) ? result[0] : result;
    return one && Number.isFinite(one.age) ? one.age : Number.NaN;
  } finally {
    input.dispose();
  }
}

/** FaceRes gives a probability for each age from 0 to 99 years; its expectation is the estimate. */
async function faceResAge(crop: Buffer | undefined): Promise<number> {
  if (!crop) return Number.NaN;
  const api = await withNet('ageGenderNet');
  const tf = engine(api);
  const model = await humanModel('faceres');
  // The graph takes pixel values as they are (0–255).
  const outputs = tf.tidy(() => model.execute(tf.tensor3d(crop, [224, 224, 3], 'int32').toFloat().expandDims(0)) as tfjs.Tensor[]);
  try {
    const ages = outputs.find((o) => o.shape[o.shape.length - 1] === 100);
    if (!ages) return Number.NaN;
    const p = await ages.data();
    let years = 0;
    for (let i = 0; i < p.length; i++) years += i * p[i]!;
    return years;
  } finally {
    tf.dispose(outputs);
  }
}
