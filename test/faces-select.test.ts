// The selection policy, without images: which merged candidates are faces, which need the second
// look, which are a face counted twice.
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../src/faces/merge.js';
import type { Thing } from '../src/faces/people.js';
import { defaultPolicy, dropDuplicates, needsPeople, onPeople, triage } from '../src/faces/select.js';
import { expandBox } from '../src/plan.js';

// The product's passes: SSD whole frame, BlazeFace whole frame, BlazeFace tiles.
const passes = [
  { minScore: 0.15, tile: 0 },
  { minScore: 0.2, tile: 0 },
  { minScore: 0.35, tile: 256 },
];
const long = 1000;

function cand(x: number, y: number, width: number, best: number[]): Candidate {
  const box = { x, y, width, height: width * 1.25 };
  return { box, seed: box, core: box, mean: box, score: Math.max(...best), best };
}

describe('triage', () => {
  it('keeps a face one pass is sure of, and one the passes agree on', () => {
    const sure = cand(100, 100, 120, [0, 0, 0.75]);
    const agreed = cand(400, 100, 120, [0.45, 0.4, 0.4]); // 3 + 2 + 1.1 ≥ 4.5 in units of minScore
    expect(triage([sure, agreed], passes, long)).toEqual(['face', 'face']);
  });

  it('sends a weak mid-size detection in a picture with nobody at that distance to the second look', () => {
    // Under a portrait, a hand a third of the face's width; and a cup in a picture with no sure face.
    const face = cand(300, 50, 110, [0.98, 0.9, 0]);
    const hand = cand(280, 400, 36, [0, 0, 0.55]);
    expect(triage([face, hand], passes, long)).toEqual(['face', 'verify']);
    expect(triage([cand(600, 600, 150, [0, 0.58, 0])], passes, long)).toEqual(['verify']);
  });

  it('keeps a weak detection beside a sure face of its size: a turned or masked face in a group', () => {
    const faces = [cand(100, 300, 60, [0.9, 0.8, 0.9]), cand(200, 310, 50, [0.25, 0.3, 0])];
    expect(triage(faces, passes, long)).toEqual(['face', 'face']);
    // The same weak one far above or below the sure face, or at another scale, is not its neighbour.
    expect(triage([faces[0]!, cand(200, 800, 50, [0.25, 0.3, 0])], passes, long)[1]).toBe('verify');
    expect(triage([faces[0]!, cand(200, 300, 15 * 0.03 * long, [0.25, 0.3, 0])], passes, long)[1]).toBe('verify');
  });

  it('keeps far faces without a second look, except a weak one only the tiles saw', () => {
    const tiny = defaultPolicy.tiny * long - 1;
    expect(triage([cand(10, 10, tiny, [0.2, 0, 0])], passes, long)).toEqual(['face']);
    expect(triage([cand(10, 10, tiny, [0, 0, 0.45])], passes, long)).toEqual(['verify']);
    expect(triage([cand(10, 10, tiny, [0, 0, 0.55])], passes, long)).toEqual(['face']);
  });
});

describe('dropDuplicates', () => {
  it('counts a detection lying within a better face cover as that face', () => {
    const face = { box: { x: 100, y: 100, width: 100, height: 120 } };
    const half = { box: { x: 150, y: 90, width: 70, height: 100 } }; // inside the cover, sticking out of the box
    const neighbour = { box: { x: 210, y: 100, width: 100, height: 120 } };
    expect(dropDuplicates([face, half, neighbour], defaultPolicy.sameFace)).toEqual([face, neighbour]);
    expect(expandBox(face.box).x + expandBox(face.box).width).toBeGreaterThan(half.box.x + half.box.width);
  });
});

describe('a face needs a person', () => {
  const people = defaultPolicy.people;
  const face = (x: number, score: number, flag: number) => ({ box: { x, y: 100, width: 80, height: 100 }, score, flag });
  const thing = (kind: Thing['kind'], score: number, x = 0, width = 1000): Thing => ({ kind, score, box: { x, y: 0, width, height: 800 } });

  it('asks the person detector only for a few faces, not for a crowd or a group of clear faces', () => {
    expect(needsPeople([face(0, 0.5, 0.3)], people)).toBe(true);
    expect(needsPeople([face(0, 0.95, 0.99)], people)).toBe(true); // a dog's face is as clear as a person's
    expect(needsPeople([face(0, 0.9, 0.9), face(200, 0.9, 0.9)], people)).toBe(false);
    expect(
      needsPeople(
        [0, 1, 2, 3, 4, 5].map((i) => face(i * 100, 0.3, 0.1)),
        people,
      ),
    ).toBe(false);
  });

  it('with no person in the picture, keeps only clear faces', () => {
    const doubtful = face(0, 0.4, 0.6);
    const clear = face(300, 0.9, 0.95);
    expect(onPeople([doubtful, clear], [], people)).toEqual([clear]);
    expect(onPeople([doubtful, clear], [thing('person', 0.8)], people)).toEqual([doubtful, clear]);
  });

  it("takes a face on an animal and on no person for the animal's, unless the face mesh is sure", () => {
    const onDog = face(100, 0.7, 0.5);
    const sureOnDog = face(100, 0.7, 0.9);
    const things = [thing('person', 0.9, 600, 300), thing('animal', 0.6, 0, 400)];
    expect(onPeople([onDog, sureOnDog], things, people)).toEqual([sureOnDog]);
    // With no person at all, an animal the detector is sure of owns the face, however clear.
    expect(onPeople([face(100, 0.95, 0.99)], [thing('animal', 0.6, 0, 400)], people)).toEqual([]);
  });

  it("a dog's close-up the detector half takes for a person is the dog's; a child hugging a dog keeps the face", () => {
    const closeUp = face(100, 0.9, 0.99);
    expect(onPeople([closeUp], [thing('animal', 0.55), thing('person', 0.36)], people)).toEqual([]);
    expect(onPeople([closeUp], [thing('animal', 0.6), thing('person', 0.8)], people)).toEqual([closeUp]);
  });
});
