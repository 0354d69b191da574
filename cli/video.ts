// Clips in the CLI: one at a time (each already keeps both cores busy: decoder, detector, encoder),
// with a progress line on a terminal, a result line each, and Ctrl-C removing the copy in progress.
import path from 'node:path';
import {
  errorView,
  makeVideoSafe,
  videoOutputPath,
  type Options,
  type Placement,
  type VideoInspection,
  type VideoResult,
} from '../src/index.js';
import { errorText, type ErrorView, type Words } from '../src/contract/index.js';
import { shown } from './shown.js';

export type VideoOutcome = { input: string; ok: true; result: VideoResult } | { input: string; ok: false; error: ErrorView };

/** Clips shorter than this get no progress line: they are done before one would help. */
const progressAfterSeconds = 3;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : `${s} s`;
}

export function videoLine(o: VideoOutcome, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, o.input) || o.input);
  if (!o.ok) return `✗ ${name}: ${shown(errorText(o.error, w))}`;
  const r = o.result;
  const out = shown(path.relative(cwd, r.output) || r.output);
  const parts = [w.plural('video.frames', r.frames), r.framesCovered ? w.plural('video.facesIn', r.framesCovered) : w.t('video.noFace')];
  const removed = r.removed.map((k) => w.t(`video.removed.${k}`));
  parts.push(
    w.t(r.audio ? 'video.sound' : 'video.muted'),
    removed.length ? w.t('cli.removed', { list: w.list(removed) }) : w.t('video.removed.none'),
  );
  return `${r.framesCovered ? '✓' : '!'} ${name} → ${out} (${parts.join(w.t('cli.partsSep'))})`;
}

/** Makes each clip safe in turn; `print` gets each finished line. Stops (and cleans up) on SIGINT. */
export async function makeVideos(
  items: Placement[],
  options: Options,
  w: Words,
  print: (o: VideoOutcome) => void,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<VideoOutcome[]> {
  const stop = new AbortController();
  const onInt = () => stop.abort();
  process.once('SIGINT', onInt);
  const outcomes: VideoOutcome[] = [];
  try {
    for (const item of items) {
      if (stop.signal.aborted) break;
      const name = shown(path.basename(item.input));
      const started = Date.now();
      let drawn = false;
      try {
        const result = await makeVideoSafe(item.input, videoOutputPath(item, options), options, {
          signal: stop.signal,
          onProgress: (p) => {
            if (!stream.isTTY || p.frames / Math.max(1, p.fps) < progressAfterSeconds || Date.now() - started < 1000) return;
            const left = (p.frames - p.frame) / Math.max(0.01, p.fps);
            const text = w.t('video.progress', { name, frame: p.frame, total: p.frames, fps: w.number(p.fps, 1), left: clock(left) });
            stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 80) - 1)}`);
            drawn = true;
          },
        });
        outcomes.push({ input: item.input, ok: true, result });
      } catch (e) {
        if (stop.signal.aborted) break;
        outcomes.push({ input: item.input, ok: false, error: errorView(e) });
      } finally {
        if (drawn) stream.write('\r\x1b[2K');
      }
      print(outcomes.at(-1)!);
    }
  } finally {
    process.off('SIGINT', onInt);
  }
  // Interrupted: the copy in progress is already removed; end as a shell expects after Ctrl-C.
  if (stop.signal.aborted) process.exit(130);
  return outcomes;
}

/** inspect's lines for a clip: what the original says (• who/where/when, · technical), then the faces. */
export function videoInspectionText(i: VideoInspection, bytes: number, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, i.path) || i.path);
  const lines = [
    w.t('video.inspect.title', {
      name,
      width: i.width,
      height: i.height,
      seconds: w.number(i.seconds, 1),
      fps: w.number(i.fps, 2),
      size: w.bytes(bytes),
    }),
  ];
  if (i.faces !== undefined && i.framesSampled !== undefined) {
    lines.push(
      i.faces
        ? `  • ${w.plural('video.inspect.faces', i.faces, { frames: i.framesSampled })}`
        : `  · ${w.t('video.inspect.noFaces', { frames: i.framesSampled })}`,
    );
  }
  if (i.place) lines.push(`  • ${w.t('video.inspect.place', { lat: w.number(i.place.latitude, 4), lon: w.number(i.place.longitude, 4) })}`);
  if (i.date) lines.push(`  • ${w.t('video.inspect.date', { date: w.date(i.date) ?? shown(i.date) })}`);
  if (i.device) lines.push(`  • ${w.t('video.inspect.device', { device: shown(i.device) })}`);
  if (i.audio) lines.push(`  • ${w.t('video.inspect.sound')}`);
  if (i.otherTracks.length) lines.push(`  • ${w.t('video.inspect.tracks', { list: w.list(i.otherTracks) })}`);
  for (const tag of i.tags) {
    // A tag naming a place, a time, a device or a person says who, where or when: marked as such.
    const mark = /location|iso6709|xyz|creation|date|make|model|software|manufacturer|author|artist|title|comment|description/i.test(
      tag.split(':').slice(0, -1).join(':') || tag,
    )
      ? '•'
      : '·';
    lines.push(`  ${mark} ${w.t('video.inspect.tag', { tag: shown(tag.slice(0, 120)) })}`);
  }
  return lines.join('\n');
}
