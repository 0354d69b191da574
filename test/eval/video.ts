// `npm run eval:video`: how many face-frames the video pipeline covers, per detector setting, on
// clips made here with known face positions: the walk (faces from the fixtures moving, shrinking,
// entering) and the pan (a moving, zooming window over the group fixture: 7 faces, 16–150 px).
// Coverage is geometric: a face-frame is covered when ≥ 85 % of its box lies under the head covers
// the pipeline would paint (tracker and hysteresis included); only faces ≥ 20 px count.
//   npm run eval:video                      every setting
//   npm run eval:video -- --frames 60       clip length
//   npm run eval:video -- --engine          only the engine's own setting
//   npm run eval:video -- --photo           also the photo finder (two passes and a person check), for comparison
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inside } from '../../src/cover/mask.js';
import { headCover } from '../../src/plan.js';
import type { Rect } from '../../src/types.js';
import { findFaces } from '../../src/faces/index.js';
import { frameDetector, yunetFrames, type FrameFaces } from '../../src/video/faces.js';
import { decodeFrames } from '../../src/video/frames.js';
import { probe } from '../../src/video/probe.js';
import { Tracker } from '../../src/video/track.js';
import { background, encodeClip, encodePanClip, faceCrop, paste } from '../helpers/video.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const frames = arg('frames', 60);
const fps = 15;

interface Clip {
  name: string;
  file: string;
  truth: Rect[][];
}

async function walkClip(dir: string): Promise<Clip> {
  const size = { width: 640, height: 360 };
  const [a, b] = [await faceCrop(0), await faceCrop(2)];
  const bg = await background(size.width, size.height);
  const truth: Rect[][] = [];
  const file = path.join(dir, 'walk.mp4');
  await encodeClip(
    file,
    size,
    frames,
    async (i) => {
      const t = i / (frames - 1);
      const one = await paste(bg, size, a, Math.round(-80 + 600 * t), 30, 0.6 - 0.45 * t);
      const two = await paste(one.frame, size, b, Math.round(500 - 200 * t), Math.round(200 - 150 * t), 0.6 + 0.8 * t);
      truth.push([one.face, two.face]);
      return two.frame;
    },
    { fps },
  );
  return { name: 'walk', file, truth };
}

async function panClip(dir: string, width = 640): Promise<Clip> {
  const size = { width, height: (width * 9) / 16 };
  const file = path.join(dir, `pan-${width}.mp4`);
  const truth = await encodePanClip(file, size, frames, { fps });
  return { name: `pan ${width}×${size.height}`, file, truth };
}

/** Share of the visible part of a face box under the covers, from a 10×10 grid of points. */
function underCovers(face: Rect, covers: Rect[], width: number, height: number): number {
  let hit = 0;
  let all = 0;
  for (let j = 0; j < 10; j++)
    for (let i = 0; i < 10; i++) {
      const x = face.x + ((i + 0.5) * face.width) / 10;
      const y = face.y + ((j + 0.5) * face.height) / 10;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      all++;
      if (covers.some((c) => inside({ shape: 'ellipse', ...c }, Math.floor(x), Math.floor(y)))) hit++;
    }
  return all ? hit / all : 1;
}

async function score(
  clip: Clip,
  detector: FrameFaces,
): Promise<{ faceFrames: number; covered: number; longest: number; coversPerFrame: number; ms: number }> {
  const p = await probe(clip.file);
  const size = { width: p.codedWidth, height: p.codedHeight };
  const keep = Math.max(2, Math.round(0.2 * p.fps));
  const tracker = new Tracker(keep, size);
  let ms = 0;
  // Asked as the pipeline asks: frame f once frame f + keep is in (old sightings are pruned after).
  const decided: Rect[][] = [];
  for await (const frame of decodeFrames(clip.file, p, size)) {
    const t = performance.now();
    tracker.add(await detector(frame));
    ms += performance.now() - t;
    if (tracker.frames > keep) decided.push(tracker.facesAt(decided.length));
  }
  while (decided.length < tracker.frames) decided.push(tracker.facesAt(decided.length));
  let faceFrames = 0;
  let covered = 0;
  let run = 0;
  let longest = 0;
  let covers = 0;
  clip.truth.forEach((faces, f) => {
    const heads = (decided[f] ?? []).map(headCover);
    covers += heads.length;
    let visible = false;
    for (const face of faces) {
      const w = Math.min(face.x + face.width, size.width) - Math.max(face.x, 0);
      const h = Math.min(face.y + face.height, size.height) - Math.max(face.y, 0);
      if (Math.min(w, h) < 20 || Math.min(face.width, face.height) < 20) continue;
      faceFrames++;
      if (underCovers(face, heads, size.width, size.height) >= 0.85) covered++;
      else {
        visible = true;
        if (process.env.EVAL_VIDEO_DEBUG)
          console.log(
            clip.name,
            f,
            faces.indexOf(face),
            [face.x, face.y, face.width, face.height].map(Math.round).join(','),
            underCovers(face, heads, size.width, size.height).toFixed(2),
            JSON.stringify(heads.map((h) => [h.x, h.y, h.width, h.height])),
          );
      }
    }
    run = visible ? run + 1 : 0;
    longest = Math.max(longest, run);
  });
  return { faceFrames, covered, longest, coversPerFrame: covers / clip.truth.length, ms: ms / clip.truth.length };
}

/** The settings compared: name → per-frame detector. */
const settings: Record<string, FrameFaces> = { 'engine (frameDetector)': frameDetector };
if (!process.argv.includes('--engine'))
  for (const longSide of [640, 960, 1280])
    for (const minScore of [0.3, 0.5])
      settings[`YuNet ≤ ${longSide} px, score ≥ ${minScore}`] = yunetFrames({ maxSide: longSide, minScore });
if (process.argv.includes('--photo')) {
  settings['photo finder (findFaces)'] = async (frame) =>
    (await findFaces(frame, [], { faces: 'all' })).faces.map((f) => ({ box: f.box, score: f.score }));
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-video-'));
try {
  const clips = [await walkClip(dir), await panClip(dir), await panClip(dir, 1280)];
  console.log('setting | clip | face-frames ≥ 20 px covered | longest visible run | covers/frame | ms/frame');
  for (const [name, detector] of Object.entries(settings)) {
    for (const clip of clips) {
      const s = await score(clip, detector);
      console.log(
        `${name} | ${clip.name} | ${s.covered}/${s.faceFrames} (${((100 * s.covered) / s.faceFrames).toFixed(1)} %) | ${s.longest} | ${s.coversPerFrame.toFixed(1)} | ${s.ms.toFixed(0)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
