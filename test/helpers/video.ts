// Clips made inside the tests: frames drawn here (faces from the fixtures at known places) piped
// into the bundled ffmpeg, and clips read back frame by frame. No video file comes from elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RawImage, Rect } from '../../src/types.js';
import { repoRoot } from './cli.js';

const require = createRequire(import.meta.url);
export const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
export const ffprobe = (require('@ffprobe-installer/ffprobe') as { path: string }).path;

/** Runs ffmpeg with a raw RGB stream on stdin: the frames of `count`, drawn by `draw`. */
export async function encodeClip(
  out: string,
  size: { width: number; height: number },
  count: number,
  draw: (i: number) => Promise<Buffer>,
  o: { fps?: number; inputs?: string[]; args?: string[]; audio?: boolean } = {},
): Promise<void> {
  const fps = o.fps ?? 10;
  const args = [
    '-v',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-s',
    `${size.width}x${size.height}`,
    '-framerate',
    String(fps),
    '-i',
    'pipe:0',
  ];
  if (o.audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${count / fps}`);
  args.push(...(o.inputs ?? []));
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '16',
    '-pix_fmt',
    'yuv420p',
    ...(o.audio ? ['-c:a', 'aac'] : []),
    '-t',
    String(count / fps),
  );
  args.push(...(o.args ?? []), '-y', out);
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let closed = false;
  const done = new Promise<number>((resolve) => child.on('close', (c) => ((closed = true), resolve(c ?? -1))));
  child.stdin.on('error', () => {}); // an early exit is reported with ffmpeg's own words below
  for (let i = 0; i < count && !closed; i++) {
    if (!child.stdin.write(await draw(i))) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), done]);
  }
  child.stdin.end();
  if ((await done) !== 0) throw new Error(`ffmpeg failed: ${err}`);
}

/** Every frame of a (small) clip as RGB. */
export function readFrames(file: string): RawImage[] {
  const info = probeJson(file).streams.find((s) => s.codec_type === 'video')!;
  const width = info.width!;
  const height = info.height!;
  const r = spawnSync(ffmpeg, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 30 });
  const size = width * height * 3;
  return Array.from({ length: Math.floor(r.stdout.length / size) }, (_, i) => ({
    data: r.stdout.subarray(i * size, (i + 1) * size),
    width,
    height,
    channels: 3 as const,
  }));
}

export function probeJson(file: string): {
  streams: { codec_type: string; width?: number; height?: number; tags?: Record<string, string>; [k: string]: unknown }[];
  format: { tags?: Record<string, string> };
} {
  const r = spawnSync(ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-show_chapters', '-of', 'json', file], {
    encoding: 'utf8',
  });
  return JSON.parse(r.stdout) as ReturnType<typeof probeJson>;
}

/** A face of the group fixture with room around it (a detector needs the head, not a tight box). */
export interface FaceCrop {
  pixels: Buffer;
  width: number;
  height: number;
  /** The face's box inside the crop. */
  face: Rect;
}

const groupPath = path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.jpg');

export async function faceCrop(index: number): Promise<FaceCrop> {
  const [x, y, w, h] = (
    JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.json'), 'utf8')) as { faces: number[][] }
  ).faces[index]!;
  const m = Math.round(0.5 * Math.max(w!, h!));
  const meta = await sharp(groupPath).metadata();
  const left = Math.max(0, x! - m);
  const top = Math.max(0, y! - m);
  const width = Math.min(meta.width - left, w! + 2 * m);
  const height = Math.min(meta.height - top, h! + 2 * m);
  const { data } = await sharp(groupPath).extract({ left, top, width, height }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width, height, face: { x: x! - left, y: y! - top, width: w!, height: h! } };
}

/** A calm background with texture (no face, no magenta), the same in every frame. */
export async function background(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let yy = 0; yy < height; yy++)
    for (let xx = 0; xx < width; xx++) {
      const p = (yy * width + xx) * 3;
      const v = ((xx * 7 + yy * 13) % 40) + 60 + ((xx ^ yy) & 15);
      noise[p] = v + 40;
      noise[p + 1] = v + 60;
      noise[p + 2] = v;
    }
  return noise;
}

/** `crop` scaled by `scale` and pasted with its top-left at (x, y) over `bg`; returns the face's box there. */
export async function paste(
  bg: Buffer,
  size: { width: number; height: number },
  crop: FaceCrop,
  x: number,
  y: number,
  scale: number,
): Promise<{ frame: Buffer; face: Rect }> {
  const w = Math.round(crop.width * scale);
  const h = Math.round(crop.height * scale);
  const patch = await sharp(crop.pixels, { raw: { width: crop.width, height: crop.height, channels: 3 } })
    .resize(w, h)
    .raw()
    .toBuffer();
  const frame = Buffer.from(bg);
  for (let yy = 0; yy < h; yy++) {
    const ty = y + yy;
    if (ty < 0 || ty >= size.height) continue;
    for (let xx = 0; xx < w; xx++) {
      const tx = x + xx;
      if (tx < 0 || tx >= size.width) continue;
      patch.copy(frame, (ty * size.width + tx) * 3, (yy * w + xx) * 3, (yy * w + xx) * 3 + 3);
    }
  }
  const k = w / crop.width;
  return { frame, face: { x: x + crop.face.x * k, y: y + crop.face.y * k, width: crop.face.width * k, height: crop.face.height * k } };
}

/** Share of a face box (clipped to the frame) painted in the solid test colour #ff00ff. */
export function magentaShare(img: RawImage, r: Rect): number {
  let hit = 0;
  let all = 0;
  for (let y = Math.max(0, Math.round(r.y)); y < Math.min(img.height, Math.round(r.y + r.height)); y++)
    for (let x = Math.max(0, Math.round(r.x)); x < Math.min(img.width, Math.round(r.x + r.width)); x++) {
      const p = (y * img.width + x) * 3;
      all++;
      if (img.data[p]! > 190 && img.data[p + 1]! < 90 && img.data[p + 2]! > 190) hit++;
    }
  return all ? hit / all : 1;
}

/**
 * A clip of a moving, zooming window over the group fixture (7 faces, 16–150 px wide), with every
 * face's box per frame in the clip's pixels.
 */
export async function encodePanClip(
  out: string,
  size: { width: number; height: number },
  count: number,
  o: { fps?: number } = {},
): Promise<Rect[][]> {
  const group = path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.jpg');
  const faces = (JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.json'), 'utf8')) as { faces: number[][] })
    .faces;
  const truth: Rect[][] = [];
  await encodeClip(
    out,
    size,
    count,
    async (i) => {
      const t = i / (count - 1);
      const w = Math.round(1200 / (1 + 0.6 * t)); // zooming in
      const h = Math.round((w * size.height) / size.width);
      const x0 = Math.round((1200 - w) * t);
      const y0 = Math.round((800 - h) * (0.5 + 0.5 * Math.sin(6 * t)) * 0.9);
      const k = size.width / w;
      truth.push(faces.map(([x, y, fw, fh]) => ({ x: (x! - x0) * k, y: (y! - y0) * k, width: fw! * k, height: fh! * k })));
      return sharp(group)
        .extract({ left: x0, top: y0, width: w, height: h })
        .resize(size.width, size.height, { fit: 'fill' })
        .removeAlpha()
        .raw()
        .toBuffer();
    },
    o,
  );
  return truth;
}
