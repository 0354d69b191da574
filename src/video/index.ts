// The video part of the engine's public API (re-exported by src/index.ts): what the doors call.
import { errorView } from '../errors.js';
import { defaultOptions } from '../options.js';
import { outputPathFor, type NamingChoices, type Placement } from '../naming.js';
import type { Problem } from '../types.js';
import { frameDetector, type FrameFaces } from './faces.js';
import { fileHead, sniffVideo } from './format.js';
import { inspectVideo as inspect, sampleFaces, type VideoInspection } from './inspect.js';
import { makeVideoSafe as make, openVideo, type VideoOptions, type VideoProgress, type VideoResult } from './make-safe.js';
import { verifyVideo } from './verify.js';

export type { VideoInspection, VideoOptions, VideoProgress, VideoResult };

/** Whether a file's content is a clip (one we make safe, or a video container we refuse by name). */
export async function isVideoFile(file: string): Promise<boolean> {
  const head = await fileHead(file).catch(() => Buffer.alloc(0));
  return sniffVideo(head).kind !== 'other';
}

/** Where a clip's copy goes: NAME.safe.mp4 beside it, or as photos under --out / --rename. */
export function videoOutputPath(p: Placement, choices: NamingChoices): string {
  return outputPathFor(p, 'mp4', choices);
}

/**
 * The photo default (200 MB) would refuse most phone clips (a minute of 4K is ~350 MB); a clip is
 * streamed, never held in memory, so its size costs time, not memory. A limit the user chose stays.
 */
const videoFileLimit = 16 * 2 ** 30;

/** A safe copy of one clip; `detector` defaults to the engine's frame detector. */
export function makeVideoSafe(
  input: string,
  first: string,
  options: VideoOptions,
  run: { detector?: FrameFaces; onProgress?: (p: VideoProgress) => void; signal?: AbortSignal } = {},
): Promise<VideoResult> {
  const maxFileBytes = options.maxFileBytes === defaultOptions.maxFileBytes ? videoFileLimit : options.maxFileBytes;
  return make(input, first, { ...options, maxFileBytes }, { ...run, detector: run.detector ?? frameDetector });
}

/** What a clip gives away; with `faces`, a spread of its frames goes through the detector. */
export function inspectVideo(file: string, o: { faces: boolean }): Promise<VideoInspection> {
  return inspect(file, o.faces ? frameDetector : undefined);
}

/** How sure the detector must be that a face shows in a finished copy (as for photos: visible-faces.ts). */
const visibleScore = 0.6;

export interface VideoVerifyReport {
  path: string;
  clean: boolean;
  problems: Problem[];
  /** The most faces seen in one sampled frame; undefined when faces were not looked for. */
  faces?: number;
}

/** The same check every written copy passed (our box allowlist), plus, with `faces`, sampled frames through the detector. */
export async function verifyVideoFile(file: string, o: { faces: boolean }): Promise<VideoVerifyReport> {
  try {
    const problems = await verifyVideo(file);
    const r: VideoVerifyReport = { path: file, clean: problems.length === 0, problems };
    if (!o.faces) return r;
    const p = await openVideo(file, { maxFileBytes: Number.MAX_SAFE_INTEGER });
    const sure: FrameFaces = async (frame) => (await frameDetector(frame)).filter((d) => d.score >= visibleScore);
    r.faces = (await sampleFaces(file, p, sure)).faces;
    return r;
  } catch (e) {
    return { path: file, clean: false, problems: [{ code: 'unreadable', message: errorView(e).message }] };
  }
}
