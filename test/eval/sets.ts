// Evaluation sets in the corpus' format: DIR/boxes.json ({ image: [[x, y, w, h], ...] } in the
// stored pixel grid), or DIR/boxes_oriented.json (the same, upright); optional children.json
// (images that show a child). A folder of photos with no boxes file is a person-free set
// (../shared/corpus/nofaces_dev): every cover put on it is a false one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RawImage, Rect } from '../../src/types.js';
import { orientBox } from './score.js';

interface SetImage {
  name: string;
  child: boolean;
  /** Upright sRGB pixels, as the pipeline decodes them, and the annotated boxes mapped onto them. */
  load(): Promise<{ img: RawImage; truth: Rect[]; file: string }>;
}

export interface EvalSet {
  name: string;
  /** No person in any photo of the set. */
  personFree: boolean;
  images: SetImage[];
}

const toRect = ([x, y, width, height]: number[]): Rect => ({ x: x!, y: y!, width: width!, height: height! });

/** The images children.json lists as likely showing a child: the reference scorer's reading of it. */
function listed(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { likely_child?: string[] };
  return new Set(json.likely_child ?? []);
}

const photo = /\.(jpe?g|png|webp)$/i;

export async function loadSet(dir: string): Promise<EvalSet> {
  const orientedFile = path.join(dir, 'boxes_oriented.json');
  const oriented = existsSync(orientedFile);
  const boxesFile = oriented ? orientedFile : path.join(dir, 'boxes.json');
  const personFree = !existsSync(boxesFile);
  const boxes = personFree
    ? Object.fromEntries(
        readdirSync(dir)
          .filter((f) => photo.test(f))
          .map((f) => [f, [] as number[][]]),
      )
    : (JSON.parse(readFileSync(boxesFile, 'utf8')) as Record<string, number[][]>);
  const children = listed(path.join(dir, 'children.json'));
  const images = Object.keys(boxes)
    .filter((k) => !k.startsWith('_'))
    .sort()
    .map((name): SetImage => ({
      name,
      child: children.has(name),
      async load() {
        const file = path.join(dir, name);
        const meta = await sharp(file).metadata();
        const { data, info } = await sharp(file).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
        const stored = boxes[name]!.map(toRect);
        const truth = oriented ? stored : stored.map((b) => orientBox(b, meta.orientation ?? 1, meta.width!, meta.height!));
        return { img: { data, width: info.width, height: info.height, channels: 3 }, truth, file };
      },
    }));
  return { name: path.basename(dir), personFree, images };
}
