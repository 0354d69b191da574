// Multi-scale face detection: the whole frame plus upscaled / tiled copies, merged by NMS, then
// sorted into faces and look-alikes (select.ts, with a second look by second-look.ts).
// SSD MobileNet v1 sees every input at 512×512, so a face under ~30 px at that scale is lost;
// looking at tiles of a larger copy shows small faces (group photos, backgrounds) at a size the
// model can see.
import sharp from 'sharp';
import type { RawImage, Rect } from '../types.js';
import { faceApi, type FaceApi } from './model.js';
import { group, type Candidate, type Detection } from './merge.js';
import { detectBlaze } from './blazeface.js';
import { defaultPolicy, dropDuplicates, needsPeople, onPeople, triage, type Policy } from './select.js';
import { findThings, type Thing } from './people.js';
import { faceFlags } from './second-look.js';

interface Pass {
  detector: 'ssd' | 'blaze';
  /** Long side, in px, of the copy of the image this pass looks at. */
  size: number;
  /** Square tiles of this size cut from the copy (0: the whole copy in one call). */
  tile: number;
  /** Lowest detector score kept. */
  minScore: number;
}

export interface DetectSettings {
  passes: Pass[];
  /** A pass never enlarges the image more than this (upscaling adds no detail past a point). */
  maxUpscale: number;
  /** Which of the merged detections are faces (select.ts). */
  policy: Policy;
}

/**
 * Chosen with `npm run eval` and test/eval/curve.ts on the annotated sets of ../shared/corpus: SSD on the whole frame finds the
 * large, turned and partly hidden faces; BlazeFace on the whole frame and on 256-px tiles of an
 * 800-px copy finds the small ones. Low thresholds, because a missed face is the failure that
 * matters; the policy then sends the doubtful mid-size ones to a second look, so that what a low
 * threshold lets in (a collar, a cup, gravel) is not covered as a face.
 */
export const defaultSettings: DetectSettings = {
  passes: [
    { detector: 'ssd', size: 512, tile: 0, minScore: 0.15 },
    { detector: 'blaze', size: 256, tile: 0, minScore: 0.2 },
    { detector: 'blaze', size: 800, tile: 256, minScore: 0.35 },
  ],
  maxUpscale: 3,
  policy: defaultPolicy,
};

/** Every face the detector finds in `img` (upright pixels, fractional boxes, best score first). */
export async function detect(img: RawImage, settings: DetectSettings = defaultSettings): Promise<Detection[]> {
  const copies = new Map<number, Rgb>();
  const perPass = await detectPasses(img, settings, copies);
  // The person detector sees a 512-px picture: made from the passes' largest copy, not the full photo.
  const largest = [...copies.entries()].sort(([a], [b]) => b - a)[0]?.[1];
  const forThings = largest ? { ...largest, channels: 3 as const } : img;
  return choose(
    img,
    perPass,
    settings,
    (boxes) => faceFlags(img, boxes),
    async () => scaleThings(await findThings(forThings), img.width / forThings.width),
  );
}

/**
 * The faces among what the passes found: merged across passes, kept or sent to the second look
 * (`look`: the face-mesh flag of each box), checked against the people in the picture when in
 * doubt (`things`: the person and animal detector, only run when needed), and counted once.
 */
export async function choose(
  size: { width: number; height: number },
  perPass: Detection[][],
  settings: DetectSettings,
  look: (boxes: Rect[]) => Promise<number[]>,
  things: () => Promise<Thing[]>,
): Promise<Detection[]> {
  const { policy } = settings;
  const candidates = group(perPass);
  const verdicts = triage(candidates, settings.passes, Math.max(size.width, size.height), policy);
  const flags = new Map<Candidate, number>();
  const lookAt = async (list: Candidate[]) => {
    const todo = list.filter((c) => !flags.has(c));
    if (todo.length) (await look(todo.map((c) => c.seed))).forEach((f, i) => flags.set(todo[i]!, f));
  };
  await lookAt(candidates.filter((_, i) => verdicts[i] === 'verify'));
  let faces = candidates.filter((c, i) => verdicts[i] === 'face' || flags.get(c)! >= policy.confirm);
  // A face needs a person: in doubt, ask the person detector (select.ts onPeople).
  if (faces.length > 0 && faces.length < policy.people.crowd) {
    await lookAt(faces);
    const flagged = faces.map((c) => ({ c, box: c.seed, score: c.score, flag: flags.get(c)! }));
    if (needsPeople(flagged, policy.people)) faces = onPeople(flagged, await things(), policy.people).map((f) => f.c);
  }
  const boxed = faces.map((c) => ({ ...c, box: c[policy.box === 'union' ? 'box' : policy.box] }));
  return dropDuplicates(boxed, policy.sameFace).map((c) => ({ box: c.box, score: c.score }));
}

