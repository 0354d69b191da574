// The independent re-read of a written clip: every box must be on the allowlist (no user data, no
// iTunes/QuickTime metadata, no extra tracks), every creation/modification time zero, the track
// matrix identity (rotation baked into the pixels), no encoder name anywhere in the file, and the
// picture size what was written. Media data is scanned for names in chunks, never loaded whole.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Problem } from '../types.js';
import { problem } from '../verify/check.js';
import { readBoxes, typeName, type Mp4Box } from './boxes.js';

const allowed: Record<string, Set<string>> = {
  '': new Set(['ftyp', 'free', 'mdat', 'moov']),
  moov: new Set(['mvhd', 'trak']),
  trak: new Set(['tkhd', 'edts', 'mdia']),
  edts: new Set(['elst']),
  mdia: new Set(['mdhd', 'hdlr', 'minf']),
  minf: new Set(['vmhd', 'smhd', 'dinf', 'stbl']),
  dinf: new Set(['dref']),
  dref: new Set(['url ']),
  stbl: new Set(['stsd', 'stts', 'stss', 'ctts', 'stsc', 'stsz', 'stco', 'co64', 'sgpd', 'sbgp']),
  stsd: new Set(['avc1', 'mp4a']),
  avc1: new Set(['avcC', 'pasp', 'btrt', 'colr']),
  mp4a: new Set(['esds', 'btrt']),
};
/** The generic names ffmpeg gives its two handlers; any other name could say something. */
const handlerNames = new Set(['', 'VideoHandler', 'SoundHandler']);
/**
 * Names of encoders, muxers and phone makers that would say which program or device made the file.
 * Seven bytes or more each, so compressed media data matches one by chance about once in 2^56 places.
 */
const tellTales = ['x264 - core', 'libx264 ', 'Lavc58.', 'Lavf58.', 'HandBrake', 'com.apple.', 'iPhone ', 'Android '];
const identity = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

export interface VideoExpect {
  width: number;
  height: number;
  audio: boolean;
}

export async function verifyVideo(file: string, expect?: VideoExpect): Promise<Problem[]> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r');
  try {
    const { boxes, issues } = await readBoxes(handle, size);
    const out: Problem[] = issues.map((i) => problem('structure', `The file's structure is damaged: ${i}.`));
    if (boxes[0]?.type !== 'ftyp') out.push(problem('wrong-format', 'The file does not start like an MP4 video.'));
    const moovs = boxes.filter((b) => b.type === 'moov');
    if (moovs.length !== 1) out.push(problem('structure', `The file has ${moovs.length} movie boxes instead of exactly one.`));
    checkTree(boxes, '', out);
    for (const b of boxes.filter((x) => x.type === 'free')) await checkFree(handle, b, out);
    if (moovs[0]) checkMovie(moovs[0], out, expect);
    await scanNames(handle, size, out);
    return out;
  } finally {
    await handle.close();
  }
}

function checkTree(boxes: Mp4Box[], parent: string, out: Problem[]): void {
  for (const b of boxes) {
    if (!allowed[parent]?.has(b.type)) {
      const where = parent ? ` inside "${parent}"` : '';
      out.push(problem('metadata', `A "${typeName(b.type)}" box remains${where}; only the picture and sound are allowed.`));
      continue;
    }
    if (b.children) checkTree(b.children, b.type, out);
  }
}

async function checkFree(handle: FileHandle, b: Mp4Box, out: Problem[]): Promise<void> {
  // Padding must be padding: a "free" box full of bytes could hide an earlier version of anything.
  const data = Buffer.alloc(Math.min(b.size - 8, 4096));
  await handle.read(data, 0, data.length, b.offset + 8);
  if (b.size - 8 > 4096 || data.some((x) => x !== 0)) out.push(problem('trailer', `A padding box holds ${b.size - 8} bytes of data.`));
}

const find = (b: Mp4Box | undefined, ...path: string[]): Mp4Box | undefined =>
  path.reduce<Mp4Box | undefined>((box, t) => box?.children?.find((c) => c.type === t), b);

