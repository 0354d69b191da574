// Scores face-finder settings over detections cached by cache-detections.ts (and the people and
// animals cached by cache-things.ts), in seconds, through the product's own policy (detect.ts
// choose(), choose.ts, warnings.ts) and cover planning: what tune.ts and curve.ts run for each
// setting they try. No re-check (it needs the pixels): `npm run eval` gives the live figures.
import { readFileSync } from 'node:fs';
import { sameFace, type Found } from '../../src/faces/choose.js';
import { choose, defaultSettings, passSides, type DetectSettings } from '../../src/faces/detect.js';
import type { Thing } from '../../src/faces/people.js';
import { warningsFor } from '../../src/faces/warnings.js';
import { warningAsks } from '../../src/contract/codes.js';
import { planCovers, readingOrder } from '../../src/plan.js';
import type { Face } from '../../src/types.js';
import type { CachedImage } from './cache-detections.js';
import { SetTally } from './tally.js';

export interface Cached {
  images: CachedImage[];
  things: Map<string, Thing[]>;
}

/** Loads cache-detections.ts files and, optionally, a cache-things.ts file. */
export function loadCaches(files: string[], thingsFile?: string): Cached {
  const images = files.flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { images: CachedImage[] }).images);
  // Several caches of the same images (other sides): one entry per image, their passes together.
  const byName = new Map<string, CachedImage>();
  for (const im of images) {
    const key = `${im.set}/${im.name}`;
    const had = byName.get(key);
    byName.set(key, had ? { ...had, yunet: { ...had.yunet, ...im.yunet }, ssd: had.ssd ?? im.ssd } : im);
  }
  const things = new Map<string, Thing[]>(
    thingsFile
      ? (JSON.parse(readFileSync(thingsFile, 'utf8')).images as { set: string; name: string; things: number[][] }[]).map((t) => [
          `${t.set}/${t.name}`,
          t.things.map(([x, y, width, height, score, kind]) => ({
            box: { x: x!, y: y!, width: width!, height: height! },
            score: score!,
            kind: kind === 1 ? ('person' as const) : ('animal' as const),
          })),
        ])
      : [],
  );
  return { images: [...byName.values()], things };
}

export interface Trial {
  settings: DetectSettings;
  /** SSD's score for a face YuNet missed (a part measured and not kept); absent: no SSD. */
  ssd?: number;
  /** Without the person detector: every face found stays (YuNet alone). */
  noPeople?: boolean;
  /** Covers upright, whatever the landmarks say. */
  upright?: boolean;
}

export interface Scored {
  tally: SetTally;
  /** Photos that would end "check it", and photos where the person detector ran. */
  check: number;
  peopleRuns: number;
  /** Per warning code that asks to check, the photos it was given to. */
  reasons: Record<string, number>;
}

const toFound = (r: number[]): Found => ({
  box: { x: r[0]!, y: r[1]!, width: r[2]!, height: r[3]! },
  score: r[4]!,
  landmarks: [0, 1, 2, 3, 4].map((k) => [r[5 + 2 * k]!, r[6 + 2 * k]!] as [number, number]),
  by: 'yunet',
});

/** The trial over every cached image; per set its tally and its "check it" count. */
export async function score(c: Cached, trial: Trial): Promise<Map<string, Scored>> {
  const { settings } = trial;
  const out = new Map<string, Scored>();
  for (const im of c.images) {
    const sides = passSides(Math.max(im.width, im.height), settings);
    // The cached side nearest to the one the product would use.
    const nearest = (side: number) =>
      Object.keys(im.yunet)
        .map(Number)
        .sort((a, b) => Math.abs(a - side) - Math.abs(b - side))[0]!;
    const pass = (wanted: number) => {
      const side = nearest(wanted);
      const rows = im.yunet[side];
      if (!rows) throw new Error(`${im.set}/${im.name}: no cached pass at ${side} px; run cache-detections.ts with --sides ${side}`);
      return rows.map(toFound);
    };
    let scored = out.get(im.set);
    if (!scored) out.set(im.set, (scored = { tally: new SetTally(), check: 0, peopleRuns: 0, reasons: {} }));
    const s = scored;
    const things = async () => {
      s.peopleRuns++;
      if (trial.noPeople) return [{ box: { x: 0, y: 0, width: im.width, height: im.height }, score: 1, kind: 'person' as const }];
      const t = c.things.get(`${im.set}/${im.name}`);
      if (!t) throw new Error(`${im.set}/${im.name}: no cached people and animals; pass the file from cache-things.ts`);
      return t;
    };
    const detected = await choose(
      Math.max(im.width, im.height),
      pass(sides.fine),
      sides.coarse ? pass(sides.coarse) : [],
      settings.policy,
      things,
    );
    if (trial.ssd !== undefined) {
      const ssd = (im.ssd ?? []).map((r) => ({
        box: { x: r[0]!, y: r[1]!, width: r[2]!, height: r[3]! },
        score: r[4]!,
        by: 'ssd' as const,
      }));
      // SSD's sure faces that no YuNet face already holds.
      detected.faces.push(...ssd.filter((d) => d.score >= trial.ssd! && !detected.faces.some((f) => sameFace(f.box, d.box))));
    }
    const faces: Face[] = detected.faces.map((f) => ({
      box: f.box,
      score: f.score,
      source: 'detector',
      ...(f.landmarks && !trial.upright ? { landmarks: f.landmarks } : {}),
    }));
    const asks = warningsFor(faces, detected).filter((w) => warningAsks[w.code] === 'check');
    if (asks.length) s.check++;
    for (const w of asks) s.reasons[w.code] = (s.reasons[w.code] ?? 0) + 1;
    const ordered = readingOrder(faces);
    const covers = planCovers(ordered, im.width, im.height);
    const truth = im.truth.map(([x, y, width, height]) => ({ x: x!, y: y!, width: width!, height: height! }));
    s.tally.add({
      name: im.name,
      width: im.width,
      height: im.height,
      child: im.child,
      personFree: im.personFree,
      truth,
      faces: ordered,
      covers,
    });
  }
  return out;
}

/** One line of figures for a set: coverage and its cost, or the false covers of a person-free set. */
export function brief(set: string, { tally, check, peopleRuns, reasons }: Scored): Record<string, unknown> {
  const s = tally.summary();
  const base = { set, images: s.images, checkPct: Math.round((1000 * check) / s.images) / 10, reasons, peopleRuns };
  if ('personFree' in s && s.personFree) {
    return {
      ...base,
      withCover: s.personFree.photosWithCover,
      coversPerPhoto: s.personFree.coversPerPhoto,
      over5: s.personFree.coversOver5Pct,
    };
  }
  if (!('coverage10' in s)) return base;
  const mergedPct = s.covers ? Math.round((1000 * s.mergedCovers) / s.covers) / 10 : 0;
  return {
    ...base,
    c10: s.coverage10,
    c20: s.coverage20,
    kids: s.children?.coverage,
    coll: s.collateralMeanPct,
    p90: s.collateralP90Pct,
    mergedPct,
  };
}

export { defaultSettings };
