// The per-frame step behind one small type, so the detector can change without touching the pipes.
import { findFaces } from '../faces/index.js';
import type { RawImage } from '../types.js';
import type { Detection } from './track.js';

/** Faces in one upright frame, in that frame's pixels. */
export type FrameFaces = (frame: RawImage) => Promise<Detection[]>;

/** The photo detector, as it is, on every frame. */
export const frameDetector: FrameFaces = async (frame) => {
  const { faces } = await findFaces(frame, [], { faces: 'all' });
  return faces.map((f) => ({ box: f.box, score: f.score }));
};
