// Hysteresis as pure geometry: how long a face stays covered around its sightings, and across blinks.
import { describe, expect, it } from 'vitest';
import { Tracker } from '../src/video/track.js';

const face = (x: number) => ({ box: { x, y: 50, width: 40, height: 40 }, score: 0.9 });

describe('video tracks', () => {
  it('covers a face `keep` frames before its first and after its last sighting, not beyond', () => {
    const t = new Tracker(3);
    for (let f = 0; f < 20; f++) t.add(f >= 8 && f <= 10 ? [face(100)] : []);
    const covered = Array.from({ length: 20 }, (_, f) => t.facesAt(f).length);
    expect(covered).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('carries a moving face over a blink, at the place it passed in between', () => {
    const t = new Tracker(3);
    for (let f = 0; f < 12; f++) t.add(f === 4 || f === 5 || f === 6 ? [] : [face(100 + 10 * f)]);
    const [mid] = t.facesAt(5);
    expect(mid).toBeDefined();
    // Interpolated between frame 3 (x 130) and frame 7 (x 170), grown a little: it holds x 150..190.
    expect(mid!.x).toBeLessThanOrEqual(150);
    expect(mid!.x + mid!.width).toBeGreaterThanOrEqual(190);
  });

  it('keeps two faces apart and does not link a face to one far away', () => {
    const t = new Tracker(2);
    for (let f = 0; f < 6; f++) t.add([face(10 + f), face(300 - f)]);
    expect(t.facesAt(3)).toHaveLength(2);
    const jump = new Tracker(2);
    jump.add([face(0)]);
    jump.add([face(400)]);
    // Two tracks: one ends, one starts; both are covered around frame 0 and 1.
    expect(jump.facesAt(0)).toHaveLength(2);
  });

  it('holds the cover of a face lost at the picture’s edge longer (it is leaving, half out of view)', () => {
    // Asked as the pipeline asks: frame f once frame f + keep is in.
    const run = (sightings: (f: number) => ReturnType<typeof face>[]) => {
      const t = new Tracker(2, { width: 200, height: 100 });
      const covered: number[] = [];
      for (let f = 0; f < 20; f++) {
        t.add(sightings(f));
        if (f >= 2) covered.push(t.facesAt(f - 2).length);
      }
      return covered;
    };
    const leaving = run((f) => (f <= 5 ? [face(150 + 2 * f)] : [])); // x + 40 reaches the right edge
    const inside = run((f) => (f <= 5 ? [face(60)] : []));
    expect(leaving.slice(0, 14)).toEqual(Array(14).fill(1)); // 5 + 4 × 2 frames
    expect(leaving[14]).toBe(0);
    expect(inside.slice(0, 8)).toEqual(Array(8).fill(1)); // 5 + 2 frames
    expect(inside[8]).toBe(0);
  });
});
