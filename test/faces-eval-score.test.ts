import { describe, expect, it } from 'vitest';
import {
  boxShare,
  bucketOf,
  coveredFraction,
  faceZones,
  matchAtIou,
  mergedCovers,
  orientBox,
  percentile,
  rasterise,
  spoiled,
} from './eval/score.js';
import { iou } from '../src/util/rect.js';

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

  it('rasterises an ellipse as the pixels whose centres lie inside it, a rectangle whole', () => {
    const m = rasterise([{ shape: 'ellipse', ...r(0, 0, 10, 10) }], 10, 10);
    expect(m.reduce((a, b) => a + b, 0)).toBe(80); // the 10-px disc: 80 of 100 pixel centres
    expect([m[0], m[5 * 10 + 5], m[4]]).toEqual([0, 1, 1]);
    expect(rasterise([r(-2, -2, 4, 4)], 10, 10).reduce((a, b) => a + b, 0)).toBe(4);
    // Box edges are rounded as Python rounds them (halves to even), like the corpus' scorer.
    expect(boxShare(r(0.5, 0, 2, 1), rasterise([r(0, 0, 2, 1)], 4, 1), 4, 1)).toBe(1);
  });

  it('collateral: covered pixels outside every face zone (the box grown ½ width sideways, 70 % of its height up and down)', () => {
    const face = r(40, 40, 20, 20); // zone x 30..70, y 26..74
    const zones = faceZones([face], 100, 100);
    const inZone = spoiled(rasterise([r(30, 26, 40, 48)], 100, 100), zones);
    expect(inZone).toEqual({ covered: 0.192, collateral: 0 });
    const slab = spoiled(rasterise([r(0, 0, 100, 50)], 100, 100), zones);
    expect(slab.covered).toBe(0.5);
    expect(slab.collateral).toBeCloseTo(0.5 - (40 * 24) / 10000);
  });

  it("a cover over two faces' centres is a merged one; a cover per face is not", () => {
    const faces = [r(0, 0, 10, 10), r(20, 0, 10, 10)];
    expect(mergedCovers([r(0, 0, 30, 10)], faces)).toBe(1);
    expect(
      mergedCovers(
        [
          { shape: 'ellipse', ...r(-3, -3, 16, 16) },
          { shape: 'ellipse', ...r(17, -3, 16, 16) },
        ],
        faces,
      ),
    ).toBe(0);
  });

  it('percentiles as numpy takes them (linear between ranks)', () => {
    expect(percentile([1, 2, 3, 4], 90)).toBeCloseTo(3.7);
    expect(percentile([5], 90)).toBe(5);
  });

  it('maps stored boxes to the upright grid for every EXIF orientation', () => {
    // A 4×2 stored image with a 1×1 box at stored (0, 0), the top-left pixel.
    const b = r(0, 0, 1, 1);
    const expected: Record<number, [number, number]> = {
      1: [0, 0],
      2: [3, 0],
      3: [3, 1],
      4: [0, 1],
      5: [0, 0],
      6: [1, 0],
      7: [1, 3],
      8: [0, 3],
    };
    for (const [o, [x, y]] of Object.entries(expected)) expect(orientBox(b, Number(o), 4, 2)).toEqual(r(x, y, 1, 1));
    // The corpus's own check: the portrait stored with orientation 6.
    expect(orientBox(r(146, 483, 139, 95), 6, 700, 840)).toEqual(r(262, 146, 95, 139));
  });
});
