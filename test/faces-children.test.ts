import { describe, expect, it } from 'vitest';
import { childrenPolicy, decideKeep } from '../src/faces/children.js';
import type { Face } from '../src/types.js';

const face = (width: number, score: number, source: Face['source'] = 'detector'): Face => ({
  box: { x: 0, y: 0, width, height: width },
  score,
  source,
});

describe('children policy: when unsure, cover', () => {
  const big = childrenPolicy.minWidth + 20;
  it('keeps a large, clearly detected face estimated well past childhood, and says why', () => {
    const d = decideKeep(face(big, 0.95), [childrenPolicy.minAge + 10, childrenPolicy.minAge + 3, childrenPolicy.minAge + 12, childrenPolicy.minAge + 5]);
    expect(d.keep).toBe(true);
    expect(d.keepReason).toMatch(/adult/);
  });
  it('covers a face when any one estimate is under the cut, however clear', () => {
    expect(decideKeep(face(big, 0.99), [childrenPolicy.minAge - 1]).keep).toBe(false);
    expect(decideKeep(face(big, 0.99), [60, 55, 8, 61]).keep).toBe(false);
    expect(decideKeep(face(big, 0.99), [60, Number.NaN]).keep).toBe(false);
  });
  it('covers faces too small or too doubtful for the estimate to mean anything', () => {
    expect(decideKeep(face(childrenPolicy.minWidth - 1, 0.99), [60, 60]).keep).toBe(false);
    expect(decideKeep(face(big, childrenPolicy.minScore - 0.01), [60, 60]).keep).toBe(false);
  });
  it('covers faces without an estimate and faces the file declares', () => {
    expect(decideKeep(face(big, 0.99), []).keep).toBe(false);
    expect(decideKeep(face(big, 1, 'file'), [60, 60]).keep).toBe(false);
  });
  it('puts the cut far above 18, since the estimate wanders by about ten years', () => {
    expect(childrenPolicy.minAge).toBeGreaterThanOrEqual(28);
  });
});
