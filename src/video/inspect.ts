// What a clip gives away, read from the original's container tags (via ffprobe): the place, the
// date, the phone, and the tracks beside picture and sound; and the faces a sample of its frames shows.
import { SafeError } from '../errors.js';
import type { FrameFaces } from './faces.js';
import { decodeFrames, plannedSize } from './frames.js';
import { openVideo } from './make-safe.js';
import type { Probe } from './probe.js';

export interface VideoInspection {
  path: string;
  seconds: number;
  width: number;
  height: number;
  fps: number;
  audio: boolean;
  /** Decimal degrees, from ISO 6709 ("+48.8566+002.3522/"). */
  place?: { latitude: number; longitude: number };
  date?: string;
  device?: string;
  /** Every tag that is not plain structure, "key: value", in the order ffprobe gives them. */
  tags: string[];
  otherTracks: string[];
  /** The most faces found in one of `framesSampled` frames; undefined when faces were not looked for. */
  faces?: number;
  framesSampled?: number;
}

const structural =
  /^(major_brand|minor_version|compatible_brands|(video|audio|subtitle|data|stream):(language|handler_name|vendor_id|encoder|timecode))$/;

const pick = (tags: Record<string, string>, ...keys: RegExp[]) => {
  for (const k of keys) for (const [name, v] of Object.entries(tags)) if (k.test(name) && v.trim()) return v.trim();
  return undefined;
};

/** Facts from the tags alone (no frame decoded). */
export function describeProbe(file: string, p: Probe): VideoInspection {
  const t = p.tags;
  const iso = pick(t, /location\.ISO6709$/i, /^location$/i, /(^|:)location(-eng)?$/i);
  const m = iso ? /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)/.exec(iso) : null;
  const date = pick(t, /creationdate$/i, /^creation_time$/i, /^date$/i);
  const make = pick(t, /quicktime\.make$/i, /manufacturer$/i, /^make$/i);
  const model = pick(t, /quicktime\.model$/i, /android\.model$/i, /^model$/i);
  const software = pick(t, /quicktime\.software$/i, /android\.version$/i);
  const device = [make, model, software].filter(Boolean).join(' ') || undefined;
  const size = plannedSize(p, 100_000);
  return {
    path: file,
    seconds: p.duration,
    width: size.width,
    height: size.height,
    fps: p.fps,
    audio: p.audio,
    ...(m ? { place: { latitude: Number(m[1]), longitude: Number(m[2]) } } : {}),
    ...(date && !/^1970-01-01|^0000/.test(date) ? { date } : {}),
    ...(device ? { device } : {}),
    tags: Object.entries(t)
      .filter(([k]) => !structural.test(k))
      .map(([k, v]) => `${k}: ${v}`),
    otherTracks: p.otherStreams,
  };
}

/** Frames sampled for faces: about one a second, at most this many (inspect and verify stay quick). */
const maxSamples = 12;

export async function inspectVideo(file: string, detector?: FrameFaces, signal?: AbortSignal): Promise<VideoInspection> {
  const p = await openVideo(file, { maxFileBytes: Number.MAX_SAFE_INTEGER }, signal);
  const facts = describeProbe(file, p);
  if (!detector) return facts;
  return { ...facts, ...(await sampleFaces(file, p, detector, signal)) };
}

/** The most faces the detector finds in one of a spread of frames (at the size a copy would have). */
export async function sampleFaces(
  file: string,
  p: Probe,
  detector: FrameFaces,
  signal?: AbortSignal,
): Promise<{ faces: number; framesSampled: number }> {
  // ffmpeg picks the frames (a low output rate), so a long clip is not piped through us whole.
  const span = Math.max(1, Math.ceil(p.duration));
  const n = Math.min(maxSamples, span);
  const sparse: Probe = { ...p, rate: `${n}/${span}`, fps: n / span };
  let faces = 0;
  let framesSampled = 0;
  try {
    for await (const frame of decodeFrames(file, sparse, plannedSize(p, 0), signal)) {
      faces = Math.max(faces, (await detector(frame)).length);
      framesSampled++;
    }
  } catch (e) {
    // A clip whose end is damaged still told us what its first frames show.
    if (!(e instanceof SafeError) || framesSampled === 0) throw e;
  }
  return { faces, framesSampled };
}