function checkMovie(moov: Mp4Box, out: Problem[], expect?: VideoExpect): void {
  zeroTimes(find(moov, 'mvhd'), 'movie', out);
  const tracks = (moov.children ?? []).filter((c) => c.type === 'trak');
  const kinds = tracks.map((t) => find(t, 'mdia', 'hdlr')?.data?.toString('latin1', 8, 12) ?? '?');
  const video = kinds.filter((k) => k === 'vide').length;
  const audio = kinds.filter((k) => k === 'soun').length;
  if (video !== 1 || audio > 1 || video + audio !== tracks.length) {
    out.push(problem('extra-image', `The file has tracks ${kinds.join(', ')}; only one video and at most one sound track are allowed.`));
  }
  if (expect && audio !== (expect.audio ? 1 : 0))
    out.push(
      problem('structure', expect.audio ? 'The sound track is missing.' : 'A sound track remains although the copy was to be silent.'),
    );
  for (const t of tracks) {
    const tkhd = find(t, 'tkhd');
    zeroTimes(tkhd, 'track', out);
    zeroTimes(find(t, 'mdia', 'mdhd'), 'media', out);
    const name = handlerName(find(t, 'mdia', 'hdlr'));
    if (!handlerNames.has(name)) out.push(problem('metadata', `A track is named "${name.slice(0, 40)}".`));
    const entry = find(t, 'mdia', 'minf', 'stbl', 'stsd')?.children?.[0];
    if (entry?.type === 'avc1') checkVisual(entry, tkhd, out, expect);
  }
}

/** Creation and modification times (version 0: 32-bit at 4 and 8; version 1: 64-bit at 4 and 12) must be zero. */
function zeroTimes(b: Mp4Box | undefined, what: string, out: Problem[]): void {
  const d = b?.data;
  if (!d || d.length < 20) {
    out.push(problem('structure', `The ${what} header is missing.`));
    return;
  }
  const v1 = d[0] === 1;
  const times = v1 ? [d.readBigUInt64BE(4), d.readBigUInt64BE(12)] : [BigInt(d.readUInt32BE(4)), BigInt(d.readUInt32BE(8))];
  if (times.some((t) => t !== 0n)) out.push(problem('metadata', `The ${what} header still holds a creation or modification date.`));
}

function handlerName(hdlr: Mp4Box | undefined): string {
  const d = hdlr?.data;
  return d && d.length > 24 ? d.toString('latin1', 24).replace(/\0+$/, '') : '';
}

function checkVisual(entry: Mp4Box, tkhd: Mp4Box | undefined, out: Problem[], expect?: VideoExpect): void {
  const d = entry.data!;
  if (d.length < 78) {
    out.push(problem('structure', 'The video description is cut short.'));
    return;
  }
  const width = d.readUInt16BE(24);
  const height = d.readUInt16BE(26);
  const compressor = d.toString('latin1', 43, 43 + Math.min(31, d[42]!));
  if (compressor) out.push(problem('metadata', `The video names its encoder ("${compressor}").`));
  if (expect && (width !== expect.width || height !== expect.height)) {
    out.push(problem('wrong-size', `The video is ${width}×${height}, not the ${expect.width}×${expect.height} that was written.`));
  }
  const t = tkhd?.data;
  if (t && t.length >= 84) {
    const m = t[0] === 1 ? 52 : 40;
    const matrix = Array.from({ length: 9 }, (_, i) => t.readInt32BE(m + 4 * i));
    if (matrix.some((v, i) => v !== identity[i])) out.push(problem('structure', 'The video still asks players to rotate it.'));
  }
}

/** No program or device name anywhere, media data included (an encoder writes its name and settings into the stream). */
async function scanNames(handle: FileHandle, size: number, out: Problem[]): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024);
  const overlap = 16;
  const found = new Set<string>();
  for (let p = 0; p < size; p += chunk.length - overlap) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, p);
    const text = chunk.subarray(0, bytesRead);
    for (const name of tellTales) if (text.includes(name, 0, 'latin1')) found.add(name);
    if (p + bytesRead >= size) break;
  }
  for (const name of found) out.push(problem('metadata', `The file still names "${name}" (a program or device).`));
}
