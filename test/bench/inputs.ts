// The benchmark's input set, generated (never committed: 12 MP files) into a cache folder outside
// git ($SHARE_SAFELY_CACHE, else the temp folder), keyed by the content of the code that makes it. Deterministic: a seeded generator places real faces — the astronaut (NASA, public domain)
// and the cameraman (CC0), both from Debian's python3-skimage — at realistic sizes on PD/CC0
// skimage backgrounds with sensor-like grain, as a phone would store them: some sideways with EXIF
// Orientation 6/8, some with GPS and an EXIF thumbnail. The same pictures are written as PNG and,
// where heif-enc exists, as HEIC.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type OverlayOptions } from 'sharp';
import { has } from './tools.js';
import { skimageData as skimage } from '../helpers/oracles.js';
import { random } from '../../src/cover/noise.js';

const run = promisify(execFile);
/**
 * The files whose code decides the generated pictures: a cache made by other code is never reused
 * (a version number to bump by hand once hid a generator that no longer ran).
 */
const generators = [new URL(import.meta.url), new URL('../../src/cover/noise.ts', import.meta.url)];

export type Format = 'jpeg' | 'png' | 'heic';

export interface InputFile {
  path: string;
  format: Format;
  /** EXIF orientation stored in the file (JPEG only). */
  orientation: number;
  gps: boolean;
  /** Upright size and the faces placed in it, [x, y, width, height]. */
  width: number;
  height: number;
  faces: number[][];
}

export interface InputSet {
  dir: string;
  files: InputFile[];
  notes: string[];
}

export interface SetSpec {
  count: number;
  /** Long side of a landscape picture (the short side is 3/4 of it). */
  long: number;
  formats: Format[];
}

export const fullSpec: SetSpec = { count: 24, long: 4032, formats: ['jpeg', 'png', 'heic'] };
export const smokeSpec: SetSpec = { count: 3, long: 800, formats: ['jpeg', 'png'] };

/** A source head: the crop (hair to chin) and the tight face box inside it. */
interface Head {
  file: string;
  crop: { left: number; top: number; width: number; height: number };
  face: [number, number, number, number];
}
const heads: Head[] = [
  { file: 'astronaut.png', crop: { left: 140, top: 20, width: 170, height: 200 }, face: [41, 53, 83, 102] },
  { file: 'camera.png', crop: { left: 178, top: 82, width: 104, height: 136 }, face: [24, 37, 53, 80] },
];
// Backgrounds without faces of their own (the cat and the astronaut would be covered whole-frame):
// coffee (CC0), rocket (SpaceX, public domain), grass, brick and gravel (CC0 textures), Hubble's
// deep field (NASA, public domain).
const backgrounds = ['coffee.png', 'rocket.jpg', 'grass.png', 'brick.png', 'hubble_deep_field.jpg', 'gravel.png'];

/** Scenes by how people appear in family photos: face width as a fraction of the picture's long side. */
const scenes = [
  { people: 1, min: 0.14, max: 0.2 }, // portrait
  { people: 2, min: 0.08, max: 0.12 }, // a couple
  { people: 5, min: 0.04, max: 0.07 }, // a group
  { people: 3, min: 0.05, max: 0.09 }, // a family at the table
  { people: 3, min: 0.02, max: 0.04 }, // people in a landscape
  { people: 8, min: 0.017, max: 0.035 }, // a crowd
];

/** A head at a given face width, with a soft elliptical edge so it blends into the background. */
async function headImage(
  h: Head,
  faceWidth: number,
  flip: boolean,
): Promise<{ png: Buffer; width: number; height: number; face: number[] }> {
  const k = faceWidth / h.face[2];
  const width = Math.round(h.crop.width * k);
  const height = Math.round(h.crop.height * k);
  const mask = Buffer.from(
    `<svg width="${width}" height="${height}"><defs><radialGradient id="g"><stop offset="82%" stop-color="#fff"/><stop offset="100%" stop-color="#000"/></radialGradient></defs>` +
      `<ellipse cx="${width / 2}" cy="${height / 2}" rx="${width / 2}" ry="${height / 2}" fill="url(#g)"/></svg>`,
  );
  let img = sharp(path.join(skimage, h.file)).extract(h.crop).toColourspace('srgb').resize(width, height, { kernel: 'cubic' });
  if (flip) img = img.flop();
  const rgb = await img.removeAlpha().toBuffer();
  const alpha = await sharp(mask).extractChannel(0).toBuffer();
  const fx = flip ? h.crop.width - h.face[0] - h.face[2] : h.face[0];
  const face = [fx * k, h.face[1] * k, h.face[2] * k, h.face[3] * k].map(Math.round);
  return { png: await sharp(rgb).joinChannel(alpha).png().toBuffer(), width, height, face };
}

