// Nothing of the original's metadata in the copy, judged by three readers: exiftool -a -G1 -ee,
// ffprobe, and our own box walker (the one every written copy passes). Clips are made here with
// ffmpeg -metadata (tags, chapters, a subtitle track, a timecode track) and exiftool (Keys and
// UserData GPS, make, model, dates, cover art, a rotation).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameDetector } from '../src/video/faces.js';
import { makeVideoSafe, type VideoOptions } from '../src/video/make-safe.js';
import { verifyVideo } from '../src/video/verify.js';
import { lacks } from './helpers/oracles.js';
import { background, encodeClip, probeJson, readFrames } from './helpers/video.js';

const options: VideoOptions = { style: 'blur', color: '#808080', seed: undefined, maxSize: 0, maxFileBytes: 1e9, mute: false };
const size = { width: 320, height: 240 };
/** What the planted metadata says, in the forms the readers print it. */
const planted = /48[ .]8566|48 deg|2\.3522|2024|Apple|iPhone|Pixel|Kate|Tom|school|Lavf|Lavc|x264/i;

let dir: string;
let frame: Buffer;

/** A frame whose top rows are red, so the rotation of the copy can be seen in its pixels. */
async function redTop(): Promise<Buffer> {
  const f = await background(size.width, size.height);
  for (let p = 0; p < size.width * 30 * 3; p += 3) f.set([230, 20, 20], p);
  return f;
}

/** Every exiftool tag of the copy that is not plain structure, as "Group:Tag=value". */
function exifLeaks(file: string): string[] {
  const tags = (
    JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', '-s', '-ee', '-u', file], { encoding: 'utf8' })) as Record<string, unknown>[]
  )[0]!;
  return Object.entries(tags)
    .filter(([k]) => !/^(SourceFile|ExifTool:|System:|File:)/.test(k))
    .filter(
      ([k, v]) =>
        /GPS|Make|Model|Software|Title|Comment|Cover|Chapter|Location|Author|Artist|Encoder|Keys:|UserData:|ItemList:|Timecode|Text/i.test(
          k,
        ) ||
        planted.test(String(v)) ||
        (/Date/.test(k) && !/^0000:00:00 00:00:00$/.test(String(v))),
    )
    .map(([k, v]) => `${k}=${String(v)}`);
}

