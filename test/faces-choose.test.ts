// The face finder's pure policy (src/faces/choose.ts, detect.ts choose()): which of YuNet's
// candidates are faces, when the person detector is asked, and what it decides.
import { describe, expect, it } from 'vitest';
import { defaultChoosePolicy, mergePasses, needsPeople, onPeople, type Found } from '../src/faces/choose.js';
import { choose, passSides } from '../src/faces/detect.js';
import type { Thing } from '../src/faces/people.js';

const p = defaultChoosePolicy.people;
const found = (x: number, y: number, size: number, score: number): Found => ({
  box: { x, y, width: size, height: size },
  score,
  by: 'yunet',
});
const thing = (kind: Thing['kind'], x: number, y: number, w: number, h: number, score: number): Thing => ({
  box: { x, y, width: w, height: h },
  score,
  kind,
});

describe('mergePasses', () => {
  it('counts a face both passes found once; a close-up takes the coarse pass box, a small face the fine one', () => {
    const fine = [found(100, 100, 300, 0.9), found(800, 100, 40, 0.8)];
    const coarse = [found(80, 80, 360, 0.85), found(798, 98, 44, 0.7)];
    const out = mergePasses(fine, coarse, 1000, 0.2);
    expect(out).toHaveLength(2);
    expect(out[0]!.box.width).toBe(360); // close-up: the coarse box, drawn whole
    expect(out[0]!.score).toBe(0.9); // with the best score
    expect(out[1]!.box.width).toBe(40);
  });
});

describe('the person check', () => {
  it('runs only when no face is sure', () => {
    expect(needsPeople([found(0, 0, 50, 0.9), found(100, 0, 50, 0.4)], p)).toBe(false);
    expect(needsPeople([found(0, 0, 50, 0.5)], p)).toBe(true);
  });

  it('keeps an unsure face on a person, drops one on a dog, and drops unsure faces where nobody is', () => {
    const face = found(100, 100, 50, 0.5);
    expect(onPeople([face], [thing('person', 80, 80, 120, 300, 0.7)], p)).toEqual([face]);
    expect(onPeople([face], [thing('animal', 50, 50, 300, 300, 0.7)], p)).toEqual([]);
    expect(onPeople([face], [], p)).toEqual([]);
    // A sure face needs nobody's word.
    const sure = found(100, 100, 50, 0.85);
    expect(onPeople([sure], [thing('animal', 50, 50, 300, 300, 0.9)], p)).toEqual([sure]);
  });

  it("takes a dog's close-up that the detector half takes for a person for the dog", () => {
    const face = found(100, 100, 80, 0.6);
    const dog = [thing('animal', 0, 0, 400, 400, 0.55), thing('person', 5, 0, 395, 400, 0.36)];
    expect(onPeople([face], dog, p)).toEqual([]);
  });

  it('a crowd of fairly sure faces shows people are there; gravel and sequins give only unsure ones', () => {
    const crowd = [0, 1, 2, 3].map((i) => found(i * 60, 0, 30, 0.65));
    expect(onPeople(crowd, [], p)).toHaveLength(4);
    const gravel = [0, 1, 2, 3, 4].map((i) => found(i * 60, 0, 15, 0.4));
    expect(onPeople(gravel, [], p)).toEqual([]);
  });
});

describe('choose', () => {
  const policy = defaultChoosePolicy;
  it('asks the person detector about a picture with no face, to tell "nobody" from "a person without a face"', async () => {
    let asked = 0;
    const nobody = await choose(1000, [], [], policy, async () => (asked++, []));
    expect(asked).toBe(1);
    expect(nobody).toEqual({ faces: [], unsure: [], people: false });
    const someone = await choose(1000, [], [], policy, async () => [thing('person', 0, 0, 200, 600, 0.8)]);
    expect(someone.people).toBe(true);
  });

  it('does not ask when a face is sure; an unsure candidate on a person is reported, not covered', async () => {
    const sure = await choose(1000, [found(0, 0, 50, 0.9)], [], policy, () => Promise.reject(new Error('not asked')));
    expect(sure.faces).toHaveLength(1);
    const weak = found(300, 100, 40, 0.15);
    const boat = await choose(1000, [weak], [], policy, async () => [thing('person', 250, 50, 150, 400, 0.8)]);
    expect(boat.faces).toEqual([]);
    expect(boat.unsure).toEqual([weak]);
  });

  it('never enlarges a small picture more than 2.4× for the fine pass', () => {
    expect(passSides(400, { fine: 1280, coarse: 640, maxUpscale: 2.4 })).toEqual({ fine: 960, coarse: 640 });
    expect(passSides(4032, { fine: 1280, coarse: 640, maxUpscale: 2.4 })).toEqual({ fine: 1280, coarse: 640 });
    expect(passSides(200, { fine: 1280, coarse: 640, maxUpscale: 2.4 })).toEqual({ fine: 480, coarse: 480 });
  });
});
