// Face finding: YuNet on the whole picture twice — a fine copy for small faces, a coarse one that
// draws close-ups whole — then, when no face is sure, the person detector, which tells a child's
// face from a dog's, a pattern's or a toy's (choose.ts decides; this file only runs the models).
import type { RawImage } from '../types.js';
import { area, intersection } from '../util/rect.js';
import {
  defaultChoosePolicy,
  mergePasses,
  needsPeople,
  onPeople,
  onPerson,
  peoplePresent,
  type ChoosePolicy,
  type Found,
} from './choose.js';
import { findThings, type Thing } from './people.js';
import { copyAt, detectIn, type YunetFace } from './yunet.js';

export interface DetectSettings {
  /** Long side, in px, of the copy the fine pass sees (small faces). */
  fine: number;
  /** Long side of the coarse pass (close-ups, whose boxes the fine pass draws too small); 0: none. */
  coarse: number;
  /** The fine pass never enlarges a small picture more than this: past it, it adds false faces faster than faces. */
  maxUpscale: number;
  policy: ChoosePolicy;
}

/** Chosen with `npm run eval` and test/eval/tune.ts on ../shared/corpus (see the README's "How faces are found"). */
export const defaultSettings: DetectSettings = { fine: 1280, coarse: 640, maxUpscale: 2.4, policy: defaultChoosePolicy };

/** The long sides the fine and coarse passes see for a picture whose long side is `long`. */
export function passSides(long: number, s: Pick<DetectSettings, 'fine' | 'coarse' | 'maxUpscale'>): { fine: number; coarse: number } {
  const fine = Math.min(s.fine, Math.round(long * s.maxUpscale));
  return { fine, coarse: s.coarse ? Math.min(s.coarse, fine) : 0 };
}

export interface Detected {
  /** The faces to cover, best first. */
  faces: Found[];
  /** Candidates too unsure to cover, in a picture with people: the parent should look. */
  unsure: Found[];
  /** Whether people are in the picture, when the person detector was asked (undefined: not asked). */
  people?: boolean;
}

const asFound = (f: YunetFace): Found => ({ ...f, by: 'yunet' });

/** The faces in `img` (upright pixels), and what the person detector said when it was asked. */
export async function detect(img: RawImage, settings: DetectSettings = defaultSettings): Promise<Detected> {
  const { policy } = settings;
  const long = Math.max(img.width, img.height);
  // Each smaller copy is made from the last one, not from the full photo (a 12 MP resize costs
  // ~100 ms, a 1280-px one a few); the person detector sees the smallest.
  const sides = passSides(long, settings);
  const fineCopy = await copyAt(img, sides.fine);
  const fine = (await detectIn(fineCopy, policy.weakScore, img.width / fineCopy.width)).map(asFound);
  const coarseCopy = sides.coarse ? await copyAt(fineCopy, sides.coarse) : fineCopy;
  const coarse = sides.coarse ? (await detectIn(coarseCopy, policy.minScore, img.width / coarseCopy.width)).map(asFound) : [];
  const k = img.width / coarseCopy.width;
  return choose(long, fine, coarse, policy, async () =>
    (await findThings(coarseCopy)).map((t) => ({
      ...t,
      box: { x: t.box.x * k, y: t.box.y * k, width: t.box.width * k, height: t.box.height * k },
    })),
  );
}

/**
 * The pure part of detect(), shared with the offline tuner: the passes merged, the person check
 * when it is needed (and, for a picture with no face at all, to tell "nobody here" from "a person
 * whose face was not found"), the unsure candidates kept for the report.
 */
export async function choose(
  longSide: number,
  fine: Found[],
  coarse: Found[],
  policy: ChoosePolicy,
  things: () => Promise<Thing[]>,
): Promise<Detected> {
  const faces = mergePasses(
    fine.filter((f) => f.score >= policy.minScore),
    coarse.filter((f) => f.score >= policy.minScore),
    longSide,
    policy.closeUp,
  ).filter((f) => f.box.width < policy.large.width * longSide || f.score >= policy.large.minScore);
  const weak = fine.filter((f) => f.score < policy.minScore && !faces.some((g) => overlaps(g, f)));
  if (faces.length > 0 && !needsPeople(faces, policy.people)) return { faces, unsure: [] };
  const seen = await things();
  const people = peoplePresent(seen, policy.people);
  // A candidate too unsure to cover matters where the person detector sees a person around it (the
  // children in a row boat); on a pet or a wall it is the pet or the wall.
  const unsure = weak.filter((f) => onPerson(f, seen, policy.people));
  return { faces: onPeople(faces, seen, policy.people), unsure, people };
}

/** Whether two candidates overlap by more than 30 % of the smaller one: the same face, seen weaker. */
function overlaps(a: Found, b: Found): boolean {
  return intersection(a.box, b.box) > 0.3 * Math.min(area(a.box), area(b.box));
}
