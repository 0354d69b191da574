import { describe, expect, it } from 'vitest';
import { clampRect, expandBox, growCovers, headCover, headTilt, planCovers, readingOrder } from '../src/plan.js';
import { inside } from '../src/cover/mask.js';
import type { Cover, Face, Rect } from '../src/types.js';

const face = (x: number, y: number, width: number, height: number, extra: Partial<Face> = {}): Face => ({
  box: { x, y, width, height },
  score: 0.9,
  source: 'detector',
  ...extra,
});

const isInt = (r: Rect) => [r.x, r.y, r.width, r.height].every(Number.isInteger);

/** Share of the pixels of `box` whose centres lie inside some cover. */
function underCovers(box: Rect, covers: Cover[]): number {
  let n = 0;
  let inn = 0;
  for (let y = Math.round(box.y); y < Math.round(box.y + box.height); y++) {
    for (let x = Math.round(box.x); x < Math.round(box.x + box.width); x++) {
      n++;
      if (covers.some((c) => inside(c, x, y))) inn++;
    }
  }
  return inn / n;
}

describe('expandBox', () => {
  it('grows a face box more up and down than sideways, and keeps it centred horizontally', () => {
    const b = { x: 100, y: 100, width: 40, height: 40 };
    const e = expandBox(b);
    const left = b.x - e.x;
    const right = e.x + e.width - (b.x + b.width);
    expect(left).toBeCloseTo(right);
    expect(b.y - e.y).toBeGreaterThan(left);
    expect(e.y + e.height - (b.y + b.height)).toBeGreaterThan(left);
  });
});

describe('clampRect', () => {
  it('clips to the image and rounds outward to whole pixels', () => {
    expect(clampRect({ x: -5.5, y: 2.2, width: 20, height: 10.1 }, 100, 100)).toEqual({ x: 0, y: 2, width: 15, height: 11 });
    expect(clampRect({ x: 90.5, y: 90.5, width: 20, height: 20 }, 100, 100)).toEqual({ x: 90, y: 90, width: 10, height: 10 });
  });
  it('returns null for a rectangle entirely outside', () => {
    expect(clampRect({ x: 200, y: 0, width: 10, height: 10 }, 100, 100)).toBeNull();
    expect(clampRect({ x: 0, y: -30, width: 10, height: 10 }, 100, 100)).toBeNull();
  });
});

describe('headCover', () => {
  it('is an ellipse in whole pixels that holds the whole face box, and less of its own box than a rectangle would', () => {
    for (const b of [
      { x: 10.3, y: 20.7, width: 40, height: 48 },
      { x: 0, y: 0, width: 12, height: 12 },
      { x: 5, y: 5, width: 200, height: 260 },
    ]) {
      const c = headCover(b);
      expect(c.shape).toBe('ellipse');
      expect(isInt(c)).toBe(true);
      expect(underCovers(b, [c])).toBe(1);
      // The box's corners (background, shoulders) stay out: about π/4 of the box is the ellipse.
      expect(underCovers(c, [c])).toBeLessThan(0.82);
    }
  });
  it('keeps its shape at the picture edge instead of being cut to fit', () => {
    const c = headCover({ x: -10, y: -5, width: 40, height: 40 });
    expect(c.x).toBeLessThan(0);
    expect(c.width).toBeGreaterThan(60);
  });
});

