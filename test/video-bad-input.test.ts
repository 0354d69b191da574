// Bad clips: each refused with a one-line reason, nothing written and no temp file left — and a
// cancelled run leaves no partial copy either.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SafeError } from '../src/errors.js';
import { frameDetector } from '../src/video/faces.js';
import { makeVideoSafe, type VideoOptions } from '../src/video/make-safe.js';
import { background, encodeClip, ffmpeg } from './helpers/video.js';
import { execFileSync } from 'node:child_process';

const options: VideoOptions = { style: 'blur', color: '#808080', seed: undefined, maxSize: 0, maxFileBytes: 1e9, mute: false };
const size = { width: 160, height: 120 };
let dir: string;
let plain: Buffer;
let faststart: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'video-bad-'));
  const bg = await background(size.width, size.height);
  await encodeClip(path.join(dir, 'plain.mp4'), size, 20, async () => bg, { audio: true });
  await encodeClip(path.join(dir, 'fast.mp4'), size, 20, async () => bg, { audio: true, args: ['-movflags', '+faststart'] });
  plain = readFileSync(path.join(dir, 'plain.mp4'));
  faststart = readFileSync(path.join(dir, 'fast.mp4'));
});

/** Runs one bad input in a folder of its own and returns the error; the folder must hold nothing new. */
async function refuse(name: string, bytes: Buffer): Promise<SafeError> {
  const own = mkdtempSync(path.join(dir, 'case-'));
  const input = path.join(own, name);
  writeFileSync(input, bytes);
  const e = await makeVideoSafe(input, path.join(own, 'out.safe.mp4'), options, { detector: frameDetector }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(SafeError);
  expect(readdirSync(own)).toEqual([name]);
  expect((e as SafeError).message).not.toContain('\n');
  return e as SafeError;
}

/** Offset of the first top-level box of this type. */
function boxAt(b: Buffer, type: string): number {
  for (let p = 0; p + 8 <= b.length; p += b.readUInt32BE(p)) if (b.toString('latin1', p + 4, p + 8) === type) return p;
  throw new Error(`no ${type}`);
}

describe('bad clips', () => {
  it('a truncated MP4 (index lost, or media cut short)', async () => {
    expect((await refuse('cut.mp4', plain.subarray(0, Math.floor(plain.length * 0.6)))).code).toBe('truncated');
    expect((await refuse('cut-fast.mp4', faststart.subarray(0, Math.floor(faststart.length * 0.6)))).code).toMatch(/truncated|corrupt/);
  });

  it('an MP4 whose media data box is empty', async () => {
    const at = boxAt(faststart, 'mdat');
    const empty = Buffer.from(faststart.subarray(0, at + 8));
    empty.writeUInt32BE(8, at);
    expect((await refuse('empty.mp4', empty)).code).toMatch(/truncated|corrupt/);
  });

  it('a 16000×16000 header', async () => {
    const mj = path.join(dir, 'mj.mov');
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x48:rate=5',
      '-t',
      '1',
      '-c:v',
      'mjpeg',
      '-f',
      'mov',
      '-y',
      mj,
    ]);
    const b = Buffer.from(readFileSync(mj));
    // Every frame's JPEG header (SOF0) and the sample description now declare 16000×16000.
    for (let i = b.indexOf('ffc0', 0, 'hex'); i >= 0; i = b.indexOf('ffc0', i + 2, 'hex')) {
      b.writeUInt16BE(16000, i + 5);
      b.writeUInt16BE(16000, i + 7);
    }
    const entry = b.indexOf('jpeg', b.indexOf('stsd'), 'latin1');
    b.writeUInt16BE(16000, entry + 28);
    b.writeUInt16BE(16000, entry + 30);
    const e = await refuse('huge.mov', b);
    expect(e.code).toBe('too-many-pixels');
    expect(e.message).toMatch(/16000×16000/);
  });

  it('a text file named .mov, and a clip with no picture', async () => {
    expect((await refuse('notes.mov', Buffer.from('Kate is 4 today\n'.repeat(50)))).code).toBe('not-an-image');
    const sound = path.join(dir, 'sound.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', '-f', 'mp4', '-y', sound]);
    const e = await refuse('sound.mp4', readFileSync(sound));
    expect([e.code, e.message]).toEqual(['corrupt', 'this video has no picture stream; nothing was written']);
  });

  it('a cancelled run leaves no partial copy and no temp file', async () => {
    const own = mkdtempSync(path.join(dir, 'cancel-'));
    const input = path.join(own, 'long.mp4');
    writeFileSync(input, plain);
    const stop = new AbortController();
    const e = await makeVideoSafe(input, path.join(own, 'long.safe.mp4'), options, {
      detector: frameDetector,
      signal: stop.signal,
      onProgress: (p) => p.frame === 3 && stop.abort(),
    }).catch((x: unknown) => x);
    expect(stop.signal.aborted).toBe(true);
    expect(e).toBe(stop.signal.reason);
    expect(readdirSync(own)).toEqual(['long.mp4']);
  });
});
