// Every face in every frame: faces from the fixtures move, shrink and enter over a textured
// background at known places, then a moving, zooming window over a real group photo; the copy,
// covered in solid magenta, is read back frame by frame.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rect } from '../src/types.js';
import { frameDetector } from '../src/video/faces.js';
import { makeVideoSafe } from '../src/video/make-safe.js';
import { background, encodeClip, encodePanClip, faceCrop, magentaShare, paste, readFrames } from './helpers/video.js';

const size = { width: 480, height: 320 };
const frames = 30;

describe('faces in a clip', () => {
  it('covers ≥ 99 % of face-frames (faces ≥ 20 px) and leaves no face visible two frames running', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'video-faces-'));
    const input = path.join(dir, 'walk.mp4');
    const [a, b] = [await faceCrop(0), await faceCrop(1)];
    const bg = await background(size.width, size.height);
    const truth: Rect[][] = [];
    await encodeClip(input, size, frames, async (i) => {
      const t = i / (frames - 1);
      // A walks in from the left edge and shrinks (face 75 → 38 px); B walks down (face 48 px).
      const one = await paste(bg, size, a, Math.round(-60 + 330 * t), 20, 0.5 - 0.25 * t);
      const two = await paste(one.frame, size, b, 330, Math.round(10 + 150 * t), 0.6);
      truth.push([one.face, two.face]);
      return two.frame;
    });
    const r = await coverAndScore(input, truth, size);
    expect(r.covered / r.faceFrames).toBeGreaterThanOrEqual(0.99);
    expect(r.longest).toBeLessThanOrEqual(1);
  });

  it('the same over a real photo: a moving, zooming window over the group fixture (7 faces, 16–150 px) at 1280×720', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'video-pan-'));
    const input = path.join(dir, 'pan.mp4');
    const pan = { width: 1280, height: 720 };
    const truth = await encodePanClip(input, pan, 40);
    const r = await coverAndScore(input, truth, pan);
    expect(r.faceFrames).toBeGreaterThan(150);
    expect(r.covered / r.faceFrames).toBeGreaterThanOrEqual(0.99);
    expect(r.longest).toBeLessThanOrEqual(1);
  });
});

/** Makes the copy in solid magenta and reads it back: face-frames ≥ 20 px (visible part) covered, longest run of frames showing a face. */
async function coverAndScore(input: string, truth: Rect[][], size: { width: number; height: number }) {
  const out = input.replace(/\.mp4$/, '.safe.mp4');
  const r = await makeVideoSafe(
    input,
    out,
    { style: 'solid', color: '#ff00ff', seed: undefined, maxSize: 0, maxFileBytes: 1e9, mute: false },
    { detector: frameDetector },
  );
  const copy = readFrames(r.output);
  expect(copy.length).toBe(truth.length);
  let faceFrames = 0;
  let covered = 0;
  let run = 0;
  let longest = 0;
  copy.forEach((img, i) => {
    let visible = false;
    for (const face of truth[i]!) {
      const w = Math.min(face.x + face.width, size.width) - Math.max(face.x, 0);
      const h = Math.min(face.y + face.height, size.height) - Math.max(face.y, 0);
      if (Math.min(w, h) < 20 || Math.min(face.width, face.height) < 20) continue;
      faceFrames++;
      if (magentaShare(img, face) >= 0.85) covered++;
      else visible = true;
    }
    run = visible ? run + 1 : 0;
    longest = Math.max(longest, run);
  });
  console.log(
    `${path.basename(input)}: ${covered}/${faceFrames} face-frames covered (${((100 * covered) / faceFrames).toFixed(1)} %), longest visible run ${longest}`,
  );
  return { faceFrames, covered, longest };
}