/** What each pass of `settings` finds in `img`, before merging: one list per pass, in the passes' order. */
export async function detectPasses(img: RawImage, settings: DetectSettings, copies = new Map<number, Rgb>()): Promise<Detection[][]> {
  const api = await faceApi();
  const long = Math.max(img.width, img.height);
  const sizeOf = (pass: Pass) => Math.min(pass.size, Math.round(long * settings.maxUpscale));
  // Largest copy first: each smaller copy is then resized from the last one, not from the full
  // photo (a 12 MP resize costs ~100 ms; a 1200 px one a few).
  const passes = [...settings.passes].sort((a, b) => sizeOf(b) - sizeOf(a));
  const found = new Map<Pass, Detection[]>();
  let source: Rgb | RawImage = img;
  for (const pass of passes) {
    const size = sizeOf(pass);
    const scale = size / long;
    let copy = copies.get(size);
    if (!copy) {
      copy = await resized(source, Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale)));
      copies.set(size, copy);
      if (size <= long) source = copy;
    }
    found.set(
      pass,
      (await detectInCopy(api, copy, pass)).map((d) => ({ box: scaleRect(d.box, 1 / scale), score: d.score })),
    );
  }
  return settings.passes.map((p) => found.get(p)!);
}

function scaleThings(things: Thing[], k: number): Thing[] {
  return k === 1 ? things : things.map((t) => ({ ...t, box: scaleRect(t.box, k) }));
}

interface Rgb {
  data: Buffer;
  width: number;
  height: number;
  channels?: 3;
}

async function resized(img: Rgb | RawImage, width: number, height: number): Promise<Rgb> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels ?? 3 } })
    .removeAlpha()
    .resize(width, height, { fit: 'fill', kernel: width > img.width ? 'cubic' : 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function detectInCopy(api: FaceApi, copy: Rgb, pass: Pass): Promise<Detection[]> {
  const whole = { x: 0, y: 0, width: copy.width, height: copy.height };
  if (pass.tile === 0 || (copy.width <= pass.tile && copy.height <= pass.tile)) return (await runOn(api, copy, [whole], pass))[0]!;
  // Tiles overlap by a quarter, so any face up to a quarter tile wide lies whole in one of them.
  // Larger faces are a coarser pass's job: what a tile reports at that size is mostly part of a
  // larger face or texture, so it is dropped.
  const overlap = Math.round(pass.tile / 4);
  const tiles: Rect[] = [];
  for (const y of starts(copy.height, pass.tile, overlap)) {
    for (const x of starts(copy.width, pass.tile, overlap)) {
      tiles.push({ x, y, width: Math.min(pass.tile, copy.width - x), height: Math.min(pass.tile, copy.height - y) });
    }
  }
  const found = await runOn(api, copy, tiles, pass);
  return tiles.flatMap((tile, i) => found[i]!.filter((d) => d.box.width <= overlap && !cutByInnerEdge(d.box, tile, copy)));
}

function starts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const n = Math.ceil((length - overlap) / (tile - overlap));
  return Array.from({ length: n }, (_, i) => Math.round((i * (length - tile)) / (n - 1)));
}

/** A box touching a tile edge that is not an image edge is a cut face; a neighbouring tile holds it whole. */
function cutByInnerEdge(box: Rect, tile: Rect, copy: Rgb): boolean {
  const m = 2;
  return (
    (box.x <= tile.x + m && tile.x > 0) ||
    (box.y <= tile.y + m && tile.y > 0) ||
    (box.x + box.width >= tile.x + tile.width - m && tile.x + tile.width < copy.width) ||
    (box.y + box.height >= tile.y + tile.height - m && tile.y + tile.height < copy.height)
  );
}

/** The pass's detector on each `area` of `copy`; boxes come back in the copy's pixels. */
async function runOn(api: FaceApi, copy: Rgb, areas: Rect[], pass: Pass): Promise<Detection[][]> {
  const shift = (dets: Detection[], area: Rect) =>
    dets.map((d) => ({ box: { ...d.box, x: d.box.x + area.x, y: d.box.y + area.y }, score: d.score }));
  if (pass.detector === 'blaze') {
    const crops = areas.map((a) => ({ pixels: crop(copy, a), width: a.width, height: a.height }));
    return (await detectBlaze(crops, pass.minScore)).map((dets, i) => shift(dets, areas[i]!));
  }
  const out: Detection[][] = [];
  for (const area of areas) {
    const input = api.tf.tensor3d(crop(copy, area), [area.height, area.width, 3], 'int32');
    try {
      const options = new api.SsdMobilenetv1Options({ minConfidence: pass.minScore, maxResults: 500 });
      const dets = await api.detectAllFaces(input, options);
      out.push(
        shift(
          dets.map((d) => ({ box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height }, score: d.score })),
          area,
        ),
      );
    } finally {
      input.dispose();
    }
  }
  return out;
}

function crop(copy: Rgb, r: Rect): Uint8Array {
  if (r.x === 0 && r.y === 0 && r.width === copy.width && r.height === copy.height) return copy.data;
  const out = new Uint8Array(r.width * r.height * 3);
  for (let row = 0; row < r.height; row++) {
    const from = ((r.y + row) * copy.width + r.x) * 3;
    out.set(copy.data.subarray(from, from + r.width * 3), row * r.width * 3);
  }
  return out;
}

function scaleRect(r: Rect, s: number): Rect {
  return { x: r.x * s, y: r.y * s, width: r.width * s, height: r.height * s };
}
