import { describe, expect, it } from 'vitest';
import { clampRect, expandBox, mergeRects, planRegions } from '../src/plan.js';
import type { Face, Rect } from '../src/types.js';

const face = (x: number, y: number, width: number, height: number, extra: Partial<Face> = {}): Face => ({
  box: { x, y, width, height },
  score: 0.9,
  source: 'detector',
  ...extra,
});

const isInt = (r: Rect) => [r.x, r.y, r.width, r.height].every(Number.isInteger);
const contains = (outer: Rect, inner: Rect) =>
  outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.width >= inner.x + inner.width && outer.y + outer.height >= inner.y + inner.height;

describe('expandBox', () => {
  it('grows a face box more up and down than sideways, and keeps it centred horizontally', () => {
    const b = { x: 100, y: 100, width: 40, height: 40 };
    const e = expandBox(b);
    expect(contains(e, b)).toBe(true);
    const left = b.x - e.x;
    const right = e.x + e.width - (b.x + b.width);
    const up = b.y - e.y;
    const down = e.y + e.height - (b.y + b.height);
    expect(left).toBeCloseTo(right);
    expect(up).toBeGreaterThan(left);
    expect(down).toBeGreaterThan(left);
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

describe('mergeRects', () => {
  it('replaces overlapping rectangles by their bounding box and leaves separate ones alone', () => {
    const merged = mergeRects([
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 5, y: 5, width: 10, height: 10 },
      { x: 50, y: 50, width: 5, height: 5 },
    ]);
    expect(merged).toEqual([
      { x: 0, y: 0, width: 15, height: 15 },
      { x: 50, y: 50, width: 5, height: 5 },
    ]);
  });
  it('merges chains: a bounding box that grows into a third rectangle takes it in too', () => {
    const merged = mergeRects([
      { x: 0, y: 0, width: 10, height: 14 },
      { x: 30, y: 12, width: 10, height: 10 }, // touches nothing at first
      { x: 8, y: 5, width: 23, height: 2 }, // joins the first, and the union then reaches the second
    ]);
    expect(merged).toEqual([{ x: 0, y: 0, width: 40, height: 22 }]);
  });
  it('merges rectangles that only touch, so no seam of original pixels is left between them', () => {
    expect(mergeRects([{ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 }])).toEqual([
      { x: 0, y: 0, width: 20, height: 10 },
    ]);
  });
});

describe('planRegions', () => {
  it('gives integer regions inside the image that contain each face box', () => {
    const faces = [face(3.4, 2.6, 30.2, 31.7), face(150, 80, 12, 14), face(180.5, 0, 30, 30)];
    const regions = planRegions(faces, 200, 120);
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) {
      expect(isInt(r)).toBe(true);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(200);
      expect(r.y + r.height).toBeLessThanOrEqual(120);
    }
    for (const f of faces) {
      const visible = clampRect(f.box, 200, 120)!;
      expect(regions.some((r) => contains(r, visible))).toBe(true);
    }
  });
  it('leaves out faces marked keep and returns nothing for no faces', () => {
    expect(planRegions([face(10, 10, 20, 20, { keep: true, keepReason: 'adult' })], 100, 100)).toEqual([]);
    expect(planRegions([], 100, 100)).toEqual([]);
  });
  it('returns regions that do not touch one another', () => {
    const faces = Array.from({ length: 12 }, (_, i) => face((i * 37) % 300, (i * 53) % 200, 20 + i, 22 + i));
    const regions = planRegions(faces, 320, 240);
    for (const a of regions) {
      for (const b of regions) {
        if (a === b) continue;
        const apart = a.x + a.width < b.x || b.x + b.width < a.x || a.y + a.height < b.y || b.y + b.height < a.y;
        expect(apart).toBe(true);
      }
    }
  });
});
