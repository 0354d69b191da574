import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPhotos } from '../src/collect.js';

let root: string;
const rel = (items: { input: string }[]) => items.map((i) => path.relative(root, i.input));

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'collect-'));
  const f = (p: string) => {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), 'x');
  };
  [
    'a/IMG_2.jpg',
    'a/IMG_10.JPG',
    'a/notes.txt',
    'a/IMG_2.safe.jpg',
    'a/._IMG_2.jpg',
    'a/sub/deep.heic',
    'a/.hidden/x.jpg',
    'a/safe/old.safe-2.png',
    'a/safe/keep.png',
    'b/c.webp',
    'b/Safe to share/c.safe.webp',
    'b/Safe to share/renamed.webp',
  ].forEach(f);
  symlinkSync(path.join(root, 'a'), path.join(root, 'a/sub/loop'));
});

describe('collecting photos from what the user named', () => {
  it("takes a folder's photos in natural order and skips our outputs, AppleDouble files and other files", async () => {
    const c = await collectPhotos([path.join(root, 'a')], { recursive: false });
    expect(rel(c.items)).toEqual(['a/IMG_2.jpg', 'a/IMG_10.JPG']);
    expect(c.skippedFolders).toBe(2); // sub and safe (hidden folders are never entered)
    expect(c.items[0].root).toBe(path.join(root, 'a'));
  });

  it('recurses with -r, survives a symlink loop, and never enters the output folder', async () => {
    const c = await collectPhotos([path.join(root, 'a')], { recursive: true, outDir: path.join(root, 'a/safe') });
    expect(rel(c.items)).toEqual(['a/IMG_2.jpg', 'a/IMG_10.JPG', 'a/sub/deep.heic']);
    expect(c.problems).toEqual([]);
  });

  it('never walks nor counts the "Safe to share" folder the right-click and the app write into', async () => {
    const flat = await collectPhotos([path.join(root, 'b')], { recursive: false });
    expect(flat.skippedFolders).toBe(0);
    const deep = await collectPhotos([path.join(root, 'b')], { recursive: true });
    expect(rel(deep.items)).toEqual(['b/c.webp']);
    const verifying = await collectPhotos([path.join(root, 'b')], { recursive: true, includeOutputs: true });
    expect(rel(verifying.items)).toEqual(['b/c.webp', 'b/Safe to share/c.safe.webp', 'b/Safe to share/renamed.webp']);
  });

  it('includes our safe copies when asked (verify and inspect look at them)', async () => {
    const c = await collectPhotos([path.join(root, 'a')], { recursive: false, includeOutputs: true });
    expect(rel(c.items)).toEqual(['a/IMG_2.jpg', 'a/IMG_2.safe.jpg', 'a/IMG_10.JPG']);
  });

  it('takes files named explicitly whatever their extension, once each, and reports missing paths', async () => {
    const notes = path.join(root, 'a/notes.txt');
    const c = await collectPhotos([notes, path.join(root, 'b'), notes, path.join(root, 'a/../a/notes.txt'), path.join(root, 'nope.jpg')], {
      recursive: false,
    });
    expect(rel(c.items)).toEqual(['a/notes.txt', 'b/c.webp']);
    expect(c.problems).toEqual([{ path: path.join(root, 'nope.jpg'), code: 'not-found', message: 'no such file or folder' }]);
  });
});
