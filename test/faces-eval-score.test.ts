import { describe, expect, it } from 'vitest';
import { bucketOf, coveredFraction, falseRegions, iou, matchAtIou, orientBox } from './eval/score.js';

const r = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('eval scoring', () => {
  it('coveredFraction counts the part of a box inside the union of regions, overlaps counted once', () => {
    expect(coveredFraction(r(0, 0, 10, 10), [r(0, 0, 5, 10)])).toBeCloseTo(0.5);
    expect(coveredFraction(r(0, 0, 10, 10), [r(0, 0, 6, 10), r(4, 0, 6, 10)])).toBeCloseTo(1);
    expect(coveredFraction(r(0, 0, 10, 10), [r(0, 0, 10, 7), r(0, 5, 3, 5)])).toBeCloseTo(0.79);
    expect(coveredFraction(r(0, 0, 10, 10), [])).toBe(0);
  });

  it('iou and one-to-one matching at IoU ≥ 0.5', () => {
    expect(iou(r(0, 0, 10, 10), r(5, 0, 10, 10))).toBeCloseTo(50 / 150);
    expect(iou(r(0, 0, 10, 10), r(20, 0, 10, 10))).toBe(0);
    // One detection between two faces can match only one of them.
    const truth = [r(0, 0, 10, 10), r(1, 0, 10, 10), r(50, 50, 10, 10)];
    expect(matchAtIou(truth, [r(0, 0, 10, 10)])).toEqual([true, false, false]);
    expect(matchAtIou(truth, [r(1, 0, 10, 10), r(0, 0, 10, 10), r(49, 50, 10, 10)])).toEqual([true, true, true]);
  });

  it('buckets faces by width', () => {
    expect([9, 10, 19, 20, 49, 50].map((w) => bucketOf(r(0, 0, w, w)))).toEqual(['<10', '10-20', '10-20', '20-50', '20-50', '>=50']);
  });

  it('counts regions that touch no annotated face', () => {
    expect(falseRegions([r(0, 0, 5, 5), r(100, 100, 5, 5)], [r(2, 2, 10, 10)])).toBe(1);
  });

  it('maps stored boxes to the upright grid for every EXIF orientation', () => {
    // A 4×2 stored image with a 1×1 box at stored (0, 0), the top-left pixel.
    const b = r(0, 0, 1, 1);
    const expected: Record<number, [number, number]> = { 1: [0, 0], 2: [3, 0], 3: [3, 1], 4: [0, 1], 5: [0, 0], 6: [1, 0], 7: [1, 3], 8: [0, 3] };
    for (const [o, [x, y]] of Object.entries(expected)) expect(orientBox(b, Number(o), 4, 2)).toEqual(r(x, y, 1, 1));
    // The corpus's own check: the portrait stored with orientation 6.
    expect(orientBox(r(146, 483, 139, 95), 6, 700, 840)).toEqual(r(262, 146, 95, 139));
  });
});
