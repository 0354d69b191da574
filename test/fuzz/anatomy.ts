// Where a file's structures are, found with the project's own walkers: the offsets a mutation aims at
// (boundaries to cut at, length fields to make lie, declared sizes to make giant, EXIF directories to loop).
import { readHeifMeta, walkBmff, type Box } from '../../src/containers/bmff.js';
import { walkGif } from '../../src/containers/gif.js';
import { appIdentifier, isSof, walkJpeg } from '../../src/containers/jpeg.js';
import { walkPng } from '../../src/containers/png.js';
import { walkWebp } from '../../src/containers/riff.js';
import { tiffReader, walkTiff } from '../../src/containers/tiff.js';
import type { ImageFormat } from '../../src/types.js';

/** An unsigned integer field in the file. */
export interface Field {
  what: string;
  at: number;
  bytes: 1 | 2 | 3 | 4;
  le: boolean;
}

/** A declared image dimension; `write` stores a value the way the format encodes it. */
interface Dimension {
  what: string;
  max: number;
  write(b: Buffer, value: number): void;
}

/** An EXIF/TIFF directory: where its entry count and next-directory pointer live. */
export interface Directory {
  name: string;
  base: number;
  le: boolean;
  offset: number;
  /** Absolute position of the 4-byte next-IFD pointer. */
  nextAt: number;
  /** Positions of entries (12 bytes each). */
  entries: { at: number; tag: number }[];
}

/** A structure that can be removed, duplicated or wrapped: [start, end). */
interface Span {
  what: string;
  start: number;
  end: number;
}

export interface Anatomy {
  boundaries: number[];
  lengths: Field[];
  dims: Dimension[];
  dirs: Directory[];
  spans: Span[];
}

export function writeField(b: Buffer, f: Field, v: number): void {
  const value = f.bytes === 4 ? v >>> 0 : v & (2 ** (8 * f.bytes) - 1);
  if (f.at < 0 || f.at + f.bytes > b.length) return;
  if (f.le) b.writeUIntLE(value, f.at, f.bytes);
  else b.writeUIntBE(value, f.at, f.bytes);
}

export function readField(b: Buffer, f: Field): number {
  if (f.at < 0 || f.at + f.bytes > b.length) return 0;
  return f.le ? b.readUIntLE(f.at, f.bytes) : b.readUIntBE(f.at, f.bytes);
}

function plainDim(what: string, at: number, bytes: 2 | 4, le: boolean): Dimension {
  const f: Field = { what, at, bytes, le };
  return { what, max: 2 ** (8 * bytes) - 1, write: (b, v) => writeField(b, f, v) };
}

function exifDirectories(b: Buffer, base: number, where: string, a: Anatomy): void {
  const r = tiffReader(b, base);
  if (!r) return;
  const t = walkTiff(b, base);
  for (const ifd of t.ifds) {
    const n = r.u16(ifd.offset) ?? 0;
    a.dirs.push({
      name: `${where} ${ifd.name}`,
      base,
      le: r.le,
      offset: ifd.offset,
      nextAt: ifd.offset + 2 + n * 12,
      entries: ifd.entries.map((e) => ({ at: e.at, tag: e.tag })),
    });
    a.lengths.push({ what: `${where} ${ifd.name} entry count`, at: ifd.offset, bytes: 2, le: r.le });
    a.boundaries.push(ifd.offset, ifd.offset + 2 + n * 12);
    for (const e of ifd.entries) {
      a.lengths.push({ what: `${where} ${ifd.name} tag 0x${e.tag.toString(16)} value count`, at: e.at + 4, bytes: 4, le: r.le });
      if (e.tag === 256 || e.tag === 257 || e.tag === 0xa002 || e.tag === 0xa003) {
        const name = `${where} ${ifd.name} ${e.tag === 256 || e.tag === 0xa002 ? 'width' : 'height'}`;
        // Declared as LONG so giant values fit whatever the original type was.
        a.dims.push({
          what: name,
          max: 0xffffffff,
          write: (buf, v) => {
            if (r.le) {
              buf.writeUInt16LE(4, e.at + 2);
              buf.writeUInt32LE(1, e.at + 4);
              buf.writeUInt32LE(v >>> 0, e.at + 8);
            } else {
              buf.writeUInt16BE(4, e.at + 2);
              buf.writeUInt32BE(1, e.at + 4);
              buf.writeUInt32BE(v >>> 0, e.at + 8);
            }
          },
        });
      }
    }
  }
}