describe('planCovers', () => {
  it('gives one cover per face, even for faces side by side in a row, and none that holds two faces', () => {
    // Seven faces touching shoulder to shoulder: the old planner chained them into one slab.
    const faces = Array.from({ length: 7 }, (_, i) => face(20 + i * 44, 50, 40, 46));
    const covers = planCovers(faces, 360, 200);
    expect(covers).toHaveLength(7);
    for (const c of covers) {
      const centres = faces.filter((f) => inside(c, Math.floor(f.box.x + f.box.width / 2), Math.floor(f.box.y + f.box.height / 2)));
      expect(centres).toHaveLength(1);
    }
    for (const f of faces) expect(underCovers(f.box, covers)).toBe(1);
  });
  it('in a crowd, shrinks a cover off the centre of the face behind, never below the face itself', () => {
    const front = face(100, 100, 40, 40);
    const behind = face(104, 64, 36, 36); // its centre lies where the front face's hair cover would reach
    const [a, b] = planCovers([front, behind], 400, 300);
    expect(inside(a!, 121, 81)).toBe(false);
    expect(underCovers(front.box, [a!])).toBe(1);
    expect(underCovers(behind.box, [b!])).toBe(1);
    // A kept face's centre is not taken under a neighbour's cover either.
    const [c] = planCovers([front, { ...behind, keep: true }], 400, 300);
    expect(inside(c!, 121, 81)).toBe(false);
    // Far apart, covers keep their full size.
    expect(planCovers([front, face(300, 100, 40, 40)], 400, 300)[0]).toEqual(headCover(front.box));
  });
  it('gives a 12-px face in a crowd its own small cover', () => {
    const covers = planCovers([face(100, 100, 12, 12)], 400, 300);
    expect(covers).toHaveLength(1);
    expect(covers[0]!.width).toBeLessThan(25);
    expect(covers[0]!.height).toBeLessThan(30);
  });
  it('leaves out faces marked keep and faces entirely outside, and returns nothing for no faces', () => {
    expect(planCovers([face(10, 10, 20, 20, { keep: true, keepReason: 'adult' })], 100, 100)).toEqual([]);
    expect(planCovers([face(300, 300, 20, 20)], 100, 100)).toEqual([]);
    expect(planCovers([], 100, 100)).toEqual([]);
  });
});

describe('readingOrder', () => {
  it('numbers rows top to bottom and faces left to right within a row, even when a row stands unevenly', () => {
    const back = [face(200, 40, 30, 30), face(20, 48, 30, 30), face(110, 35, 30, 30)];
    const front = [face(150, 120, 40, 40), face(60, 125, 40, 40)];
    const order = readingOrder([...front, ...back]).map((f) => f.box.x);
    expect(order).toEqual([20, 110, 200, 60, 150]);
  });
});

describe('growCovers', () => {
  it('grows the cover a leftover face peeks out of, and gives a face beside it a cover of its own', () => {
    const covers = planCovers([face(100, 100, 40, 40)], 400, 300);
    const peeking = { x: 110, y: 130, width: 40, height: 50 }; // its centre lies in the first cover
    const neighbour = { x: 250, y: 100, width: 40, height: 40 };
    const grown = growCovers(covers, [peeking, neighbour]);
    expect(grown).toHaveLength(2);
    expect(underCovers(peeking, [grown[0]!])).toBe(1);
    expect(underCovers(neighbour, [grown[0]!])).toBe(0);
    expect(underCovers(neighbour, [grown[1]!])).toBe(1);
  });
});

describe('tilted heads', () => {
  const eyes = (dx: number, dy: number): [number, number][] => [
    [100, 100],
    [100 + dx, 100 + dy],
    [110, 115],
    [102, 125],
    [118, 125],
  ];
  it('reads the tilt from the eyes, clockwise on screen; none for a slight or an unreliable one', () => {
    expect(headTilt(eyes(20, 20))).toBeCloseTo(45, 1);
    expect(headTilt(eyes(20, -10))).toBeCloseTo(-26.6, 1);
    expect(headTilt(eyes(20, 1))).toBe(0);
    expect(headTilt(eyes(2, 20))).toBe(0); // beyond 60°
    expect(headTilt(undefined)).toBe(0);
  });

  it('turns the cover with the head, about the same centre, and the face box still lies under it', () => {
    const f = face(80, 80, 60, 70, { landmarks: eyes(20, 12) });
    const [c] = planCovers([f], 400, 400);
    expect(c!.angle).toBeCloseTo(31, 0);
    expect(c).toMatchObject(headCover(f));
    expect(underCovers(f.box, [c!])).toBeGreaterThan(0.9);
    const upright = planCovers([face(80, 80, 60, 70)], 400, 400)[0]!;
    expect(upright.angle).toBeUndefined();
    expect(c!.x + c!.width / 2).toBeCloseTo(upright.x + upright.width / 2, 0);
  });

  it('a face peeking out of a turned cover gets a cover of its own on top', () => {
    const turned: Cover = { shape: 'ellipse', x: 100, y: 100, width: 60, height: 100, angle: 30 };
    const grown = growCovers([turned], [{ x: 120, y: 110, width: 40, height: 40 }]);
    expect(grown).toHaveLength(2);
    expect(grown[0]).toEqual(turned);
  });
});
