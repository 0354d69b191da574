// The real detector on a redistributable "group photo" (NASA public-domain faces on a CC0
// background, see fixtures/faces/make-group.py): every face is found, covered, and gone after.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { findFaces, recheck, warmUp } from '../src/faces/index.js';
import { faceApi, engine } from '../src/faces/model.js';
import { defaultSettings, detect } from '../src/faces/detect.js';
import { faceFlags } from '../src/faces/second-look.js';
import { cover } from '../src/obscure.js';
import { planCovers } from '../src/plan.js';
import { resolveOptions } from '../src/options.js';
import type { RawImage, Rect } from '../src/types.js';
import { coveredFraction } from './eval/score.js';
import { iou } from '../src/util/rect.js';
import { lacks, skimageData } from './helpers/oracles.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'faces');
const placed = (JSON.parse(readFileSync(path.join(fixtures, 'group.json'), 'utf8')) as { faces: number[][] }).faces.map(
  ([x, y, width, height]): Rect => ({ x: x!, y: y!, width: width!, height: height! }),
);

async function decode(file: string, alpha = false): Promise<RawImage> {
  let s = sharp(file).rotate();
  s = alpha ? s.ensureAlpha() : s.removeAlpha();
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 | 4 };
}

const options = resolveOptions({});
let group: RawImage;

beforeAll(async () => {
  await warmUp();
  group = await decode(path.join(fixtures, 'group.jpg'));
});

describe('detector setup', () => {
  it('runs on the wasm backend, never the slow cpu fallback', async () => {
    expect(engine(await faceApi()).getBackend()).toBe('wasm');
    // The wasm glue's process handlers are removed: an unhandled rejection is the host's business.
    expect(
      process
        .listeners('unhandledRejection')
        .map(String)
        .some((l) => l.includes('throw reason')),
    ).toBe(false);
  });
});

describe('findFaces on a group photo', () => {
  it('finds every face, down to 16 px wide, and gives each its own head-shaped cover', async () => {
    const { faces, warnings } = await findFaces(group, [], options);
    const regions = planCovers(faces, group.width, group.height);
    for (const f of placed) expect(coveredFraction(f, regions), JSON.stringify(f)).toBeGreaterThanOrEqual(0.8);
    expect(regions.every((r) => r.shape === 'ellipse')).toBe(true);
    // No cover holds two faces' centres.
    for (const r of regions)
      expect(
        placed.filter((f) => coveredFraction({ x: f.x + f.width / 2, y: f.y + f.height / 2, width: 1, height: 1 }, [r]) > 0).length,
      ).toBeLessThanOrEqual(1);
    expect(faces.every((f) => f.source === 'detector' && f.score > 0 && f.score <= 1)).toBe(true);
    expect(warnings.map((w) => w.code)).not.toContain('no-face');
    // One detection per face, not a cloud of duplicates from the different scales.
    for (const f of placed) expect(faces.filter((d) => iou(d.box, f) > 0.2).length).toBeLessThanOrEqual(1);
  });

  it('adds regions the file declares as faces, even where the detector sees none', async () => {
    const hint = { x: 20, y: 700, width: 60, height: 60 };
    const { faces } = await findFaces(group, [hint], options);
    expect(faces).toContainEqual({ box: hint, score: 1, source: 'file' });
  });

  it('counts a face the file declares and the detector finds once, still covered', async () => {
    const alone = await findFaces(group, [], options);
    const f = placed[0]!;
    // How tagging tools draw it: a little larger than the detector's box, hair included.
    const hint = { x: f.x - 4, y: f.y - 8, width: f.width + 8, height: f.height + 10 };
    const { faces } = await findFaces(group, [hint], options);
    expect(faces).toHaveLength(alone.faces.length);
    expect(coveredFraction(hint, planCovers(faces, group.width, group.height))).toBeGreaterThanOrEqual(0.9);
  });

  it('warns "no face found" on a photo without faces', async () => {
    // A smooth colour gradient: nothing in it for any detector to take for a face.
    const width = 640;
    const height = 480;
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
    }
    const { faces, warnings } = await findFaces({ data, width, height, channels: 3 }, [], options);
    expect(faces).toEqual([]);
    expect(warnings).toContainEqual({ code: 'no-face', message: 'no face found — check this photo before sharing' });
  });

  it('accepts four-channel pixels', async () => {
    const rgba = await decode(path.join(fixtures, 'group.jpg'), true);
    const { faces } = await findFaces(rgba, [], options);
    const regions = planCovers(faces, rgba.width, rgba.height);
    expect(coveredFraction(placed[0]!, regions)).toBeGreaterThanOrEqual(0.8);
  });
});