/** Upright RGB pixels of picture `i` and the face boxes placed in it. */
async function compose(i: number, spec: SetSpec): Promise<{ raw: Buffer; width: number; height: number; faces: number[][] }> {
  const rand = random(1000 + i);
  const portrait = i % 4 === 1 || i % 4 === 3;
  const width = portrait ? Math.round((spec.long * 3) / 4) : spec.long;
  const height = portrait ? spec.long : Math.round((spec.long * 3) / 4);
  const scene = scenes[i % scenes.length]!;
  const layers: OverlayOptions[] = [];
  const faces: number[][] = [];
  const taken: number[][] = [];
  for (let p = 0; p < scene.people; p++) {
    const faceWidth = Math.round(spec.long * (scene.min + rand() * (scene.max - scene.min)));
    const head = await headImage(heads[(i + p) % heads.length]!, faceWidth, rand() < 0.5);
    // Heads do not overlap (a face hidden behind another is not a face to count).
    for (let tries = 0; tries < 50; tries++) {
      const left = Math.round(rand() * (width - head.width));
      const top = Math.round(height * 0.1 + rand() * (height * 0.75 - head.height));
      const box = [left, top, head.width, head.height];
      if (taken.some((t) => box[0]! < t[0]! + t[2]! && t[0]! < box[0]! + box[2]! && box[1]! < t[1]! + t[3]! && t[1]! < box[1]! + box[3]!))
        continue;
      taken.push(box);
      layers.push({ input: head.png, left, top });
      faces.push([left + head.face[0]!, top + head.face[1]!, head.face[2]!, head.face[3]!]);
      break;
    }
  }
  const background = path.join(skimage, backgrounds[i % backgrounds.length]!);
  // composite runs after resize in one sharp pipeline, which is the order wanted here.
  const { data } = await sharp(background)
    .toColourspace('srgb')
    .removeAlpha()
    .resize(width, height, { fit: 'cover', kernel: 'cubic' })
    .composite(layers)
    .raw()
    .toBuffer({ resolveWithObject: true });
  addGrain(data, i);
  return { raw: data, width, height, faces };
}

/** Seeded grain, as a phone sensor leaves: it gives the encoder real detail to spend bits on. */
function addGrain(px: Buffer, seed: number): void {
  const rand = random(seed * 7919 + 1);
  for (let p = 0; p < px.length; p += 3) {
    const n = Math.round((rand() + rand() + rand() - 1.5) * 14);
    for (let c = 0; c < 3; c++) px[p + c] = Math.max(0, Math.min(255, px[p + c]! + n));
  }
}

const gpsArgs = (i: number) => [
  `-GPSLatitude=${43 + i / 10}`,
  '-GPSLatitudeRef=N',
  `-GPSLongitude=${5 + i / 7}`,
  '-GPSLongitudeRef=E',
  '-GPSAltitude=35',
];
const phoneArgs = (i: number) => [
  '-Make=Apple',
  '-Model=iPhone 13',
  '-SerialNumber=F2LXK0ABCD12',
  `-DateTimeOriginal=2024:07:${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`,
];

