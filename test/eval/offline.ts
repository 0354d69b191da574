// Scores the product's selection (detect.ts choose(), select.ts) and cover planning over detections
// cached by cache-passes.ts (and the people and animals cached by cache-things.ts), in seconds:
// what tune.ts and curve.ts run for each setting they try. No re-check (it needs the pixels).
import { readFileSync } from 'node:fs';
import { choose, defaultSettings, type DetectSettings } from '../../src/faces/detect.js';
import type { Thing } from '../../src/faces/people.js';
import { clampRect, planCovers, readingOrder } from '../../src/plan.js';
import type { Face } from '../../src/types.js';
import type { CachedImage } from './cache-passes.js';
import { SetTally } from './tally.js';

export interface Cached {
  /** The passes the detections were cached with, at the thresholds given to cache-passes.ts. */
  passes: DetectSettings['passes'];
  images: CachedImage[];
  things: Map<string, Thing[]>;
}

type CachedThings = { set: string; name: string; things: number[][] };

/** Loads cache-passes.ts files (made with the same passes) and, optionally, a cache-things.ts file. */
export function loadCaches(files: string[], thingsFile?: string): Cached {
  const parsed = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { passes?: DetectSettings['passes']; images: CachedImage[] });
  const things = new Map<string, Thing[]>(
    thingsFile
      ? (JSON.parse(readFileSync(thingsFile, 'utf8')).images as CachedThings[]).map((t) => [
          `${t.set}/${t.name}`,
          t.things.map(([x, y, width, height, score, kind]) => ({
            box: { x: x!, y: y!, width: width!, height: height! },
            score: score!,
            kind: kind === 1 ? 'person' : 'animal',
          })),
        ])
      : [],
  );
  return { passes: parsed[0]?.passes ?? defaultSettings.passes, images: parsed.flatMap((p) => p.images), things };
}

/** The settings to score: the cached passes with `minScores` (per pass; absent = the cached one) and the policy changed as given. */
export function settingsFor(
  c: Cached,
  minScores: (number | undefined)[] = [],
  policy: Partial<DetectSettings['policy']> = {},
): DetectSettings {
  return {
    ...defaultSettings,
    passes: c.passes.map((p, i) => ({ ...p, minScore: minScores[i] ?? p.minScore })),
    policy: { ...defaultSettings.policy, ...policy },
  };
}

/** Runs the product's selection and planning over every cached image; one tally per set. */
export async function score(c: Cached, settings: DetectSettings): Promise<Map<string, SetTally>> {
  const tallies = new Map<string, SetTally>();
  for (const im of c.images) {
    const flags = new Map<string, number>();
    const perPass = im.passes.map((rows, p) =>
      rows
        .filter((r) => r[4]! >= settings.passes[p]!.minScore && r[2]! > 0 && r[3]! > 0)
        .map(([x, y, width, height, s, flag]) => {
          flags.set(`${x},${y},${width},${height}`, flag!);
          return { box: { x: x!, y: y!, width: width!, height: height! }, score: s! };
        }),
    );
    const look = async (boxes: { x: number; y: number; width: number; height: number }[]) =>
      boxes.map((b) => {
        const flag = flags.get(`${b.x},${b.y},${b.width},${b.height}`);
        // Below the thresholds the cache was made with, no second look was taken: count it as a no.
        return flag === undefined || flag < 0 ? 0 : flag;
      });
    const things = async () => {
      const t = c.things.get(`${im.set}/${im.name}`);
      if (!t) throw new Error(`${im.set}/${im.name}: no cached people and animals; pass the file from cache-things.ts`);
      return t;
    };
    const faces: Face[] = [];
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
  return tallies;
}