describe('after covering', () => {
  for (const style of ['blur', 'pixelate', 'solid'] as const) {
    it(`${style}: the detector finds no face in a covered head`, async () => {
      const { faces } = await findFaces(group, [], options);
      const regions = planCovers(faces, group.width, group.height);
      const covered = await cover(group, regions, resolveOptions({ style }));
      expect(await recheck(covered, regions)).toEqual([]);
      // And directly, every pass of the detector at an even bar: nothing lies mostly inside a
      // region. (At the recall-first thresholds of findFaces a blob can score 0.3 anywhere, wall
      // or cover alike; that is not a face the cover failed to hide.)
      const even = { ...defaultSettings, passes: defaultSettings.passes.map((p) => ({ ...p, minScore: 0.5 })) };
      const left = (await detect(covered, even)).filter((d) => regions.some((r) => coveredFraction(d.box, [r]) > 0.5));
      expect(left).toEqual([]);
    });
  }

  it('recheck reports a face the cover only partly hides, and not the blurred oval of a covered one', async () => {
    const f = placed[0]!;
    // A cover planned from a box too small and too low: the eyes and brow stay visible above it.
    const small = planCovers(
      [
        {
          box: { x: f.x + f.width * 0.3, y: f.y + f.height * 0.65, width: f.width * 0.4, height: f.height * 0.35 },
          score: 1,
          source: 'file',
        },
      ],
      group.width,
      group.height,
    );
    const partly = await cover(group, small, resolveOptions({}));
    const found = await recheck(partly, small);
    expect(found.some((r) => iou(r, f) > 0.3)).toBe(true);
    const full = planCovers([{ box: f, score: 1, source: 'file' }], group.width, group.height);
    expect(await recheck(await cover(group, full, resolveOptions({})), full)).toEqual([]);
  });
});

describe('ordinary photos', () => {
  const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'samples');
  // The astronaut's face, brows to chin, in the upright 384×512 portrait (skimage's astronaut.png from x = 48).
  const face = { x: 133, y: 73, width: 83, height: 102 };

  it('a one-person portrait gives one face, covered with hair and chin, not down to the chest', async () => {
    const portrait = await decode(path.join(samples, 'portrait-sideways.jpg'));
    const { faces } = await findFaces(portrait, [], options);
    expect(faces).toHaveLength(1);
    const regions = planCovers(faces, portrait.width, portrait.height);
    expect(coveredFraction(face, regions)).toBe(1);
    // Hair above and chin below, but not the collar, the badge and the hand further down.
    expect(regions).toHaveLength(1);
    expect(regions[0]!.y + regions[0]!.height).toBeLessThan(face.y + 2 * face.height);
  });

  it('the second look tells the face from the collar the tiles took for one', async () => {
    const portrait = await decode(path.join(samples, 'portrait-sideways.jpg'));
    const collar = { x: 102, y: 186, width: 42, height: 51 };
    const [faceFlag, collarFlag] = await faceFlags(portrait, [face, collar]);
    expect(faceFlag).toBeGreaterThan(0.9);
    expect(collarFlag).toBeLessThan(0.1);
  });

  it('the same portrait as a small WebP: still one face', async () => {
    const small = await decode(path.join(samples, 'astronaut.webp'));
    expect((await findFaces(small, [], options)).faces).toHaveLength(1);
  });
});

describe('children policy', () => {
  it('only ever keeps large, clearly detected faces, says why, and the plan leaves them out', async () => {
    const { faces, warnings } = await findFaces(group, [], resolveOptions({ faces: 'children' }));
    const clear = faces.filter((f) => f.box.width >= 48 && f.score >= 0.7);
    expect(clear.length).toBeGreaterThan(0);
    for (const f of clear) expect(typeof f.age).toBe('number');
    for (const f of faces) {
      if (f.box.width < 48) expect(f.keep ?? false).toBe(false);
      if (f.keep) expect(f.keepReason).toMatch(/adult/);
    }
    const kept = faces.filter((f) => f.keep);
    expect(warnings.filter((w) => w.code === 'face-left-uncovered').length).toBe(kept.length);
    const regions = planCovers(faces, group.width, group.height);
    for (const f of faces.filter((x) => !x.keep)) expect(coveredFraction(f.box, regions)).toBe(1);
  });
});

// Person-free photos (Debian's skimage pictures, public domain / CC0): a cat, a cup of coffee, a
// motorbike, a rocket, grass and gravel. A cover on any of them spoils a photo a parent wanted to keep.
describe.skipIf(lacks(import.meta.filename, 'skimage'))('findFaces on photos with no person', () => {
  for (const name of ['chelsea.png', 'coffee.png', 'motorcycle_left.png', 'rocket.jpg', 'grass.png', 'gravel.png']) {
    it(`${name}: no face, so no cover, and the photo is flagged for a look`, async () => {
      const { faces, warnings } = await findFaces(await decode(path.join(skimageData, name)), [], options);
      expect(faces).toEqual([]);
      expect(warnings.map((w) => w.code)).toContain('no-face');
    });
  }
});
