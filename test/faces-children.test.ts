import { describe, expect, it } from 'vitest';
import { childrenPolicy, decideKeep, type AgeEstimates } from '../src/faces/children.js';
import type { Face } from '../src/types.js';

const face = (width: number, score: number, source: Face['source'] = 'detector'): Face => ({
  box: { x: 0, y: 0, width, height: width },
  score,
  source,
});
const { faceApi: A, faceRes: R } = childrenPolicy.minAge;
const ages = (faceApi: number[], faceRes: number[]): AgeEstimates => ({ faceApi, faceRes });

describe('children policy: when unsure, cover', () => {
  const big = childrenPolicy.minWidth + 20;
  it('keeps a large, clearly detected face both models put past the cut, face and mirror alike, and says why', () => {
    const d = decideKeep(face(big, 0.95), ages([A + 10, A + 3], [R + 12, R + 5]));
    expect(d.keep).toBe(true);
    expect(d.keepReason).toMatch(/adult/);
  });
  it("covers a face when any one estimate is under its model's cut, however clear", () => {
    expect(decideKeep(face(big, 0.99), ages([A - 1, A + 20], [R + 20, R + 20])).keep).toBe(false);
    expect(decideKeep(face(big, 0.99), ages([60, 55], [61, 8])).keep).toBe(false);
    expect(decideKeep(face(big, 0.99), ages([60, Number.NaN], [60, 60])).keep).toBe(false);
    // Children of the dev set read as adults: a 12-year-old (34.1 and 38 at worst), a 17-year-old (40.2, 32.8).
    expect(decideKeep(face(big, 0.99), ages([34.1, 35.6], [38, 39.2])).keep).toBe(false);
    expect(decideKeep(face(big, 0.99), ages([40.2, 41], [32.8, 35])).keep).toBe(false);
  });
  it('covers faces too small or too doubtful for the estimate to mean anything', () => {
    expect(decideKeep(face(childrenPolicy.minWidth - 1, 0.99), ages([60, 60], [60, 60])).keep).toBe(false);
    expect(decideKeep(face(big, childrenPolicy.minScore - 0.01), ages([60, 60], [60, 60])).keep).toBe(false);
  });
  it('covers faces without an estimate and faces the file declares', () => {
    expect(decideKeep(face(big, 0.99), ages([], [])).keep).toBe(false);
    expect(decideKeep(face(big, 1, 'file'), ages([60, 60], [60, 60])).keep).toBe(false);
  });
  it('puts the cuts far above 18, since estimates wander by ten years and more', () => {
    expect(Math.min(A, R)).toBeGreaterThanOrEqual(35);
  });
});
