// What a clip is, from ffprobe: its one picture stream (size, rotation, frame rate, length), whether
// it has sound, and every tag (for inspect). Anything we cannot turn into a plan is refused here,
// before a single frame is decoded.
import { SafeError } from '../errors.js';
import { ffprobePath, run } from './tools.js';

export interface Probe {
  /** Coded size of the picture, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Clockwise quarter turns the player would apply (0–3), baked into our pixels. */
  turns: number;
  /** Frames per second as a rational, e.g. "30000/1001", and its value. */
  rate: string;
  fps: number;
  /** Seconds. */
  duration: number;
  codec: string;
  audio: boolean;
  /** Tags of the container and of each stream, as ffprobe names them. */
  tags: Record<string, string>;
  /** Streams other than the first picture and the first sound (data, subtitles, cover art…). */
  otherStreams: string[];
}

interface FfStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

/** Above this many pixels a frame is refused (8K is 33 MP; the 16000×16000 of a forged header is 256 MP). */
const maxFramePixels = 36_000_000;

export async function probe(file: string, signal?: AbortSignal): Promise<Probe> {
  const r = await run(ffprobePath(), ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], signal);
  signal?.throwIfAborted();
  let info: { streams?: FfStream[]; format?: { duration?: string; tags?: Record<string, string> } };
  try {
    info = JSON.parse(r.stdout.toString('utf8')) as typeof info;
  } catch {
    info = {};
  }
  if (r.code !== 0 || !info.streams) throw unreadable(r.stderr);
  const streams = info.streams;
  const pictures = streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const v = pictures[0];
  if (!v) throw new SafeError('corrupt', 'this video has no picture stream; nothing was written');
  const width = v.width ?? 0;
  const height = v.height ?? 0;
  if (width < 2 || height < 2) throw new SafeError('corrupt', 'the video declares no picture size; nothing was written');
  if (width * height > maxFramePixels) {
    throw new SafeError(
      'too-many-pixels',
      `the video declares ${width}×${height} frames, above the 36-megapixel limit; nothing was written`,
    );
  }
  const rate = sane(v.avg_frame_rate) ?? sane(v.r_frame_rate);
  if (!rate) throw new SafeError('corrupt', 'the video declares no frame rate; nothing was written');
  // The picture's own length when it has one: a subtitle or sound track may run longer than it.
  const duration = Number(v.duration) > 0 ? Number(v.duration) : Number(info.format?.duration);
  if (!(duration > 0)) throw new SafeError('corrupt', 'the video declares no length; nothing was written');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const tags: Record<string, string> = { ...info.format?.tags };
  for (const s of streams) for (const [k, val] of Object.entries(s.tags ?? {})) tags[`${s.codec_type ?? 'stream'}:${k}`] = val;
  return {
    codedWidth: width,
    codedHeight: height,
    turns: turnsOf(v),
    rate: rate.text,
    fps: rate.value,
    duration,
    codec: v.codec_name ?? '?',
    audio: audio !== undefined,
    tags,
    otherStreams: streams.filter((s) => s !== v && s !== audio).map((s) => s.codec_type ?? '?'),
  };
}

/** A frame rate from 1 to 240 frames a second; variable-rate phone clips report their average. */
function sane(r: string | undefined): { text: string; value: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(r ?? '');
  const value = m ? Number(m[1]) / Number(m[2]) : NaN;
  return value >= 1 && value <= 240 ? { text: `${m![1]}/${m![2]}`, value } : undefined;
}

/** Quarter turns clockwise, from the display matrix (newer files) or the old "rotate" tag. */
function turnsOf(v: FfStream): number {
  const matrix = v.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  // ffprobe reports the matrix's counter-clockwise angle; the "rotate" tag is clockwise.
  const clockwise = matrix !== undefined ? -matrix : Number(v.tags?.rotate ?? 0);
  return ((Math.round(clockwise / 90) % 4) + 4) % 4;
}

function unreadable(stderr: string): SafeError {
  if (/moov atom not found|partial file|end of file|Truncat/i.test(stderr)) {
    return new SafeError('truncated', 'the video is cut short (its index is missing); nothing was written');
  }
  return new SafeError('corrupt', 'the video cannot be read (damaged or not a video); nothing was written');
}
