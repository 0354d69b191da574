import { describe, expect, it } from 'vitest';
import { iou, suppress } from '../src/faces/merge.js';

const det = (x: number, y: number, width: number, height: number, score: number) => ({ box: { x, y, width, height }, score });

describe('suppress (merging detections across scales and detectors)', () => {
  it('joins boxes of the same face into their bounding box, keeping the best score', () => {
    const out = suppress([det(10, 10, 20, 20, 0.6), det(12, 8, 20, 24, 0.9)]);
    expect(out).toEqual([det(10, 8, 22, 24, 0.9)]);
  });

  it('takes in a part of a face seen by a tile, even when the part scored higher', () => {
    const out = suppress([det(0, 0, 40, 50, 0.3), det(10, 10, 12, 12, 0.95)]);
    expect(out).toEqual([det(0, 0, 40, 50, 0.95)]);
  });

  it('keeps separate faces apart, best first, even side by side', () => {
    const out = suppress([det(0, 0, 20, 20, 0.5), det(18, 0, 20, 20, 0.8), det(100, 100, 10, 10, 0.2)]);
    expect(out.map((d) => d.score)).toEqual([0.8, 0.5, 0.2]);
    expect(iou(out[0]!.box, out[1]!.box)).toBeLessThan(0.3);
  });

  it('returns nothing for nothing', () => {
    expect(suppress([])).toEqual([]);
  });
});
