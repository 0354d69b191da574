// Videos recognised from their content, never their name (as photos are, in ../formats.ts): MP4,
// QuickTime MOV and M4V from the ftyp brands, WebM from its EBML header. Other video containers
// are recognised only to be refused with their name.
import { open } from 'node:fs/promises';

type VideoContainer = 'mp4' | 'mov' | 'webm';

export type VideoSniff = { kind: 'video'; container: VideoContainer } | { kind: 'refused'; name: string } | { kind: 'other' };

const ascii = (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

/** ISO base media brands phones, cameras and editors write for MP4/M4V video. */
const mp4Brands = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'mmp4',
  'MSNV',
  'dash',
  'XAVC',
]);
/** Brands of stills, sound or sequences carried in the same box structure: not ours to take as video. */
const notVideo = ['heic', 'heix', 'mif1', 'msf1', 'avif', 'avis', 'M4A ', 'M4B ', 'jxl ', 'crx '];

function brands(b: Buffer): string[] {
  const size = b.readUInt32BE(0);
  const end = Math.min(b.length, size >= 16 && size <= 4096 ? size : 16);
  const out = [ascii(b, 8, 12)];
  for (let o = 16; o + 4 <= end; o += 4) out.push(ascii(b, o, o + 4));
  return out;
}

export function sniffVideo(b: Buffer): VideoSniff {
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const list = brands(b);
    if (list.some((x) => notVideo.includes(x))) return { kind: 'other' };
    if (list[0] === 'qt  ') return { kind: 'video', container: 'mov' };
    if (list.some((x) => mp4Brands.has(x))) return { kind: 'video', container: 'mp4' };
    if (list.some((x) => x.startsWith('3g'))) return { kind: 'refused', name: '3GP video' };
    if (list.includes('qt  ')) return { kind: 'video', container: 'mov' };
    return { kind: 'other' };
  }
  // Old QuickTime files may start with the movie or media box itself.
  if (b.length >= 8 && ['moov', 'mdat', 'wide', 'free'].includes(ascii(b, 4, 8)) && b.readUInt32BE(0) >= 8) {
    return { kind: 'refused', name: 'QuickTime video without a file type box (re-save it as MP4 first)' };
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) {
    // The EBML header names its document type near the start: "webm" or "matroska".
    const head = ascii(b, 4, Math.min(b.length, 64));
    return head.includes('webm') ? { kind: 'video', container: 'webm' } : { kind: 'refused', name: 'Matroska (MKV) video' };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ') return { kind: 'refused', name: 'AVI video' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'FLV') return { kind: 'refused', name: 'Flash video (FLV)' };
  if (b.length >= 4 && b.readUInt32BE(0) === 0x3026b275) return { kind: 'refused', name: 'Windows Media video (WMV/ASF)' };
  if (b.length >= 4 && b.readUInt32BE(0) === 0x000001ba) return { kind: 'refused', name: 'MPEG program stream video' };
  if (b.length >= 377 && b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47)
    return { kind: 'refused', name: 'MPEG transport stream video (MTS/TS)' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { kind: 'refused', name: 'Ogg media' };
  return { kind: 'other' };
}

/** The first bytes of a file, enough for either sniffer. */
export async function fileHead(file: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Names a walk of folders picks up as possible videos (the content decides). */
export const videoExtensions = ['mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi', '3gp', 'mts', 'm2ts', 'wmv', 'flv'];
