// Runs YuNet once per image at each given long side, at a floor below any threshold worth trying,
// and, with --ssd, face-api's SSD on a 512-px copy, and saves it all, so that detector settings
// (sizes, thresholds, which parts to add) can be scored offline in seconds (tune.ts, curve.ts).
// Usage: npx tsx test/eval/cache-detections.ts OUT.json SET_DIR... [--sides 640,1280] [--ssd]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectYunet } from '../../src/faces/yunet.js';
import { ssdFaces } from './ssd.js';
import { loadSet } from './sets.js';

export interface CachedImage {
  set: string;
  name: string;
  width: number;
  height: number;
  truth: number[][];
  child: boolean;
  personFree: boolean;
  /** Per long side: [x, y, width, height, score, then the five landmarks' x, y]. */
  yunet: Record<string, number[][]>;
  /** SSD on a 512-px copy: [x, y, width, height, score]. */
  ssd?: number[][];
}

const round = (v: number) => Math.round(v * 100) / 100;
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args.splice(i, name === '--ssd' ? 1 : 2).at(1) ?? '') : undefined;
};
const sides = (flag('--sides') ?? '640,1280').split(',').map(Number);
const withSsd = flag('--ssd') !== undefined;
const [outFile, ...dirs] = args;
if (!outFile || dirs.length === 0) {
  console.error('usage: cache-detections.ts OUT.json SET_DIR... [--sides 640,1280] [--ssd]');
  process.exit(2);
}
const cached: CachedImage[] = [];
for (const dir of dirs) {
  const set = await loadSet(path.resolve(dir));
  for (const item of set.images) {
    const { img, truth } = await item.load();
    const yunet: Record<string, number[][]> = {};
    for (const side of sides) {
      const faces = await detectYunet(img, { longSide: side, minScore: 0.1 });
      yunet[side] = faces.map((f) => [f.box.x, f.box.y, f.box.width, f.box.height, f.score, ...f.landmarks.flat()].map(round));
    }
    const entry: CachedImage = {
      set: set.name,
      name: item.name,
      width: img.width,
      height: img.height,
      truth: truth.map((b) => [b.x, b.y, b.width, b.height]),
      child: item.child,
      personFree: set.personFree,
      yunet,
    };
    if (withSsd) entry.ssd = (await ssdFaces(img, 0.3)).map((d) => [d.box.x, d.box.y, d.box.width, d.box.height, d.score].map(round));
    cached.push(entry);
  }
  console.error(`${set.name}: ${set.images.length} images`);
}
writeFileSync(outFile, JSON.stringify({ sides, images: cached }));
