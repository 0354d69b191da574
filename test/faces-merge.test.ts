import { describe, expect, it } from 'vitest';
import { group } from '../src/faces/merge.js';
import { iou } from '../src/util/rect.js';

const det = (x: number, y: number, width: number, height: number, score: number) => ({ box: { x, y, width, height }, score });

describe('group (merging detections across scales and detectors)', () => {
  it('joins boxes of the same face into their bounding box, keeping the best score and its box', () => {
    const out = group([[det(10, 10, 20, 20, 0.6), det(12, 8, 20, 24, 0.9)]]);
    expect(out).toEqual([
      {
        box: { x: 10, y: 8, width: 22, height: 24 },
        score: 0.9,
        seed: { x: 12, y: 8, width: 20, height: 24 },
        core: { x: 10, y: 8, width: 22, height: 24 },
        mean: expect.any(Object),
        best: [0.9],
      },
    ]);
  });

  it('takes in a part of a face seen by a tile, even when the part scored higher', () => {
    const [face, ...rest] = group([[det(0, 0, 40, 50, 0.3)], [det(10, 10, 12, 12, 0.95)]]);
    expect(rest).toEqual([]);
    expect(face!.box).toEqual({ x: 0, y: 0, width: 40, height: 50 });
    expect(face!.score).toBe(0.95);
    // The part is not the same face's box: the core stays the best detection's own.
    expect(face!.core).toEqual({ x: 10, y: 10, width: 12, height: 12 });
  });

  it('remembers, per pass, how surely each pass saw the face', () => {
    const [face] = group([[det(0, 0, 20, 20, 0.4)], [], [det(1, 1, 20, 20, 0.7), det(0, 2, 20, 20, 0.5)]]);
    expect(face!.best).toEqual([0.4, 0, 0.7]);
  });

  it('keeps separate faces apart, best first, even side by side', () => {
    const out = group([[det(0, 0, 20, 20, 0.5), det(18, 0, 20, 20, 0.8), det(100, 100, 10, 10, 0.2)]]);
    expect(out.map((d) => d.score)).toEqual([0.8, 0.5, 0.2]);
    expect(iou(out[0]!.box, out[1]!.box)).toBeLessThan(0.3);
  });

  it('returns nothing for nothing', () => {
    expect(group([[], []])).toEqual([]);
  });
});
