// Pure policy: which merged candidates are faces, which need a second look (second-look.ts), and which
// are the same face seen twice. Tuned with `npm run eval` on the annotated sets of ../shared/corpus
// (faces of every size, masked, turned, in crowds; photos with no person) and on ordinary pictures (portraits, textures, objects; see
// test/eval/make-precision-set.ts): recall first, but a collar, a coin or a patch of gravel
// should not become a covered "face".
import type { Rect } from '../types.js';
import { expandBox } from '../plan.js';
import { area, intersection, type Candidate } from './merge.js';
import type { Thing } from './people.js';

export interface Policy {
  /** A candidate this sure, by any pass, is a face. */
  sure: number;
  /** Candidates the passes agree on are faces: Σ over passes of best score / the pass's minScore. */
  agreement: number;
  /** Below this score a candidate only the tiles saw needs the second look, however small. */
  tileOnly: number;
  /** Width, as a fraction of the picture's long side, below which a candidate is kept without a second look. */
  tiny: number;
  /** People at the same distance: a sure face at most `ratio`× larger or smaller, at most `band` face heights above or below. */
  company: { ratio: number; band: number };
  /** The face-mesh flag (0..1) at which the second look confirms a face. */
  confirm: number;
  /** A candidate lying this much (fraction of its box) inside a better face's cover is that face again. */
  sameFace: number;
  /** The box a face is covered by: all its detections' bounds, only those that match its best one, or its best one alone. */
  box: 'union' | 'core' | 'mean' | 'seed';
  /** A face needs a person: see onPeople(). */
  people: PeoplePolicy;
}

export interface PeoplePolicy {
  /** This many candidates make a crowd: people are there. */
  crowd: number;
  /** This many candidates this sure, confirmed by the face mesh, show that people are there. */
  strong: { count: number; score: number; flag: number };
  /** A candidate this sure and this well confirmed by the face mesh is a face, person detector or not. */
  clear: { score: number; flag: number };
  /** The person detector's score from which a person is in the picture. */
  person: number;
  /**
   * A candidate lying this much (fraction of its box) on an animal and not on a person is that
   * animal's face, unless the mesh is this sure; in a picture with no person, on an animal the
   * detector is `sure` of, whatever the mesh says (it takes a dog's face for a face). And where
   * the detector sees both there, an animal at least `rival` sure and a person less sure than that
   * and than the animal (a dog's close-up it half takes for a person), the animal's too.
   */
  onAnimal: { inside: number; flag: number; sure: number; rival: number };
  /** Things below this score say nothing about where a candidate lies. */
  floor: number;
}

export const defaultPolicy: Policy = {
  sure: 0.7,
  agreement: 4.5,
  tileOnly: 0.5,
  tiny: 0.03,
  company: { ratio: 3, band: 2 },
  confirm: 0.5,
  sameFace: 0.9,
  box: 'mean',
  people: {
    crowd: 6,
    strong: { count: 2, score: 0.8, flag: 0.5 },
    clear: { score: 0.6, flag: 0.8 },
    person: 0.35,
    onAnimal: { inside: 0.5, flag: 0.8, sure: 0.3, rival: 0.5 },
    floor: 0.2,
  },
};

export interface PassInfo {
  minScore: number;
  tile: number;
}

export type Verdict = 'face' | 'verify';

/**
 * A verdict per candidate (candidates best first, as group() returns them): 'face', or 'verify'
 * when only the second look may keep it. Far faces stay (too small for a second look, and a small
 * cover costs little), and so do faces beside sure ones of their size: a crowd's turned or masked
 * faces. What goes to the second look is a mid-size or large detection that one weak pass saw, in a
 * picture where nobody stands at that distance: the collar under a portrait, a cup, a coin.
 */
