// HEIC decoding leaves the process as it found it: libheif's errors become reasons, never output,
// and nothing global (console.log) is swapped, so decodes that overlap cannot leave it silenced.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeHeicPixels } from '../src/decode-heic.js';
import { decode } from '../src/decode.js';
import { isSafeError } from '../src/errors.js';
import { readSource } from '../src/read.js';
import { samplesDir } from './helpers/cli.js';
import { lacks } from './helpers/oracles.js';

const limits = { maxPixels: 100e6, maxSize: 0 };

describe('HEIC decode', () => {
  it('three overlapping decodes, one of a damaged file, leave console.log as it was and print nothing', async () => {
    const good = await readSource(path.join(samplesDir, 'IMG_0042.heic'), { maxFileBytes: 200e6 });
    // Cut inside the coded image: the container parses, the HEVC decoder fails (libheif's wrapper logs this).
    const damaged = { ...good, bytes: good.bytes.subarray(0, 30_000) };
    const printed: unknown[][] = [];
    const original = console.log;
    const recorder = (...args: unknown[]) => void printed.push(args);
    console.log = recorder;
    try {
      const [a, b, c] = await Promise.allSettled([decode(good, limits), decode(damaged, limits), decode(good, limits)]);
      expect(console.log).toBe(recorder);
      expect(printed).toEqual([]);
      expect(a.status === 'fulfilled' && a.value.image).toMatchObject({ width: 1024, height: 683, channels: 3 });
      expect(c.status === 'fulfilled' && c.value.image.data.equals(a.status === 'fulfilled' ? a.value.image.data : Buffer.alloc(0))).toBe(
        true,
      );
      expect(b.status).toBe('rejected');
      const reason = b.status === 'rejected' ? (b.reason as unknown) : undefined;
      expect(isSafeError(reason) && reason.code).toBe('corrupt');
    } finally {
      console.log = original;
    }
  });

  it('a HEIC whose declared size is over the pixel limit is refused before its pixels are decoded', async () => {
    const good = await readSource(path.join(samplesDir, 'IMG_0042.heic'), { maxFileBytes: 200e6 });
    await expect(decode(good, { maxPixels: 500_000, maxSize: 0 })).rejects.toMatchObject({ code: 'too-many-pixels' });
  });
});

describe.skipIf(lacks(import.meta.filename, 'heif-enc'))('HEIC decode of large photos', () => {
  it('two overlapping decodes of a 12 MP HEIC both return its pixels (a decode must not detach the other one’s plane)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heic-12mp-'));
    const [width, height] = [4032, 3024];
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7 + Math.floor(i / width)) & 255;
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toFile(path.join(dir, 'big.png'));
    execFileSync('heif-enc', ['-q', '30', '-p', 'preset=ultrafast', '-o', path.join(dir, 'big.heic'), path.join(dir, 'big.png')]);
    const bytes = readFileSync(path.join(dir, 'big.heic'));
    const both = await Promise.all([decodeHeicPixels(bytes, () => {}), decodeHeicPixels(bytes, () => {})]);
    for (const img of both) expect(img).toMatchObject({ width, height, channels: 4 });
    expect(both[0].data.equals(both[1].data)).toBe(true);
  }, 120_000);
});
