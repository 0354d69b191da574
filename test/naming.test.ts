import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alternativePath, isOurOutputName, isTempName, outputPathFor, tempNameFor } from '../src/naming.js';

describe('output names', () => {
  it('puts NAME.safe.EXT beside the original, with the extension of the format written', () => {
    expect(outputPathFor({ input: '/p/IMG_1.JPG' }, 'jpeg', { rename: false })).toBe('/p/IMG_1.safe.jpg');
    expect(outputPathFor({ input: '/p/IMG_2.HEIC' }, 'jpeg', { rename: false })).toBe('/p/IMG_2.safe.jpg');
    expect(outputPathFor({ input: '/p/scan.png' }, 'png', { rename: false })).toBe('/p/scan.safe.png');
    expect(outputPathFor({ input: '/p/a.b.c.webp' }, 'webp', { rename: false })).toBe('/p/a.b.c.safe.webp');
  });

  it('mirrors the subfolder below the folder argument under --out', () => {
    const p = { input: '/photos/2024/june/a.jpg', root: '/photos' };
    expect(outputPathFor(p, 'jpeg', { rename: false, outDir: '/safe' })).toBe(path.join('/safe', '2024', 'june', 'a.safe.jpg'));
    expect(outputPathFor({ input: '/x/b.png' }, 'png', { rename: false, outDir: '/safe' })).toBe('/safe/b.safe.png');
  });

  it('never lets a path climb out of --out', () => {
    const p = { input: '/elsewhere/a.jpg', root: '/photos' };
    expect(outputPathFor(p, 'jpeg', { rename: false, outDir: '/safe' })).toBe('/safe/a.safe.jpg');
  });

  it('gives neutral names with --rename (camera names leak the date)', () => {
    const p = { input: '/p/PXL_20240101_083012.jpg', index: 7 };
    expect(outputPathFor(p, 'jpeg', { rename: true })).toBe('/p/photo-007.jpg');
    expect(outputPathFor({ ...p, index: 1234 }, 'png', { rename: true, outDir: '/o' })).toBe('/o/photo-1234.png');
  });

  it('numbers alternatives NAME.safe-2.EXT, -3 …', () => {
    expect(alternativePath('/p/a.safe.jpg', 1)).toBe('/p/a.safe.jpg');
    expect(alternativePath('/p/a.safe.jpg', 2)).toBe('/p/a.safe-2.jpg');
    expect(alternativePath('/p/photo-001.jpg', 3)).toBe('/p/photo-001-3.jpg');
  });

  it('recognises its own outputs and temp files, and nothing else', () => {
    expect(isOurOutputName('/p/a.safe.jpg')).toBe(true);
    expect(isOurOutputName('a.safe-12.PNG')).toBe(true);
    expect(isOurOutputName('a.jpg')).toBe(false);
    expect(isOurOutputName('safe.jpg')).toBe(false);
    expect(isOurOutputName('unsafe.jpg')).toBe(false);
    const temp = tempNameFor('/p/a.safe.jpg', '123-0-abc');
    expect(path.dirname(temp)).toBe('/p');
    expect(path.basename(temp).startsWith('.')).toBe(true);
    expect(isTempName(temp)).toBe(true);
    expect(isOurOutputName(temp)).toBe(true);
  });
});