export function triage(candidates: Candidate[], passes: PassInfo[], longSide: number, policy: Policy = defaultPolicy): Verdict[] {
  const sure = candidates.filter((c) => c.score >= policy.sure);
  return candidates.map((c) => {
    if (c.score >= policy.sure) return 'face';
    const agreement = c.best.reduce((sum, s, p) => sum + s / passes[p]!.minScore, 0);
    if (agreement >= policy.agreement) return 'face';
    const seenBy = c.best.flatMap((s, p) => (s > 0 ? [p] : []));
    if (seenBy.every((p) => passes[p]!.tile > 0) && c.score < policy.tileOnly) return 'verify';
    if (c.seed.width < policy.tiny * longSide) return 'face';
    return sure.some((s) => s !== c && sameDistance(s, c, policy.company)) ? 'face' : 'verify';
  });
}

function sameDistance(a: Candidate, b: Candidate, { ratio, band }: Policy['company']): boolean {
  const size = a.seed.width / b.seed.width;
  const rows = Math.abs(a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  return size <= ratio && size >= 1 / ratio && rows <= band * Math.max(a.box.height, b.box.height);
}

/** Faces (best first) without the ones that lie `inside` (fraction of their box) within a better one's cover. */
export function dropDuplicates<T extends { box: Rect }>(faces: T[], inside: number): T[] {
  const kept: T[] = [];
  for (const f of faces) {
    if (!kept.some((k) => intersection(expandBox(k.box), f.box) >= inside * area(f.box))) kept.push(f);
  }
  return kept;
}

/** A candidate face with its face-mesh flag (0..1). */
export interface Flagged {
  box: Rect;
  score: number;
  flag: number;
}

/**
 * Whether the faces found need the person detector's word: not in a crowd, and not with two strong
 * faces (group photos answer here, without it). A single clear face still does: a dog's face is
 * as clear to the face mesh as a person's.
 */
export function needsPeople(faces: Flagged[], p: PeoplePolicy): boolean {
  if (faces.length === 0 || faces.length >= p.crowd) return false;
  return faces.filter((f) => f.score >= p.strong.score && f.flag >= p.strong.flag).length < p.strong.count;
}

const clear = (f: Flagged, p: PeoplePolicy) => f.score >= p.clear.score && f.flag >= p.clear.flag;

/**
 * A face needs a person. Fur, foliage, a pattern, a toy: face detectors find faces in all of them,
 * and a person-free photo is the one a wrong cover spoils most. When the person detector sees no
 * person in the picture, only clear faces stay; a candidate lying on an animal and on no person is
 * that animal's face unless the face mesh is sure. Measured on person-free photos and on crowds
 * (npm run eval): it removes most false covers and very few faces.
 */
export function onPeople<T extends Flagged>(faces: T[], things: Thing[], p: PeoplePolicy): T[] {
  const people = things.filter((t) => t.kind === 'person' && t.score >= p.floor);
  const animals = things.filter((t) => t.kind === 'animal' && t.score >= p.floor);
  const present = people.some((t) => t.score >= p.person);
  const on = (list: Thing[], box: Rect) => Math.max(0, ...list.map((t) => intersection(t.box, box) / area(box)));
  /** The best score among the things `box` lies on. */
  const surest = (list: Thing[], box: Rect) =>
    Math.max(0, ...list.filter((t) => intersection(t.box, box) >= p.onAnimal.inside * area(box)).map((t) => t.score));
  return faces.filter((f) => {
    if (!present && !clear(f, p)) return false;
    const animal = surest(animals, f.box);
    const person = surest(people, f.box);
    if (person > 0 && person < p.onAnimal.rival && animal >= p.onAnimal.rival && animal > person) return false;
    if (
      on(
        people.filter((t) => t.score >= p.person),
        f.box,
      ) >= p.onAnimal.inside
    )
      return true;
    if (on(animals, f.box) >= p.onAnimal.inside && f.flag < p.onAnimal.flag) return false;
    const sureAnimals = animals.filter((t) => t.score >= p.onAnimal.sure);
    return present || on(sureAnimals, f.box) < p.onAnimal.inside;
  });
}
