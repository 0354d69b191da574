// Pure policy: from what the detectors returned to the faces to cover. YuNet finds faces; the person
// detector removes a "face" that lies on an animal and on no person, or that is unsure in a picture
// with nobody in it. Chosen with `npm run eval` and test/eval/tune.ts
// on the annotated sets of ../shared/corpus (faces of every size, masked, in crowds; photos with no
// person).
import type { Rect } from '../types.js';
import { area, intersection, iou } from '../util/rect.js';
import type { Thing } from './people.js';
import type { Landmarks } from './yunet.js';

export interface Found {
  box: Rect;
  score: number;
  /** YuNet's five points (absent for a face only SSD saw). */
  landmarks?: Landmarks;
  /** Which model found it (the eval also tries face-api's SSD as a second opinion). */
  by: 'yunet' | 'ssd';
}

export interface ChoosePolicy {
  /** YuNet's lowest score for a face. */
  minScore: number;
  /** Candidates between this and minScore are not covered, but make the photo one to check. */
  weakScore: number;
  /** A face this wide or wider (fraction of the picture's long side) takes its box from the coarse pass. */
  closeUp: number;
  /**
   * A candidate this wide or wider (fraction of the long side) needs at least this score: a weak
   * large "face" is a window grille, a pattern or a pet far more often than a face (a real
   * close-up scores high).
   */
  large: { width: number; minScore: number };
  /** The person check: which faces need it, and what it decides. */
  people: PeoplePolicy;
}

export interface PeoplePolicy {
  /** A face this sure is a face, person detector or not (no cat, dog or pattern scored this high on nofaces_dev). */
  sure: number;
  /** When the person detector runs: for any face below `sure`, or only when no face is `sure`. */
  when: 'weak' | 'unsure';
  /** The person detector's score from which a person is in the picture. */
  person: number;
  /**
   * This many faces at least `score` sure make a crowd: people are there, even where the person
   * detector sees nobody (small, far people). Gravel and sequins give many faces too, all unsure.
   */
  crowd: { count: number; score: number };
  /** A face lying this much (fraction of its box) on an animal and not on a person is the animal's. */
  inside: number;
  /** Things below this score say nothing. */
  floor: number;
}

export const defaultChoosePolicy: ChoosePolicy = {
  minScore: 0.22,
  weakScore: 0.12,
  closeUp: 0.2,
  large: { width: 0.2, minScore: 0.5 },
  people: { sure: 0.8, when: 'unsure', person: 0.35, crowd: { count: 4, score: 0.6 }, inside: 0.5, floor: 0.3 },
};

/**
 * One list of YuNet faces from a fine pass (small faces) and a coarse pass (close-ups, whose boxes
 * the fine pass draws too small): the same face found by both counts once, with the coarse box when
 * it is a close-up. Best first.
 */
export function mergePasses(fine: Found[], coarse: Found[], longSide: number, closeUp: number): Found[] {
  const all = [...fine.map((f) => ({ f, coarse: false })), ...coarse.map((f) => ({ f, coarse: true }))].sort(
    (a, b) => b.f.score - a.f.score,
  );
  const out: Found[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < all.length; i++) {
    if (taken.has(i)) continue;
    const group = [all[i]!];
    for (let j = i + 1; j < all.length; j++) {
      if (!taken.has(j) && sameFace(all[i]!.f.box, all[j]!.f.box)) {
        group.push(all[j]!);
        taken.add(j);
      }
    }
    const big = group.find((g) => g.coarse && g.f.box.width >= closeUp * longSide);
    const best = group[0]!.f;
    out.push(big ? { ...big.f, score: best.score } : best);
  }
  return out;
}

export function sameFace(a: Rect, b: Rect): boolean {
  const inter = intersection(a, b);
  return iou(a, b) >= 0.3 || inter >= 0.65 * Math.min(area(a), area(b));
}

/** Whether the faces found need the person detector's word. */
export function needsPeople(faces: Found[], p: PeoplePolicy): boolean {
  const weak = faces.some((f) => f.score < p.sure);
  return p.when === 'weak' ? weak : weak && !faces.some((f) => f.score >= p.sure);
}

/**
 * A face needs a person. A face detector finds faces in fur, foliage and patterns too; an object
 * detector sees the dog. A face below `sure` stays only where people are in the picture (the
 * person detector sees one, or another face is sure), and not when it lies on an animal and on no
 * person.
 */
export function onPeople(faces: Found[], things: Thing[], p: PeoplePolicy): Found[] {
  const people = peopleIn(things, p);
  const animals = things.filter((t) => t.kind === 'animal' && t.score >= p.floor);
  const present =
    people.length > 0 || faces.some((f) => f.score >= p.sure) || faces.filter((f) => f.score >= p.crowd.score).length >= p.crowd.count;
  return faces.filter((f) => {
    if (f.score >= p.sure) return true;
    if (on(people, f.box) >= p.inside) return true;
    return present && on(animals, f.box) < p.inside;
  });
}

/** Whether the person detector sees anyone in the picture. */
export function peoplePresent(things: Thing[], p: PeoplePolicy): boolean {
  return peopleIn(things, p).length > 0;
}

/**
 * The people the detector is sure of. A dog's close-up is often half taken for a person too: a
 * "person" on the same spot as an animal the detector is surer of is that animal.
 */
function peopleIn(things: Thing[], p: PeoplePolicy): Thing[] {
  const animals = things.filter((t) => t.kind === 'animal');
  return things.filter(
    (t) => t.kind === 'person' && t.score >= p.person && !animals.some((a) => a.score > t.score && iou(a.box, t.box) >= 0.5),
  );
}

/** How much of `box` (0..1) lies on the best-covering thing of `list`. */
function on(list: Thing[], box: Rect): number {
  return Math.max(0, ...list.map((t) => intersection(t.box, box) / area(box)));
}

/** Whether a candidate lies on a person the detector is sure of. */
export function onPerson(f: Found, things: Thing[], p: PeoplePolicy): boolean {
  return on(peopleIn(things, p), f.box) >= p.inside;
}
