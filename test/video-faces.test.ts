// Every face in every frame: faces from the fixtures move, shrink and enter over a textured
// background at known places; the copy, covered in solid magenta, is read back frame by frame.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rect } from '../src/types.js';
import { frameDetector } from '../src/video/faces.js';
import { makeVideoSafe } from '../src/video/make-safe.js';
import { background, encodeClip, faceCrop, magentaShare, paste, readFrames } from './helpers/video.js';

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
    const out = path.join(dir, 'walk.safe.mp4');
    const r = await makeVideoSafe(
      input,
      out,
      { style: 'solid', color: '#ff00ff', seed: undefined, maxSize: 0, maxFileBytes: 1e9, mute: false },
      { detector: frameDetector },
    );
    expect(r.frames).toBe(frames);
    const copy = readFrames(r.output);
    expect(copy.length).toBe(frames);
    let faceFrames = 0;
    let covered = 0;
    let run = 0;
    let longest = 0;
    copy.forEach((img, i) => {
      let visible = false;
      for (const face of truth[i]!) {
        const inFrame = Math.min(face.x + face.width, size.width) - Math.max(face.x, 0);
        if (Math.min(inFrame, face.height) < 20) continue;
        faceFrames++;
        if (magentaShare(img, face) >= 0.85) covered++;
        else visible = true;
      }
      run = visible ? run + 1 : 0;
      longest = Math.max(longest, run);
    });
    console.log(
      `video faces: ${covered}/${faceFrames} face-frames covered (${((100 * covered) / faceFrames).toFixed(1)} %), longest visible run ${longest}`,
    );
    expect(covered / faceFrames).toBeGreaterThanOrEqual(0.99);
    expect(longest).toBeLessThanOrEqual(1);
  });
});
