// The decode pipe: ffmpeg turns the clip into upright RGB frames of a planned size on its stdout,
// one at a time. Only a frame or two is ever in memory, whatever the clip's length.
import { SafeError } from '../errors.js';
import type { RawImage } from '../types.js';
import type { Probe } from './probe.js';
import { exited, ffmpegPath, start } from './tools.js';

/** The long side a copy gets when the options ask for no particular size: Full HD plays everywhere. */
const defaultLongSide = 1920;

/** Output size: upright, at most `maxSize` on the long side, even (4:2:0 video needs even sides). */
export function plannedSize(p: Probe, maxSize: number): { width: number; height: number } {
  const [w, h] = p.turns % 2 === 1 ? [p.codedHeight, p.codedWidth] : [p.codedWidth, p.codedHeight];
  const limit = maxSize > 0 ? maxSize : defaultLongSide;
  const k = Math.min(1, limit / Math.max(w, h));
  const even = (v: number) => Math.max(2, 2 * Math.round((v * k) / 2));
  return { width: even(w), height: even(h) };
}

/** Filters that turn the picture upright: our own, from the probed rotation, so the size is known. */
const upright = ['', 'transpose=clock', 'hflip,vflip', 'transpose=cclock'];

/**
 * Upright frames at a constant `probe.rate` (a variable-rate phone clip is resampled to its average
 * rate, so sound stays in sync). Throws a SafeError when ffmpeg fails or the clip ends far too early.
 */
export async function* decodeFrames(
  file: string,
  p: Probe,
  size: { width: number; height: number },
  signal?: AbortSignal,
): AsyncGenerator<RawImage> {
  const filters = [upright[p.turns], `scale=${size.width}:${size.height}:flags=bicubic`, 'format=rgb24'].filter(Boolean).join(',');
  const args = ['-v', 'error', '-nostdin', '-noautorotate', '-i', file, '-map', '0:v:0', '-an', '-sn', '-dn'];
  args.push('-vf', filters, '-vsync', 'cfr', '-r', p.rate, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  const { child, stderr } = start(ffmpegPath(), args, signal);
  child.stdin!.end();
  const done = exited(child);
  const frameBytes = size.width * size.height * 3;
  let frame = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  let count = 0;
  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        chunk.copy(frame, filled, at, at + n);
        filled += n;
        at += n;
        if (filled === frameBytes) {
          count++;
          yield { data: frame, width: size.width, height: size.height, channels: 3 };
          frame = Buffer.allocUnsafe(frameBytes);
          filled = 0;
        }
      }
    }
  } finally {
    // Stopped early (a failure downstream, a cancel): the decoder must not outlive us.
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  const code = await done;
  signal?.throwIfAborted();
  const expected = Math.floor(p.duration * p.fps);
  if (code !== 0 || /partial file|Invalid data|error while decoding/i.test(stderr())) {
    throw decodeError(stderr(), count);
  }
  // A clip whose index promises more than its data holds is cut short: fail closed.
  if (count === 0 || count < 0.9 * expected - 2) {
    throw new SafeError('truncated', `the video is cut short (${count} of ${expected} frames could be read); nothing was written`);
  }
}

function decodeError(stderr: string, count: number): SafeError {
  if (/partial file|end of file/i.test(stderr))
    return new SafeError('truncated', `the video is cut short after ${count} frames; nothing was written`);
  return new SafeError('corrupt', `the video's pictures cannot be decoded after ${count} frames (damaged file); nothing was written`);
}
