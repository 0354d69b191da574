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
    // A 1-year-old of the dev set read as 31.7 by one model: the other one's 28.6 keeps it covered.
    expect(decideKeep(face(big, 0.99), ages([31.7, 32.1], [28.6, 29.4])).keep).toBe(false);
  });
  it('covers faces too small or too doubtful for the estimate to mean anything', () => {
    expect(decideKeep(face(childrenPolicy.minWidth - 1, 0.99), ages([60, 60], [60, 60])).keep).toBe(false);
    expect(decideKeep(face(big, childrenPolicy.minScore - 0.01), ages([60, 60], [60, 60])).keep).toBe(false);
  });
  it('covers faces without an estimate and faces the file declares', () => {
    expect(decideKeep(face(big, 0.99), ages([], [])).keep).toBe(false);
    expect(decideKeep(face(big, 1, 'file'), ages([60, 60], [60, 60])).keep).toBe(false);
  });
  it('puts the cuts far above 18, since estimates wander by about ten years', () => {
    expect(Math.min(A, R)).toBeGreaterThanOrEqual(28);
  });
});