/** Writes the set for `spec` into `dir` (reusing a complete cache) and returns it. */
export async function makeInputs(spec: SetSpec, dir: string = defaultDir(spec)): Promise<InputSet> {
  const manifestFile = path.join(dir, 'manifest.json');
  const key = JSON.stringify({ code: generatorHash(), spec, heic: has('heif-enc'), exiftool: has('exiftool') });
  if (existsSync(manifestFile)) {
    const cached = JSON.parse(readFileSync(manifestFile, 'utf8')) as InputSet & { key: string };
    if (cached.key === key && cached.files.every((f) => existsSync(f.path))) return cached;
  }
  rmSync(dir, { recursive: true, force: true });
  const notes: string[] = [];
  const files: InputFile[] = [];
  for (const f of spec.formats) mkdirSync(path.join(dir, f), { recursive: true });
  const wantHeic = spec.formats.includes('heic') && has('heif-enc');
  if (spec.formats.includes('heic') && !wantHeic) notes.push('heif-enc not found (apt-get install libheif-examples): no HEIC inputs');
  const exiftool = has('exiftool');
  if (!exiftool) notes.push('exiftool not found: inputs carry orientation only, no GPS or thumbnails');
  const heicJobs: Promise<unknown>[] = [];
  for (let i = 0; i < spec.count; i++) {
    const { raw, width, height, faces } = await compose(i, spec);
    const name = `IMG_${String(4000 + i)}`;
    // Without exiftool nothing could tag a sideways picture, so it is stored upright.
    const orientation = !exiftool ? 1 : i % 4 === 1 ? 6 : i % 4 === 3 ? 8 : 1;
    const gps = i % 3 === 0;
    const upright = () => sharp(raw, { raw: { width, height, channels: 3 } });
    const common = { orientation: 1, gps, width, height, faces };
    // Stored turned a quarter, as a phone held sideways stores it; the EXIF tag says how to turn it back.
    const jpeg = path.join(dir, 'jpeg', `${name}.jpg`);
    const stored = orientation === 6 ? upright().rotate(270) : orientation === 8 ? upright().rotate(90) : upright();
    await stored.jpeg({ quality: 90 }).toFile(jpeg);
    if (exiftool) {
      const thumb = path.join(dir, 'jpeg', `${name}.thumb.jpg`);
      await stored.clone().resize(160).jpeg({ quality: 70 }).toFile(thumb);
      const extra = gps ? [...gpsArgs(i), `-ThumbnailImage<=${thumb}`] : [];
      execFileSync('exiftool', ['-q', '-overwrite_original', `-Orientation#=${orientation}`, ...phoneArgs(i), ...extra, jpeg]);
      rmSync(thumb);
    }
    files.push({ ...common, path: jpeg, format: 'jpeg', orientation });
    if (spec.formats.includes('png')) {
      const png = path.join(dir, 'png', `${name}.png`);
      await upright().png({ compressionLevel: 6 }).toFile(png);
      if (exiftool && gps) execFileSync('exiftool', ['-q', '-overwrite_original', ...gpsArgs(i), ...phoneArgs(i), png]);
      files.push({ ...common, path: png, format: 'png' });
      if (wantHeic) {
        const heic = path.join(dir, 'heic', `${name}.heic`);
        heicJobs.push(encodeHeic(png, heic, gps ? [...gpsArgs(i), ...phoneArgs(i)] : []));
        files.push({ ...common, path: heic, format: 'heic' });
        // Two encodes at a time: x265 is slow, and one picture's composition overlaps them.
        if (heicJobs.length >= 2) await heicJobs.shift();
      }
    }
  }
  await Promise.all(heicJobs);
  writeFileSync(manifestFile, JSON.stringify({ key, dir, files, notes }, null, 1));
  return { dir, files, notes };
}

async function encodeHeic(png: string, heic: string, exif: string[]): Promise<void> {
  await run('heif-enc', ['-q', '50', '-p', 'preset=veryfast', '-t', '320', '-o', heic, png]);
  if (exif.length && has('exiftool')) await run('exiftool', ['-q', '-overwrite_original', ...exif, heic]);
}

function defaultDir(spec: SetSpec): string {
  return path.join(process.env.SHARE_SAFELY_CACHE || tmpdir(), 'share-safely-bench', `${spec.count}x${spec.long}`);
}

function generatorHash(): string {
  const h = createHash('sha256');
  for (const file of generators) h.update(readFileSync(file));
  return h.digest('hex').slice(0, 16);
}
