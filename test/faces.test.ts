// The real detector on a redistributable "group photo" (NASA public-domain faces on a CC0
// background, see fixtures/faces/make-group.py): every face is found, covered, and gone after.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { findFaces, recheck, warmUp } from '../src/faces/index.js';
import { faceApi, engine } from '../src/faces/model.js';
import { detectYunet } from '../src/faces/yunet.js';
import { warningAsks } from '../src/contract/codes.js';
import { inside } from '../src/cover/mask.js';
import { cover } from '../src/obscure.js';
import { coverAndCheck } from '../src/cover-and-check.js';
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

  it('says a photo with no face and no person is safe, not one to check', async () => {
    // A smooth colour gradient: nothing in it for any detector to take for a face or a person.
    const width = 640;
    const height = 480;
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
    }
    const { faces, warnings } = await findFaces({ data, width, height, channels: 3 }, [], options);
    expect(faces).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['nobody']);
    expect(warningAsks.nobody).toBe('note');
  });

  it("gives each face YuNet's score and five landmarks, inside its box", async () => {
    const { faces } = await findFaces(group, [], options);
    for (const f of faces) {
      expect(f.landmarks).toHaveLength(5);
      const [rightEye, leftEye, nose] = f.landmarks!;
      // As seen in the picture, the right eye is on the left; the nose lies between and below the eyes.
      expect(rightEye![0]).toBeLessThan(leftEye![0]);
      expect(nose![1]).toBeGreaterThan(Math.min(rightEye![1], leftEye![1]));
      for (const [x, y] of f.landmarks!) {
        expect(x).toBeGreaterThanOrEqual(f.box.x - 2);
        expect(x).toBeLessThanOrEqual(f.box.x + f.box.width + 2);
        expect(y).toBeGreaterThanOrEqual(f.box.y - 2);
        expect(y).toBeLessThanOrEqual(f.box.y + f.box.height + 2);
      }
    }
  });

  it('accepts four-channel pixels', async () => {
    const rgba = await decode(path.join(fixtures, 'group.jpg'), true);
    const { faces } = await findFaces(rgba, [], options);
    const regions = planCovers(faces, rgba.width, rgba.height);
    expect(coveredFraction(placed[0]!, regions)).toBeGreaterThanOrEqual(0.8);
  });
});

/** A cover planned from a box too small and too low for face `f`: the eyes and brow stay visible above it. */
function tooSmallCover(f: Rect) {
  const box = { x: f.x + f.width * 0.3, y: f.y + f.height * 0.65, width: f.width * 0.4, height: f.height * 0.35 };
  return planCovers([{ box, score: 1, source: 'file' }], group.width, group.height);
}

