// Runs each detector pass once over annotated sets, at floors below any threshold worth trying,
// takes the second look (face-mesh flag) at every detection the product's thresholds keep, and
// saves it all, so that the selection policy can be scored offline in seconds (tune.ts) instead
// of running the detector again for every combination.
// Usage: npx tsx test/eval/cache-passes.ts OUT.json SET_DIR... [--passes '[{"detector":"blaze","size":1600,"tile":256,"minScore":0.35}, ...]']
// (--passes: the passes to cache instead of the product's, for trying new ones.)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { warmUp } from '../../src/faces/index.js';
import { defaultSettings, detectPasses, type DetectSettings } from '../../src/faces/detect.js';
import { faceFlags } from '../../src/faces/second-look.js';
import { loadSet } from './sets.js';

const args = process.argv.slice(2);
const passesAt = args.indexOf('--passes');
const chosen: DetectSettings['passes'] = passesAt >= 0 ? JSON.parse(args.splice(passesAt, 2)[1]!) : defaultSettings.passes;
/** The passes, each with a lower floor. */
export const floors: DetectSettings = { ...defaultSettings, passes: chosen.map((p) => ({ ...p, minScore: Math.min(p.minScore, 0.1) })) };

export interface CachedImage {
  set: string;
  name: string;
  width: number;
  height: number;
  truth: number[][];
  child: boolean;
  personFree: boolean;
  /** Per pass of `floors`: [x, y, width, height, score, face-mesh flag (-1: below the product's minScore, not looked at)]. */
  passes: number[][][];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

const [outFile, ...dirs] = args;
if (!outFile || dirs.length === 0) {
  console.error('usage: cache-passes.ts OUT.json SET_DIR...');
  process.exit(2);
}
await warmUp();
const cached: CachedImage[] = [];
for (const dir of dirs) {
  const set = await loadSet(path.resolve(dir));
  for (const item of set.images) {
    const { img, truth } = await item.load();
    const passes = await detectPasses(img, floors);
    const rows = passes.map((list) => list.map((d) => [d.box.x, d.box.y, d.box.width, d.box.height, d.score].map(round)));
    // The flags are taken on the rounded boxes, the ones tune.ts will ask about.
    const looked = rows.flatMap((list, p) => list.filter((r) => r[4]! >= chosen[p]!.minScore));
    const flags = await faceFlags(
      img,
      looked.map(([x, y, width, height]) => ({ x: x!, y: y!, width: width!, height: height! })),
    );
    const flagOf = new Map(looked.map((r, i) => [r, round(flags[i]!)]));
    cached.push({
      set: set.name,
      name: item.name,
      width: img.width,
      height: img.height,
      truth: truth.map((b) => [b.x, b.y, b.width, b.height]),
      child: item.child,
      personFree: set.personFree,
      passes: rows.map((list) => list.map((r) => [...r, flagOf.get(r) ?? -1])),
    });
  }
  console.error(`${set.name}: ${set.images.length} images`);
}
writeFileSync(outFile, JSON.stringify({ floors, passes: chosen, images: cached }));
