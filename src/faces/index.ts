// The faces stage as the pipeline sees it: find faces, re-check a covered image, warm up.
import type { Options } from '../options.js';
import type { Cover, Face, RawImage, Rect, Warning } from '../types.js';
import { inside } from '../cover/mask.js';
import { clampRect, expandBox } from '../plan.js';
import { applyChildrenPolicy } from './children.js';
import { detect, defaultSettings, passSides, type DetectSettings } from './detect.js';
import { warningsFor } from './warnings.js';
import { area, intersection, iou } from '../util/rect.js';
import { humanModel } from './human-model.js';
import { findThings } from './people.js';
import { copyAt, detectIn, yunetSession } from './yunet.js';

export async function findFaces(
  img: RawImage,
  hints: Rect[],
  options: Pick<Options, 'faces'>,
  settings: DetectSettings = defaultSettings,
): Promise<{ faces: Face[]; warnings: Warning[] }> {
  const found: Face[] = [];
  const detected = await detect(img, settings);
  for (const d of detected.faces) {
    const box = clampRect(d.box, img.width, img.height);
    if (box) found.push({ box, score: d.score, source: 'detector', ...(d.landmarks ? { landmarks: d.landmarks } : {}) });
  }
  // Regions the file itself declares are faces too: a person tagged them, and the detector may miss them.
  // One the detector also found, and whose cover already holds it, is that same face: count it once.
  const fromDetector = [...found];
  for (const h of hints) {
    const box = clampRect(h, img.width, img.height);
    if (!box) continue;
    const sameFace = fromDetector.some((f) => {
      const cover = clampRect(expandBox(f.box), img.width, img.height);
      return (
        intersection(box, f.box) >= 0.5 * Math.min(area(box), area(f.box)) && cover !== null && intersection(box, cover) >= 0.9 * area(box)
      );
    });
    if (!sameFace) found.push({ box, score: 1, source: 'file' });
  }
  const faces = options.faces === 'children' ? await applyChildrenPolicy(img, found) : found;
  return { faces, warnings: warningsFor(faces, detected) };
}

/** How sure YuNet must be, in the re-check, that a covered region still shows a face. */
const recheckScore = 0.6;

/**
 * Faces YuNet still finds at the edge of the covers in `covered`: a face whose cover was too small.
 * One fine and one coarse look at the whole covered picture, as detection took them. What counts
 * is a face peeking out: one centred outside every cover but reaching under one, or one much larger
 * than the cover it is centred in. A detection centred in a cover and no larger is the cover itself
 * (a blurred oval is face-shaped, and holds nothing of the face but its cell averages). Faces left
 * visible on purpose (`kept`) are not leftovers.
 */
export async function recheck(
  covered: RawImage,
  covers: Cover[],
  kept: Rect[] = [],
  settings: DetectSettings = defaultSettings,
): Promise<Rect[]> {
  if (covers.length === 0) return [];
  const sides = passSides(Math.max(covered.width, covered.height), settings);
  const fine = await copyAt(covered, sides.fine);
  const dets = await detectIn(fine, recheckScore, covered.width / fine.width);
  if (sides.coarse) {
    const coarse = await copyAt(fine, sides.coarse);
    dets.push(...(await detectIn(coarse, recheckScore, covered.width / coarse.width)));
  }
  const left: Rect[] = [];
  for (const d of dets) {
    const box = d.box;
    const cx = Math.floor(box.x + box.width / 2);
    const cy = Math.floor(box.y + box.height / 2);
    const holder = covers.find((c) => inside(c, cx, cy));
    const under = covers.reduce((sum, r) => sum + intersection(r, box), 0);
    const peeks = holder ? area(box) > 1.5 * area(holder) : under >= 0.1 * area(box);
    const clamped = clampRect(box, covered.width, covered.height);
    if (kept.some((k) => iou(k, box) >= 0.3)) continue;
    if (clamped && peeks && !left.some((l) => intersection(l, clamped) > 0.5 * area(clamped))) left.push(clamped);
  }
  return left;
}

/** Loads every model detection may use, without running one (see worker.ts). */
export async function loadModels(): Promise<void> {
  await Promise.all([yunetSession(), humanModel('centernet')]);
}

/** Loads the detectors and runs each once, so the first photo does not pay for start-up. */
export async function warmUp(): Promise<void> {
  const blank: RawImage = { data: Buffer.alloc(64 * 64 * 3), width: 64, height: 64, channels: 3 };
  await detectIn(blank, 0.99);
  await findThings(blank);
}
