// Decompression bombs made from the project's fixtures: the same files with giant declared sizes (a few
// hundred bytes to a few KB that would decode to gigabytes). The fuzzer's anatomy finds the size fields.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { walkPng } from '../../src/containers/png.js';
import type { ImageFormat } from '../../src/types.js';
import { anatomy } from '../fuzz/anatomy.js';
import { cliPath, repoRoot } from './cli.js';

export interface Bomb {
  name: string;
  /** Declared width × height. */
  width: number;
  height: number;
}

const fixture = (p: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', p));

/** Writes the bombs into `dir`: PNG 60000², JPEG 65500², WebP 16384², GIF 65535², TIFF 100000², HEIC and AVIF 60000². */
export async function makeBombs(dir: string): Promise<Bomb[]> {
  const avif = await sharp(fixture('samples/astronaut.webp')).resize(64).avif({ quality: 50 }).toBuffer();
  const plan: [string, Buffer, ImageFormat, number, number][] = [
    ['bomb.png', fixture('samples/cameraman.png'), 'png', 60000, 60000],
    ['bomb.jpg', fixture('samples/IMG_20240503_140212.jpg'), 'jpeg', 65500, 65500],
    ['bomb.webp', fixture('samples/astronaut.webp'), 'webp', 16384, 16384],
    ['bomb.gif', fixture('metadata/comment.gif'), 'gif', 65535, 65535],
    ['bomb.tif', fixture('metadata/gps.tif'), 'tiff', 100000, 100000],
    ['bomb.heic', fixture('samples/IMG_0042.heic'), 'heic', 60000, 60000],
    ['bomb.avif', avif, 'avif', 60000, 60000],
  ];
  const bombs: Bomb[] = [];
  for (const [name, original, format, width, height] of plan) {
    const b = Buffer.from(original);
    for (const d of anatomy(b, format).dims) d.write(b, /height/.test(d.what) ? height : width);
    if (format === 'png')
      for (const c of walkPng(b).chunks.filter((x) => x.type === 'IHDR'))
        b.writeUInt32BE(crc32(b.subarray(c.offset + 4, c.dataOffset + c.length)), c.dataOffset + c.length);
    writeFileSync(path.join(dir, name), b);
    bombs.push({ name, width, height });
  }
  return bombs;
}

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process, in MB. */
  peakMb: number;
}

/** Runs the CLI with the peak-memory hook. */
export function runMeasured(args: string[]): Measured {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'rss-')), 'max-rss');
  const hook = path.join(repoRoot, 'test', 'helpers', 'max-rss.mjs');
  const r = spawnSync(process.execPath, ['--import', hook, cliPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MAX_RSS_FILE: rssFile },
    timeout: 120_000,
  });
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, peakMb: Math.round(kb / 1024) };
}