function probeLeaks(file: string): string[] {
  const info = probeJson(file);
  const out: string[] = [];
  for (const [k, v] of Object.entries(info.format.tags ?? {}))
    if (!['major_brand', 'minor_version', 'compatible_brands'].includes(k)) out.push(`format:${k}=${v}`);
  for (const s of info.streams)
    for (const [k, v] of Object.entries(s.tags ?? {}))
      if (!['language', 'handler_name', 'vendor_id'].includes(k) || planted.test(v)) out.push(`${s.codec_type}:${k}=${v}`);
  if (info.streams.map((s) => s.codec_type).join(',') !== 'video,audio')
    out.push(`streams ${info.streams.map((s) => s.codec_type).join(',')}`);
  if (((info as { chapters?: unknown[] }).chapters ?? []).length) out.push('chapters');
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'video-meta-'));
  frame = await redTop();
});

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('metadata of a clip', () => {
  it('a QuickTime clip with tags, chapters, a subtitle and a timecode track: none of it in the copy', async () => {
    const input = path.join(dir, 'phone.mov');
    const subs = path.join(dir, 'subs.srt');
    writeFileSync(subs, '1\n00:00:00,000 --> 00:00:01,000\nKate and Tom at school\n');
    const chapters = path.join(dir, 'chapters.txt');
    writeFileSync(chapters, ';FFMETADATA1\ntitle=Kate at school\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=500\ntitle=Tom arrives\n');
    const meta = [
      'location=+48.8566+002.3522/',
      'creation_time=2024-05-03T14:02:12Z',
      'make=Apple',
      'model=iPhone 13',
      'comment=Kate and Tom',
    ];
    await encodeClip(input, size, 10, async () => frame, {
      audio: true,
      inputs: ['-i', subs, '-i', chapters],
      args: [
        '-map',
        '0:v',
        '-map',
        '1:a',
        '-map',
        '2:s',
        '-map_metadata',
        '3',
        '-map_chapters',
        '3',
        '-c:s',
        'mov_text',
        '-timecode',
        '14:02:12:00',
        ...meta.flatMap((m) => ['-metadata', m]),
        '-metadata:s:v',
        'title=Kate',
      ],
    });
    // The source really carries all of it (else this test could not fail).
    expect(exifLeaks(input).length).toBeGreaterThan(5);
    expect(probeLeaks(input).join(' ')).toMatch(/location.*48\.8566/);
    expect(probeLeaks(input).join(' ')).toMatch(/chapters/);
    const r = await makeVideoSafe(input, path.join(dir, 'phone.safe.mp4'), options, { detector: frameDetector });
    expect(exifLeaks(r.output)).toEqual([]);
    expect(probeLeaks(r.output)).toEqual([]);
    expect(await verifyVideo(r.output)).toEqual([]);
  });

  it('an MP4 with Keys and UserData GPS, make, model, dates, cover art and a rotation: none of it, and the turn in the pixels', async () => {
    const input = path.join(dir, 'android.mp4');
    await encodeClip(input, size, 10, async () => frame, { audio: true });
    const art = path.join(dir, 'art.jpg');
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#123456' } })
      .jpeg()
      .toFile(art);
    execFileSync('exiftool', [
      '-q',
      '-overwrite_original',
      '-Rotation=90',
      '-Keys:GPSCoordinates=48.8566, 2.3522, 35',
      '-UserData:GPSCoordinates=48.8566, 2.3522',
      '-Keys:Make=Apple',
      '-Keys:Model=iPhone 13',
      '-Keys:CreationDate=2024:05:03 14:02:12+02:00',
      '-QuickTime:CreateDate=2024:05:03 14:02:12',
      '-UserData:Make=Google',
      '-UserData:Model=Pixel 8',
      `-ItemList:CoverArt<=${art}`,
      input,
    ]);
    expect(exifLeaks(input).join(' ')).toMatch(/Keys:GPSCoordinates.*UserData:GPSCoordinates|UserData:GPSCoordinates.*Keys:GPSCoordinates/);
    expect(exifLeaks(input).join(' ')).toMatch(/CoverArt/);
    const r = await makeVideoSafe(input, path.join(dir, 'android.safe.mp4'), options, { detector: frameDetector });
    expect(exifLeaks(r.output)).toEqual([]);
    expect(probeLeaks(r.output)).toEqual([]);
    // Turned a quarter clockwise into the pixels: 240×320, the red rows now on the right, no rotation asked of players.
    expect([r.width, r.height]).toEqual([240, 320]);
    const [first] = readFrames(r.output);
    const at = (x: number, y: number) => first!.data[(y * first!.width + x) * 3]!;
    expect(at(first!.width - 5, 160)).toBeGreaterThan(180);
    expect(at(5, 160)).toBeLessThan(160);
  });

  it('--mute leaves the sound out, and the check insists on it', async () => {
    const input = path.join(dir, 'voice.mp4');
    await encodeClip(input, size, 10, async () => frame, { audio: true });
    const r = await makeVideoSafe(input, path.join(dir, 'voice.safe.mp4'), { ...options, mute: true }, { detector: frameDetector });
    expect(probeJson(r.output).streams.map((s) => s.codec_type)).toEqual(['video']);
    expect(await verifyVideo(r.output, { width: 320, height: 240, audio: false })).toEqual([]);
    expect((await verifyVideo(input, { width: 320, height: 240, audio: false })).map((p) => p.message).join(' ')).toMatch(
      /sound track remains/,
    );
  });
});
