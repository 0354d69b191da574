// The opt-in `children` policy: cover children, leave adults uncovered — but only when sure.
// The age net is weak (it gave 33 years for a woman in her 40s and a young man alike), so a
// face is left uncovered only when it is large, clearly detected and estimated well past
// childhood. Everything else stays covered.
import sharp from 'sharp';
import type { Face, RawImage } from '../types.js';
import { withNet } from './model.js';

/** Policy thresholds: a face is kept only above all three. */
export const childrenPolicy = {
  /** Estimated years; far above 18 because the estimate wanders by ±10 years. */
  minAge: 30,
  /** Face width in px; smaller faces give age estimates that are noise. */
  minWidth: 48,
  /** Detector score; a doubtful face is not one to reason about. */
  minScore: 0.7,
} as const;

/** Pure decision for one face with its age estimate (undefined when none could be made). */
export function decideKeep(face: Face, age: number | undefined): Pick<Face, 'keep' | 'keepReason'> {
  if (face.source !== 'detector' || age === undefined) return { keep: false };
  if (face.box.width < childrenPolicy.minWidth || face.score < childrenPolicy.minScore) return { keep: false };
  if (age < childrenPolicy.minAge) return { keep: false };
  return { keep: true, keepReason: `looks like an adult (estimated age ${Math.round(age)})` };
}

/** Adds an age estimate to each face large enough to estimate, and marks the faces the policy keeps. */
export async function applyChildrenPolicy(img: RawImage, faces: Face[]): Promise<Face[]> {
  const out: Face[] = [];
  for (const face of faces) {
    const eligible = face.source === 'detector' && face.box.width >= childrenPolicy.minWidth && face.score >= childrenPolicy.minScore;
    const age = eligible ? await estimateAge(img, face) : undefined;
    out.push({ ...face, ...(age === undefined ? {} : { age }), ...decideKeep(face, age) });
  }
  return out;
}

async function estimateAge(img: RawImage, face: Face): Promise<number | undefined> {
  const api = await withNet('ageGenderNet');
  // A little context around the tight box, as the net was trained on loosely cropped faces.
  const m = face.box.width * 0.15;
  const left = Math.max(0, Math.floor(face.box.x - m));
  const top = Math.max(0, Math.floor(face.box.y - m));
  const width = Math.min(img.width - left, Math.ceil(face.box.width + 2 * m));
  const height = Math.min(img.height - top, Math.ceil(face.box.height + 2 * m));
  if (width < 8 || height < 8) return undefined;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .extract({ left, top, width, height })
    .removeAlpha()
    .resize(112, 112, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const input = api.tf.tensor3d(data, [info.height, info.width, 3], 'int32');
  try {
    const result = await api.nets.ageGenderNet.predictAgeAndGender(input);
    const one = Array.isArray(result) ? result[0] : result;
    return one && Number.isFinite(one.age) ? one.age : undefined;
  } finally {
    input.dispose();
  }
}
