// The faces stage as the pipeline sees it: find faces, re-check a covered image, warm up.
import type { Options } from '../options.js';
import type { Cover, Face, RawImage, Rect, Warning } from '../types.js';
import { inside } from '../cover/mask.js';
import { clampRect, expandBox } from '../plan.js';
import { applyChildrenPolicy } from './children.js';
import { detect, defaultSettings, type DetectSettings } from './detect.js';
import { iou } from '../util/rect.js';
import { intersection, area } from './merge.js';
import { faceApi } from './model.js';
import { blazeFace, detectBlaze } from './blazeface.js';
import { faceFlags, faceMesh } from './second-look.js';
import sharp from 'sharp';

/** Faces narrower than this (px) are near the detector's limit: worth a look before sharing. */
const smallFace = 20;
/** Detections below this score are covered, but flagged. */
const doubtfulScore = 0.5;

export async function findFaces(
  img: RawImage,
  hints: Rect[],
  options: Pick<Options, 'faces'>,
  settings: DetectSettings = defaultSettings,
): Promise<{ faces: Face[]; warnings: Warning[] }> {
  const found: Face[] = [];
  for (const d of await detect(img, settings)) {
    const box = clampRect(d.box, img.width, img.height);
    if (box) found.push({ box, score: d.score, source: 'detector' });
  }
  // Regions the file itself declares are faces too: a person tagged them, and the detector may miss them.
  // One the detector also found, and whose cover already holds it, is that same face: count it once.
  const detected = [...found];
  for (const h of hints) {
    const box = clampRect(h, img.width, img.height);
    if (!box) continue;
    const sameFace = detected.some((f) => {
      const cover = clampRect(expandBox(f.box), img.width, img.height);
      return (
        intersection(box, f.box) >= 0.5 * Math.min(area(box), area(f.box)) && cover !== null && intersection(box, cover) >= 0.9 * area(box)
      );
    });
    if (!sameFace) found.push({ box, score: 1, source: 'file' });
  }
  const faces = options.faces === 'children' ? await applyChildrenPolicy(img, found) : found;
  return { faces, warnings: warningsFor(faces) };
}

function warningsFor(faces: Face[]): Warning[] {
  const warnings: Warning[] = [];
  if (faces.length === 0) {
    warnings.push({ code: 'no-face', message: 'no face found — check this photo before sharing' });
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

/** How sure the far-face detector must be, in the re-check, that a covered region still shows a face. */
const recheckScore = 0.6;

/**
 * Faces the detector still finds at the edge of the covers in `covered`: a face whose cover was
 * too small. It looks around each cover — the cover's box grown by its size on every side, room
 * for a face twice as large — at a scale where such a face is plainly visible, at a fraction of
 * the cost of a second full detection. What counts is a face peeking out: one centred outside
 * every cover but reaching under one, or one much larger than the cover it is centred in. A
 * detection centred in a cover and no larger is the cover itself (a blurred oval is face-shaped,
 * and holds nothing of the face but its cell averages). Faces left visible on purpose (`kept`)
 * are not leftovers.
 */
export async function recheck(covered: RawImage, covers: Cover[], kept: Rect[] = []): Promise<Rect[]> {
  const left: Rect[] = [];
  for (const region of covers) {
    const around = clampRect(
      { x: region.x - region.width, y: region.y - region.height, width: region.width * 3, height: region.height * 3 },
      covered.width,
      covered.height,
    );
    if (!around) continue;
    const { data, info } = await sharp(covered.data, { raw: { width: covered.width, height: covered.height, channels: covered.channels } })
      .extract({ left: around.x, top: around.y, width: around.width, height: around.height })
      .removeAlpha()
      .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const k = around.width / info.width;
    const [dets] = await detectBlaze([{ pixels: data, width: info.width, height: info.height }], recheckScore);
    for (const d of dets!) {
      const box = { x: around.x + d.box.x * k, y: around.y + d.box.y * k, width: d.box.width * k, height: d.box.height * k };
      const cx = Math.floor(box.x + box.width / 2);
      const cy = Math.floor(box.y + box.height / 2);
      const holder = covers.find((c) => inside(c, cx, cy));
      const under = covers.reduce((sum, r) => sum + intersection(r, box), 0);
      const peeks = holder ? area(box) > 1.5 * area(holder) : under >= 0.1 * area(box);
      const clamped = clampRect(box, covered.width, covered.height);
      if (kept.some((k) => iou(k, box) >= 0.3)) continue;
      if (clamped && peeks && !left.some((l) => intersection(l, clamped) > 0.5 * area(clamped))) left.push(clamped);
    }
  }
  return left;
}

/** Loads every model detection may use, without running one (see worker.ts). */
export async function loadModels(): Promise<void> {
  await Promise.all([blazeFace(), faceMesh()]);
}

/** Loads the detectors and the second look and runs each once, so the first photo does not pay for start-up. */
export async function warmUp(): Promise<void> {
  const api = await faceApi();
  const input = api.tf.zeros([64, 64, 3], 'int32') as import('@vladmandic/face-api/dist/face-api.node-wasm.js').tf.Tensor3D;
  try {
    await api.detectAllFaces(input, new api.SsdMobilenetv1Options({ minConfidence: 0.99 }));
  } finally {
    input.dispose();
  }
  await detectBlaze([{ pixels: new Uint8Array(64 * 64 * 3), width: 64, height: 64 }], 0.99);
  await faceFlags({ data: Buffer.alloc(64 * 64 * 3), width: 64, height: 64, channels: 3 }, [{ x: 16, y: 16, width: 32, height: 32 }]);
}