function jpeg(b: Buffer, a: Anatomy): void {
  const s = walkJpeg(b);
  for (const seg of s.segments) {
    a.boundaries.push(seg.offset, seg.offset + seg.length, seg.dataOffset);
    a.spans.push({ what: seg.name, start: seg.offset, end: seg.offset + seg.length });
    if (seg.dataOffset === seg.offset + 4) a.lengths.push({ what: `${seg.name} length`, at: seg.offset + 2, bytes: 2, le: false });
    if (isSof(seg.marker) && seg.dataLength >= 5) {
      a.dims.push(
        plainDim(`${seg.name} height`, seg.dataOffset + 1, 2, false),
        plainDim(`${seg.name} width`, seg.dataOffset + 3, 2, false),
      );
    }
    if (seg.marker === 0xe1 && appIdentifier(b, seg) === 'Exif') exifDirectories(b, seg.dataOffset + 6, 'EXIF', a);
  }
  if (s.end !== undefined) a.boundaries.push(s.end);
}

function png(b: Buffer, a: Anatomy): void {
  const s = walkPng(b);
  for (const c of s.chunks) {
    const end = c.dataOffset + c.length + 4;
    a.boundaries.push(c.offset, c.dataOffset, Math.min(end, b.length));
    a.spans.push({ what: `${c.type} chunk`, start: c.offset, end: Math.min(end, b.length) });
    a.lengths.push({ what: `${c.type} length`, at: c.offset, bytes: 4, le: false });
    if (c.type === 'IHDR') a.dims.push(plainDim('IHDR width', c.dataOffset, 4, false), plainDim('IHDR height', c.dataOffset + 4, 4, false));
    if (c.type === 'eXIf') exifDirectories(b, c.dataOffset, 'eXIf', a);
  }
}

function webp(b: Buffer, a: Anatomy): void {
  const s = walkWebp(b);
  a.lengths.push({ what: 'RIFF size', at: 4, bytes: 4, le: true });
  a.boundaries.push(12);
  for (const c of s.chunks) {
    const d = c.dataOffset;
    const end = Math.min(b.length, d + c.size + (c.size % 2));
    a.boundaries.push(c.offset, d, end);
    a.spans.push({ what: `${c.fourcc} chunk`, start: c.offset, end });
    a.lengths.push({ what: `${c.fourcc} size`, at: c.offset + 4, bytes: 4, le: true });
    if (c.fourcc === 'VP8X' && d + 10 <= b.length) {
      for (const [what, at] of [
        ['VP8X width', d + 4],
        ['VP8X height', d + 7],
      ] as const) {
        a.dims.push({ what, max: 2 ** 24, write: (buf, v) => buf.writeUIntLE(Math.max(0, Math.min(v, 2 ** 24) - 1), at, 3) });
      }
    } else if (c.fourcc === 'VP8 ' && d + 10 <= b.length) {
      for (const [what, at] of [
        ['VP8 width', d + 6],
        ['VP8 height', d + 8],
      ] as const) {
        a.dims.push({ what, max: 0x3fff, write: (buf, v) => buf.writeUInt16LE((buf.readUInt16LE(at) & 0xc000) | (v & 0x3fff), at) });
      }
    } else if (c.fourcc === 'VP8L' && d + 5 <= b.length) {
      a.dims.push({
        what: 'VP8L width',
        max: 0x4000,
        write: (buf, v) => buf.writeUInt32LE(((buf.readUInt32LE(d + 1) & ~0x3fff) | ((v - 1) & 0x3fff)) >>> 0, d + 1),
      });
      a.dims.push({
        what: 'VP8L height',
        max: 0x4000,
        write: (buf, v) => buf.writeUInt32LE(((buf.readUInt32LE(d + 1) & ~(0x3fff << 14)) | (((v - 1) & 0x3fff) << 14)) >>> 0, d + 1),
      });
    } else if (c.fourcc === 'EXIF') {
      exifDirectories(b, b.toString('latin1', d, d + 6) === 'Exif\0\0' ? d + 6 : d, 'EXIF', a);
    }
  }
}

