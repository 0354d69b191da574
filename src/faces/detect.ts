// Multi-scale face detection: the whole frame plus upscaled / tiled copies, merged by NMS.
// SSD MobileNet v1 sees every input at 512×512, so a face under ~30 px at that scale is lost;
// looking at tiles of a larger copy shows small faces (group photos, backgrounds) at a size the
// model can see.
import sharp from 'sharp';
import type { RawImage, Rect } from '../types.js';
import { faceApi, type FaceApi } from './model.js';
import { suppress, type Detection } from './merge.js';

export interface Pass {
  detector: 'ssd' | 'tiny';
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
}

export const defaultSettings: DetectSettings = {
  passes: [{ detector: 'ssd', size: 512, tile: 0, minScore: 0.4 }],
  maxUpscale: 3,
};

/** Every face the detector finds in `img` (upright pixels, fractional boxes, best score first). */
export async function detect(img: RawImage, settings: DetectSettings = defaultSettings): Promise<Detection[]> {
  const api = await faceApi();
  const long = Math.max(img.width, img.height);
  const seen = new Set<number>();
  const found: Detection[] = [];
  for (const pass of settings.passes) {
    const size = Math.min(pass.size, Math.round(long * settings.maxUpscale));
    if (seen.has(size * 10 + (pass.detector === 'ssd' ? 1 : 2))) continue;
    seen.add(size * 10 + (pass.detector === 'ssd' ? 1 : 2));
    const scale = size / long;
    const copy = await resized(img, Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale)));
    for (const d of await detectInCopy(api, copy, pass)) {
      found.push({ box: scaleRect(d.box, 1 / scale), score: d.score });
    }
  }
  return suppress(found);
}

interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}

async function resized(img: RawImage, width: number, height: number): Promise<Rgb> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .removeAlpha()
    .resize(width, height, { fit: 'fill', kernel: width > img.width ? 'cubic' : 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function detectInCopy(api: FaceApi, copy: Rgb, pass: Pass): Promise<Detection[]> {
  if (pass.tile === 0 || (copy.width <= pass.tile && copy.height <= pass.tile)) {
    return run(api, copy, { x: 0, y: 0, width: copy.width, height: copy.height }, pass);
  }
  // Tiles overlap by a quarter, so any face up to a quarter tile wide lies whole in one of them;
  // larger faces are the whole-frame pass's job.
  const overlap = Math.round(pass.tile / 4);
  const out: Detection[] = [];
  for (const y of starts(copy.height, pass.tile, overlap)) {
    for (const x of starts(copy.width, pass.tile, overlap)) {
      const tile = { x, y, width: Math.min(pass.tile, copy.width - x), height: Math.min(pass.tile, copy.height - y) };
      for (const d of await run(api, copy, tile, pass)) {
        if (!cutByInnerEdge(d.box, tile, copy)) out.push(d);
      }
    }
  }
  return out;
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

/** One detector call on `area` of `copy`; boxes come back in the copy's pixels. */
async function run(api: FaceApi, copy: Rgb, area: Rect, pass: Pass): Promise<Detection[]> {
  const pixels = crop(copy, area);
  const input = api.tf.tensor3d(pixels, [area.height, area.width, 3], 'int32');
  try {
    const options =
      pass.detector === 'ssd'
        ? new api.SsdMobilenetv1Options({ minConfidence: pass.minScore, maxResults: 500 })
        : new api.TinyFaceDetectorOptions({ inputSize: tinyInputSize(area), scoreThreshold: pass.minScore });
    const dets = await api.detectAllFaces(input, options);
    return dets.map((d) => ({
      box: { x: d.box.x + area.x, y: d.box.y + area.y, width: d.box.width, height: d.box.height },
      score: d.score,
    }));
  } finally {
    input.dispose();
  }
}

function tinyInputSize(area: Rect): number {
  return Math.max(128, Math.round(Math.max(area.width, area.height) / 32) * 32);
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