describe('after covering', () => {
  for (const style of ['blur', 'pixelate', 'solid'] as const) {
    it(`${style}: the detector finds no face in a covered head`, async () => {
      const { faces } = await findFaces(group, [], options);
      const regions = planCovers(faces, group.width, group.height);
      const covered = await cover(group, regions, resolveOptions({ style }));
      expect(await recheck(covered, regions)).toEqual([]);
      // And directly, YuNet at both sizes at an even bar: nothing lies mostly inside a region.
      // (At the recall-first threshold of findFaces a blob can score 0.3 anywhere, wall or cover
      // alike; that is not a face the cover failed to hide.)
      for (const longSide of [640, 1280]) {
        const left = (await detectYunet(covered, { longSide, minScore: 0.5 })).filter((d) =>
          regions.some((r) => coveredFraction(d.box, [r]) > 0.5),
        );
        expect(left).toEqual([]);
      }
    });
  }

  it('recheck reports a face the cover only partly hides, and not the blurred oval of a covered one', async () => {
    const f = placed[0]!;
    const small = tooSmallCover(f);
    const partly = await cover(group, small, resolveOptions({}));
    const found = await recheck(partly, small);
    expect(found.some((r) => iou(r, f) > 0.3)).toBe(true);
    const full = planCovers([{ box: f, score: 1, source: 'file' }], group.width, group.height);
    expect(await recheck(await cover(group, full, resolveOptions({})), full)).toEqual([]);
  });

  it('a cover too small grows once; a face that still shows is painted over, and the photo ends "check it", never failed', async () => {
    const f = placed[0]!;
    const small = tooSmallCover(f);
    const o = resolveOptions({ style: 'blur', color: '#204080' });
    // The default: the cover grows to hold the head, and the look after that finds nothing.
    const grown = await coverAndCheck(group, small, o);
    expect(grown.warnings.map((w) => w.code)).toEqual(['cover-grown']);
    expect(coveredFraction(f, grown.regions)).toBeGreaterThanOrEqual(0.8);
    // With no growing allowed, the face still shows after covering: it is painted over in plain colour.
    const painted = await coverAndCheck(group, small, o, [], {}, 0);
    expect(painted.warnings.map((w) => w.code)).toEqual(['face-painted']);
    expect(warningAsks['face-painted']).toBe('check');
    expect(painted.painted).toBe(1);
    const centre = ((Math.round(f.y + f.height / 2) * group.width + Math.round(f.x + f.width / 2)) * 3) as number;
    expect([...painted.pixels.data.subarray(centre, centre + 3)]).toEqual([0x20, 0x40, 0x80]);
    expect(await recheck(painted.pixels, painted.regions)).toEqual([]);
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

  it('a tilted head gets a cover turned with it, that still holds the whole face', async () => {
    const portrait = await decode(path.join(samples, 'portrait-sideways.jpg'));
    // The portrait turned 25° clockwise about its centre, on grey, as a head leaning to one side.
    const turn = 25;
    const { data, info } = await sharp(portrait.data, { raw: { width: portrait.width, height: portrait.height, channels: 3 } })
      .rotate(turn, { background: '#808080' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const tilted: RawImage = { data, width: info.width, height: info.height, channels: 3 };
    const { faces } = await findFaces(tilted, [], options);
    expect(faces).toHaveLength(1);
    const [c] = planCovers(faces, tilted.width, tilted.height);
    expect(c!.angle).toBeGreaterThan(turn - 8);
    expect(c!.angle).toBeLessThan(turn + 8);
    // The face's corners (brows to chin), turned as the picture was, all lie under the cover.
    const t = (turn * Math.PI) / 180;
    const [ox, oy] = [portrait.width / 2, portrait.height / 2];
    const [nx, ny] = [tilted.width / 2, tilted.height / 2];
    for (const [x, y] of [
      [face.x, face.y],
      [face.x + face.width, face.y],
      [face.x, face.y + face.height],
      [face.x + face.width, face.y + face.height],
    ] as const) {
      const px = nx + (x - ox) * Math.cos(t) - (y - oy) * Math.sin(t);
      const py = ny + (x - ox) * Math.sin(t) + (y - oy) * Math.cos(t);
      expect(inside(c!, Math.floor(px), Math.floor(py)), `${px}, ${py}`).toBe(true);
    }
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
// motorbike, a rocket, grass and gravel. A cover on any of them spoils a photo a parent wanted to
// keep, and "check it" on them cries wolf: nobody is in them, so they are safe as they are.
describe.skipIf(lacks(import.meta.filename, 'skimage'))('findFaces on photos with no person', () => {
  for (const name of ['chelsea.png', 'coffee.png', 'motorcycle_left.png', 'rocket.jpg', 'grass.png', 'gravel.png']) {
    it(`${name}: no face, no cover, and nothing to check`, async () => {
      const { faces, warnings } = await findFaces(await decode(path.join(skimageData, name)), [], options);
      expect(faces).toEqual([]);
      expect(warnings.filter((w) => warningAsks[w.code] === 'check')).toEqual([]);
    });
  }
});

// The corpus' dlib group photos (PASCAL VOC, 43 annotated faces of 37–109 px): every face covered.
const dlib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus', 'faces', 'dlib');
describe.skipIf(!existsSync(path.join(dlib, 'boxes.json')))('findFaces on the dlib group photos', () => {
  it('covers all 43 faces, each with its own cover', async () => {
    const boxes = JSON.parse(readFileSync(path.join(dlib, 'boxes.json'), 'utf8')) as Record<string, number[][]>;
    let faces = 0;
    let covered = 0;
    for (const [name, list] of Object.entries(boxes)) {
      const img = await decode(path.join(dlib, name));
      const found = await findFaces(img, [], options);
      const regions = planCovers(found.faces, img.width, img.height);
      for (const [x, y, width, height] of list) {
        faces++;
        if (coveredFraction({ x: x!, y: y!, width: width!, height: height! }, regions) >= 0.8) covered++;
      }
    }
    expect(faces).toBe(43);
    expect(covered).toBe(43);
  }, 60_000);
});