function gif(b: Buffer, a: Anatomy): void {
  const s = walkGif(b);
  if (b.length >= 10) a.dims.push(plainDim('screen width', 6, 2, true), plainDim('screen height', 8, 2, true));
  a.boundaries.push(6, 13);
  for (const block of s.blocks) {
    a.boundaries.push(block.offset, block.end);
    a.spans.push({ what: `${block.kind} block`, start: block.offset, end: block.end });
    if (block.rect) {
      a.dims.push(plainDim('frame width', block.offset + 5, 2, true), plainDim('frame height', block.offset + 7, 2, true));
      a.boundaries.push(block.offset + 10);
    }
  }
  if (s.end !== undefined) a.boundaries.push(s.end);
}

function allBoxes(boxes: Box[], depth = 0): { box: Box; depth: number }[] {
  return boxes.flatMap((box) => [{ box, depth }, ...allBoxes(box.children ?? [], depth + 1)]);
}

function bmff(b: Buffer, a: Anatomy): void {
  const s = walkBmff(b);
  for (const { box } of allBoxes(s.boxes)) {
    a.boundaries.push(box.offset, box.dataOffset, box.offset + box.size);
    a.spans.push({ what: `${box.type} box`, start: box.offset, end: box.offset + box.size });
    a.lengths.push({ what: `${box.type} size`, at: box.offset, bytes: 4, le: false });
    if (box.type === 'ispe' && box.dataOffset + 12 <= b.length) {
      a.dims.push(plainDim('ispe width', box.dataOffset + 4, 4, false), plainDim('ispe height', box.dataOffset + 8, 4, false));
    }
  }
  const meta = s.boxes.find((x) => x.type === 'meta');
  if (!meta) return;
  const m = readHeifMeta(b, meta, []);
  for (const [id, loc] of m.locations) {
    for (const e of loc.extents) if (loc.method === 0) a.boundaries.push(loc.base + e.offset, loc.base + e.offset + e.length);
    const exif = m.items.find((i) => i.id === id && i.type === 'Exif');
    const first = loc.extents[0];
    if (exif && first && loc.method === 0) {
      const start = loc.base + first.offset;
      if (start + 4 <= b.length) exifDirectories(b, start + 4 + b.readUInt32BE(start), 'Exif item', a);
    }
  }
}

function tiff(b: Buffer, a: Anatomy): void {
  exifDirectories(b, 0, 'TIFF', a);
  a.boundaries.push(4, 8);
}

const byFormat: Record<ImageFormat, (b: Buffer, a: Anatomy) => void> = { jpeg, png, webp, gif, heic: bmff, avif: bmff, tiff };

export function anatomy(b: Buffer, format: ImageFormat): Anatomy {
  const a: Anatomy = { boundaries: [], lengths: [], dims: [], dirs: [], spans: [] };
  byFormat[format](b, a);
  a.boundaries = [...new Set(a.boundaries.filter((x) => x > 0 && x < b.length))].sort((x, y) => x - y);
  a.spans = a.spans.filter((s) => s.start >= 0 && s.end <= b.length && s.end > s.start);
  a.lengths = a.lengths.filter((f) => f.at >= 0 && f.at + f.bytes <= b.length);
  return a;
}
