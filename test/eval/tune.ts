// Scores the product's selection (detect.ts choose(), select.ts) and region planning over
// detections cached by cache-passes.ts, in seconds, for trying thresholds and policies:
//   npx tsx test/eval/tune.ts CACHE.json... [--things THINGS.json] [--minScore 0.15,0.2,0.35] [--policy '{"sure":0.8}'] [--lines]
// (THINGS.json from cache-things.ts: the people and animals in each image, for the people check.)
// Prints one JSON line per set, as `npm run eval` does (without timings or the re-check).
import { readFileSync } from 'node:fs';
import { choose, defaultSettings, type DetectSettings } from '../../src/faces/detect.js';
import { clampRect, planCovers, readingOrder } from '../../src/plan.js';
import type { Face } from '../../src/types.js';
import type { Thing } from '../../src/faces/people.js';
import type { CachedImage } from './cache-passes.js';
import { SetTally } from './tally.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const thingsFile = option('--things');
const minScores = option('--minScore')?.split(',').map(Number);
const policy = JSON.parse(option('--policy') ?? '{}') as Partial<DetectSettings['policy']>;
const lines = args.includes('--lines');
const files = args.filter((a) => a !== '--lines');

// The passes the caches were made with (the product's, unless cache-passes.ts was given others).
const cachedPasses = (JSON.parse(readFileSync(files[0]!, 'utf8')) as { passes?: DetectSettings['passes'] }).passes ?? defaultSettings.passes;
const settings: DetectSettings = {
  ...defaultSettings,
  passes: cachedPasses.map((p, i) => ({ ...p, minScore: minScores?.[i] ?? p.minScore })),
  policy: { ...defaultSettings.policy, ...policy },
};

type CachedThings = { set: string; name: string; things: number[][] };
const thingsOf = new Map<string, Thing[]>(
  thingsFile
    ? (JSON.parse(readFileSync(thingsFile, 'utf8')).images as CachedThings[]).map((t) => [
        `${t.set}/${t.name}`,
        t.things.map(([x, y, width, height, score, kind]) => ({ box: { x: x!, y: y!, width: width!, height: height! }, score: score!, kind: kind === 1 ? 'person' : 'animal' })),
      ])
    : [],
);

const tallies = new Map<string, SetTally>();
for (const file of files) {
  const { images } = JSON.parse(readFileSync(file, 'utf8')) as { images: CachedImage[] };
  for (const im of images) {
    const flags = new Map<string, number>();
    const perPass = im.passes.map((rows, p) =>
      rows
        .filter((r) => r[4]! >= settings.passes[p]!.minScore && r[2]! > 0 && r[3]! > 0)
        .map(([x, y, width, height, score, flag]) => {
          flags.set(`${x},${y},${width},${height}`, flag!);
          return { box: { x: x!, y: y!, width: width!, height: height! }, score: score! };
        }),
    );
    const look = async (boxes: { x: number; y: number; width: number; height: number }[]) =>
      boxes.map((b) => {
        const flag = flags.get(`${b.x},${b.y},${b.width},${b.height}`);
        if (flag === undefined || flag < 0) throw new Error(`${im.name}: no cached flag for a box below the cached minScore; re-run cache-passes.ts`);
        return flag;
      });
    const faces: Face[] = [];
    const things = async () => {
      const t = thingsOf.get(`${im.set}/${im.name}`);
      if (!t) throw new Error(`${im.set}/${im.name}: no cached people and animals; pass --things from cache-things.ts`);
      return t;
    };
    for (const d of await choose(im, perPass, settings, look, things)) {
      const box = clampRect(d.box, im.width, im.height);
      if (box) faces.push({ box, score: d.score, source: 'detector' });
    }
    const covers = planCovers(readingOrder(faces), im.width, im.height);
    const truth = im.truth.map(([x, y, width, height]) => ({ x: x!, y: y!, width: width!, height: height! }));
    let tally = tallies.get(im.set);
    if (!tally) tallies.set(im.set, (tally = new SetTally()));
    tally.add({ name: im.name, width: im.width, height: im.height, child: im.child, personFree: im.personFree, truth, faces, covers });
  }
}
for (const [set, tally] of tallies) {
  if (lines) for (const line of tally.lines) console.log(line);
  console.log(JSON.stringify({ set, ...tally.summary() }));
}
