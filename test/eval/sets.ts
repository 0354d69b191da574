// Annotated evaluation sets in the corpus' format: DIR/boxes.json ({ image: [[x, y, w, h], ...] }
// in the stored pixel grid), or DIR/boxes_oriented.json (the same, upright); optional
// children.json (images that show a child) and animals.json (images with an animal's face, which
// is neither a person's face nor a false region).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RawImage, Rect } from '../../src/types.js';
import { orientBox } from './score.js';

interface SetImage {
  name: string;
  child: boolean;
  animal: boolean;
  /** Upright sRGB pixels, as the pipeline decodes them, and the annotated boxes mapped onto them. */
  load(): Promise<{ img: RawImage; truth: Rect[] }>;
}

export interface EvalSet {
  name: string;
  images: SetImage[];
}

const toRect = ([x, y, width, height]: number[]): Rect => ({ x: x!, y: y!, width: width!, height: height! });

function listed(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const json = JSON.parse(readFileSync(file, 'utf8')) as string[] | Record<string, unknown>;
  if (Array.isArray(json)) return new Set(json);
  // Either { image: boxes } or { likely_child: [...], uncertain: [...] }: a possible child counts.
  return new Set(
    Object.entries(json).flatMap(([k, v]) => (k === '_note' ? [] : k === 'likely_child' || k === 'uncertain' ? (v as string[]) : [k])),
  );
}

export async function loadSet(dir: string): Promise<EvalSet> {
  const orientedFile = path.join(dir, 'boxes_oriented.json');
  const oriented = existsSync(orientedFile);
  const boxes = JSON.parse(readFileSync(oriented ? orientedFile : path.join(dir, 'boxes.json'), 'utf8')) as Record<string, number[][]>;
  const children = listed(path.join(dir, 'children.json'));
  const animals = listed(path.join(dir, 'animals.json'));
  const images = Object.keys(boxes)
    .sort()
    .map(
      (name): SetImage => ({
        name,
        child: children.has(name),
        animal: animals.has(name),
        async load() {
          const file = path.join(dir, name);
          const meta = await sharp(file).metadata();
          const { data, info } = await sharp(file).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
          const stored = boxes[name]!.map(toRect);
          const truth = oriented ? stored : stored.map((b) => orientBox(b, meta.orientation ?? 1, meta.width!, meta.height!));
          return { img: { data, width: info.width, height: info.height, channels: 3 }, truth };
        },
      }),
    );
  return { name: path.basename(dir), images };
}
