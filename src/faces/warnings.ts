// What the faces stage tells the parent about a photo: pure, from the faces and what the detectors said.
import type { Face, Warning } from '../types.js';
import type { Detected } from './detect.js';

/** Faces narrower than this (px) are near the detector's limit: worth a look before sharing. */
const smallFace = 20;
/** Detections below this score are covered, but noted. */
const doubtfulScore = 0.5;

/** The warnings for a photo's faces (`faces`: after the children policy) and what detection saw. */
export function warningsFor(faces: Face[], detected: Pick<Detected, 'people' | 'unsure'>): Warning[] {
  const warnings: Warning[] = [];
  // "Check it" is earned: a picture where neither a face nor a person is found (a dog, a flower, a
  // room) is safe; one with a person and no face, or with a candidate too unsure to cover, is not.
  if (faces.length === 0 && detected.people === false && detected.unsure.length === 0) {
    warnings.push({ code: 'nobody', message: 'no face and no person found' });
  } else if (faces.length === 0) {
    warnings.push({ code: 'no-face', message: 'no face found, though a person may be in the photo — check this photo before sharing' });
  }
  if (detected.unsure.length > 0) {
    const n = detected.unsure.length;
    warnings.push({
      code: 'unsure-face',
      message: `${n} thing${n > 1 ? 's' : ''} that may be a face ${n > 1 ? 'were' : 'was'} left uncovered — check before sharing`,
    });
  }
  const small = faces.filter((f) => f.source === 'detector' && Math.min(f.box.width, f.box.height) < smallFace).length;
  if (small > 0) {
    warnings.push({
      code: 'small-face',
      message: `${small} very small face${small > 1 ? 's' : ''} found; smaller ones may have been missed — check before sharing`,
    });
  }
  const doubtful = faces.filter((f) => f.source === 'detector' && f.score < doubtfulScore).length;
  if (doubtful > 0) {
    warnings.push({
      code: 'low-confidence',
      message: `${doubtful} possible face${doubtful > 1 ? 's were' : ' was'} covered although the detector was unsure`,
    });
  }
  for (const f of faces.filter((f) => f.keep)) {
    const { x, y, width, height } = f.box;
    warnings.push({
      code: 'face-left-uncovered',
      message: `face at [${x}, ${y}, ${width}, ${height}] left uncovered: ${f.keepReason ?? 'kept'}`,
    });
  }
  return warnings;
}
