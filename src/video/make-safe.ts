// A clip's journey: sniff → probe → decode pipe → faces per frame → tracks (hysteresis) → cover →
// encode pipe → user-data strip → verify → publish. The copy exists only under a hidden temp name
// until verify passes; any failure or cancel removes it (write.ts's promise, shared with photos).
import { stat } from 'node:fs/promises';
import { SafeError, toSafeError } from '../errors.js';
import { cover } from '../obscure.js';
import type { Options } from '../options.js';
import { headCover } from '../plan.js';
import type { RawImage } from '../types.js';
import { publishWith } from '../write.js';
import { Encoder } from './encode.js';
import type { FrameFaces } from './faces.js';
import { fileHead, sniffVideo } from './format.js';
import { decodeFrames, plannedSize } from './frames.js';
import { probe, type Probe } from './probe.js';
import { dropUserData } from './strip.js';
import { Tracker } from './track.js';
import { verifyVideo } from './verify.js';
import { describeProbe, type VideoInspection } from './inspect.js';

export type VideoOptions = Pick<Options, 'style' | 'color' | 'seed' | 'maxSize' | 'maxFileBytes'> & {
  /** Leave the sound out: a child's voice says their name. */
  mute: boolean;
};

export interface VideoProgress {
  frame: number;
  /** Expected frames (from the declared length). */
  frames: number;
  /** Frames per second so far. */
  fps: number;
}

export interface VideoRun {
  detector: FrameFaces;
  onProgress?: (p: VideoProgress) => void;
  signal?: AbortSignal;
}

export interface VideoResult {
  input: string;
  output: string;
  width: number;
  height: number;
  frames: number;
  /** Frames that got at least one cover. */
  framesCovered: number;
  /** The most faces covered in one frame. */
  mostFaces: number;
  audio: boolean;
  seconds: number;
  /** What the original said that the copy does not: read from its tags before anything was written. */
  removed: Removed[];
}

type Removed = 'place' | 'date' | 'device' | 'tags' | 'tracks';

function removedFrom(i: VideoInspection): Removed[] {
  const out: Removed[] = [];
  if (i.place) out.push('place');
  if (i.date) out.push('date');
  if (i.device) out.push('device');
  if (i.tags.length) out.push('tags');
  if (i.otherTracks.length) out.push('tracks');
  return out;
}

/** Seconds a face stays covered before it was first and after it was last seen (in frames: × fps). */
const holdSeconds = 0.2;

/** Checks that `file` is a video we take, and what ffprobe says of it. Throws a SafeError otherwise. */
export async function openVideo(file: string, o: Pick<VideoOptions, 'maxFileBytes'>, signal?: AbortSignal): Promise<Probe> {
  let size: number;
  let head: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SafeError('not-a-file', 'this is not a regular file');
    size = info.size;
    head = await fileHead(file);
  } catch (e) {
    throw toSafeError(e);
  }
  if (size === 0) throw new SafeError('empty', 'the file is empty (0 bytes)');
  if (size > o.maxFileBytes)
    throw new SafeError('too-large', `the file is larger than the ${Math.round(o.maxFileBytes / 2 ** 20)} MB limit`);
  const s = sniffVideo(head);
  if (s.kind === 'refused')
    throw new SafeError('unsupported-format', `${s.name} is not supported; nothing was written`, { values: { what: s.name } });
  if (s.kind === 'other')
    throw new SafeError('not-an-image', 'this is not a video we read (its content matches no video format, whatever its name says)');
  return probe(file, signal);
}

export async function makeVideoSafe(input: string, first: string, o: VideoOptions, run: VideoRun): Promise<VideoResult> {
  const started = Date.now();
  const p = await openVideo(input, o, run.signal);
  const size = plannedSize(p, o.maxSize);
  const audio = p.audio && !o.mute;
  const keep = Math.max(2, Math.round(holdSeconds * p.fps));
  const expected = Math.max(1, Math.round(p.duration * p.fps));
  let frames = 0;
  let framesCovered = 0;
  let mostFaces = 0;
  const output = await publishWith(
    first,
    async (_handle, temp) => {
      const encoder = new Encoder({ source: input, width: size.width, height: size.height, rate: p.rate, audio }, temp, run.signal);
      try {
        const tracker = new Tracker(keep, size);
        const waiting: RawImage[] = [];
        const emit = async () => {
          const frame = waiting.shift()!;
          const faces = tracker.facesAt(frames);
          const covered = faces.length ? await cover(frame, faces.map(headCover), o) : frame;
          if (faces.length) framesCovered++;
          mostFaces = Math.max(mostFaces, faces.length);
          await encoder.write(covered);
          frames++;
          run.onProgress?.({ frame: frames, frames: expected, fps: frames / Math.max(0.001, (Date.now() - started) / 1000) });
        };
        for await (const frame of decodeFrames(input, p, size, run.signal)) {
          run.signal?.throwIfAborted();
          tracker.add(await run.detector(frame));
          waiting.push(frame);
          // A frame leaves once the `keep` frames after it have been looked at.
          if (waiting.length > keep) await emit();
        }
        while (waiting.length) await emit();
        await encoder.finish();
      } catch (e) {
        await encoder.abort();
        run.signal?.throwIfAborted();
        throw e;
      }
      await dropUserData(temp);
    },
    async (temp) => {
      const problems = await verifyVideo(temp, { width: size.width, height: size.height, audio });
      if (problems.length) throw new SafeError('verify-failed', `the copy failed its check (${problems[0]!.message}); nothing was written`);
    },
  ).catch((e: unknown) => {
    // Cancelled: the caller gets its own reason back (as from a photo batch), the temp file is gone.
    throw run.signal?.aborted ? run.signal.reason : e;
  });
  return {
    input,
    output,
    width: size.width,
    height: size.height,
    frames,
    framesCovered,
    mostFaces,
    audio,
    seconds: (Date.now() - started) / 1000,
    removed: removedFrom(describeProbe(input, p)),
  };
}
