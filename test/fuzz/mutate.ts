// Hostile variants of a real file. Each mutation aims at what decoders and parsers trust: lengths,
// declared sizes, directory offsets, nesting, magic bytes, where the file ends. The walkers in
// src/containers say where those are (anatomy.ts), so the damage lands on structure, not only on pixels.
import { crc32, deflateSync } from 'node:zlib';
import { walkPng } from '../../src/containers/png.js';
import type { ImageFormat } from '../../src/types.js';
import { anatomy, readField, writeField, type Anatomy, type Directory } from './anatomy.js';
import type { Rng } from './rng.js';

type Op = (b: Buffer, a: Anatomy, format: ImageFormat, r: Rng) => { bytes: Buffer; note: string } | undefined;

const u32 = (v: number, le: boolean) => {
  const out = Buffer.alloc(4);
  if (le) out.writeUInt32LE(v >>> 0);
  else out.writeUInt32BE(v >>> 0);
  return out;
};
const u16 = (v: number, le: boolean) => {
  const out = Buffer.alloc(2);
  if (le) out.writeUInt16LE(v & 0xffff);
  else out.writeUInt16BE(v & 0xffff);
  return out;
};
const splice = (b: Buffer, at: number, remove: number, insert: Buffer = Buffer.alloc(0)) =>
  Buffer.concat([b.subarray(0, at), insert, b.subarray(Math.min(b.length, at + remove))]);

const bitflip: Op = (b, a, _f, r) => {
  const m = Buffer.from(b);
  const n = 1 + r.int(16);
  // Most flips land in the first bytes of a structure (headers, tables), the rest anywhere.
  const span = a.spans.length && r.chance(0.6) ? r.pick(a.spans) : undefined;
  for (let i = 0; i < n; i++) {
    const at = span ? span.start + r.int(Math.min(64, span.end - span.start)) : r.int(m.length);
    m[at] ^= 1 << r.int(8);
  }
  return { bytes: m, note: `flip ${n} bits${span ? ` in ${span.what}` : ''}` };
};

const bytes: Op = (b, _a, _f, r) => {
  const m = Buffer.from(b);
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) m[r.int(m.length)] = r.pick([0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe]);
  return { bytes: m, note: `set ${n} bytes to edge values` };
};

const truncate: Op = (b, a, _f, r) => {
  const at = a.boundaries.length && r.chance(0.85) ? r.pick(a.boundaries) + r.pick([-2, -1, 0, 0, 0, 1, 2, 4, 8]) : 1 + r.int(b.length - 1);
  const cut = Math.max(1, Math.min(b.length - 1, at));
  return { bytes: b.subarray(0, cut), note: `cut at ${cut} of ${b.length}` };
};

const lieLength: Op = (b, a, _f, r) => {
  if (!a.lengths.length) return undefined;
  const f = r.pick(a.lengths);
  const was = readField(b, f);
  const max = 2 ** (8 * f.bytes) - 1;
  const v = r.pick([0, 1, 2, 7, 8, was - 1, was + 1, was * 2, was + 0x1000, max, max - 1, 0x7fffffff, r.int(max + 1)]);
  const m = Buffer.from(b);
  writeField(m, f, Math.max(0, Math.min(max, v)));
  return { bytes: m, note: `${f.what} ${was} → ${readField(m, f)}` };
};

const giantDims: Op = (b, a, _f, r) => {
  if (!a.dims.length) return undefined;
  const v = r.pick([0, 1, 65500, 60000, 0x3fff, 0x4000, 0xffff, 100_000, 1 << 24, 0x7fffffff, 0xffffffff]);
  const m = Buffer.from(b);
  const targets = r.chance(0.5) ? a.dims : [r.pick(a.dims)];
  for (const d of targets) d.write(m, Math.min(v, d.max));
  return { bytes: m, note: `${targets.map((d) => d.what).join(', ')} → ${v}` };
};

const pointerTags = [0x8769, 0x8825, 0xa005, 0x014a];

const ifdLoop: Op = (b, a, _f, r) => {
  if (!a.dirs.length) return undefined;
  const d = r.pick(a.dirs);
  const first = a.dirs.find((x) => x.base === d.base) ?? d;
  const m = Buffer.from(b);
  const put = (at: number, data: Buffer) => at >= 0 && at + data.length <= m.length && data.copy(m, at);
  const kind = r.int(4);
  if (kind === 0) {
    put(d.nextAt, u32(d.offset - d.base, d.le));
    return { bytes: m, note: `${d.name} next → itself` };
  }
  if (kind === 1) {
    put(d.nextAt, u32(first.offset - first.base, d.le));
    return { bytes: m, note: `${d.name} next → ${first.name}` };
  }
  if (kind === 2 && d.entries.length) {
    const e = d.entries.find((x) => pointerTags.includes(x.tag)) ?? r.pick(d.entries);
    const target = r.chance(0.5) ? d : first;
    put(
      e.at,
      Buffer.concat([
        u16(pointerTags.includes(e.tag) ? e.tag : 0x014a, d.le),
        u16(4, d.le),
        u32(1, d.le),
        u32(target.offset - target.base, d.le),
      ]),
    );
    return { bytes: m, note: `${d.name} tag 0x${e.tag.toString(16)} → sub-directory ${target.name}` };
  }
  put(d.offset, u16(r.pick([0, 0xffff, 0x1000, d.entries.length + 1]), d.le));
  return { bytes: m, note: `${d.name} entry count → ${d.le ? m.readUInt16LE(d.offset) : m.readUInt16BE(d.offset)}` };
};

/** `depth` one-entry directories, each the sub-directory (or the next) of the one before, from `start`. */
function ifdChain(start: number, base: number, depth: number, le: boolean, nested: boolean): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < depth; i++) {
    const next = i + 1 < depth ? start + (i + 1) * 18 - base : 0;
    const entry = nested
      ? [u16(0x014a, le), u16(4, le), u32(1, le), u32(next, le)]
      : [u16(0x0131, le), u16(2, le), u32(2, le), Buffer.from('x\0\0\0')];
    parts.push(u16(1, le), ...entry, u32(nested ? 0 : next, le));
  }
  return Buffer.concat(parts);
}

function nestedBoxes(depth: number, r: Rng): Buffer {
  const types = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'meta', 'iprp', 'ipco', 'dinf', 'udta'];
  let inner = Buffer.from('\0\0\0\x08free', 'latin1');
  for (let i = 0; i < depth; i++) {
    const type = r.pick(types);
    const pre = type === 'meta' ? Buffer.alloc(4) : Buffer.alloc(0);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + pre.length + inner.length);
    head.write(type, 4, 'latin1');
    inner = Buffer.concat([head, pre, inner]);
  }
  return inner;
}

const deepNesting: Op = (b, a, format, r) => {
  const depth = r.pick([13, 64, 1000, 3000]);
  if (format === 'heic' || format === 'avif') {
    const chain = nestedBoxes(depth, r);
    const ipco = a.spans.find((s) => s.what === 'ipco box');
    if (ipco && r.chance(0.5)) {
      // Inside the property container: every enclosing box grows by the chain's length.
      const m = splice(b, ipco.start + 8, 0, chain);
      for (const s of a.spans)
        if (s.start <= ipco.start && s.end >= ipco.end && m.readUInt32BE(s.start) === s.end - s.start)
          m.writeUInt32BE(s.end - s.start + chain.length, s.start);
      return { bytes: m, note: `${depth} nested boxes inside ipco` };
    }
    return { bytes: Buffer.concat([b, chain]), note: `${depth} nested boxes appended` };
  }
  const d = a.dirs[0] as Directory | undefined;
  if (!d) return undefined;
  const nested = r.chance(0.5);
  if (format === 'tiff') {
    const start = b.length + (b.length % 2);
    const m = Buffer.concat([b, Buffer.alloc(b.length % 2), ifdChain(start, 0, depth, d.le, nested)]);
    writeField(m, { what: 'next', at: d.nextAt, bytes: 4, le: d.le }, start);
    return { bytes: m, note: `chain of ${depth} ${nested ? 'nested sub-directories' : 'directories'}` };
  }
  if (format !== 'jpeg') return undefined;
  // EXIF in an APP1 segment: grow the segment (its length is 16 bits) with the chain at its end.
  const app1 = a.spans.find((s) => s.what === 'APP1' && s.start < d.offset && s.end > d.offset);
  if (!app1) return undefined;
  const room = Math.floor((0xffff - (app1.end - app1.start - 2)) / 18);
  const n = Math.min(depth, room);
  if (n < 1) return undefined;
  const chain = ifdChain(app1.end, d.base, n, d.le, nested);
  const m = splice(b, app1.end, 0, chain);
  m.writeUInt16BE(app1.end - app1.start - 2 + chain.length, app1.start + 2);
  writeField(m, { what: 'next', at: d.nextAt, bytes: 4, le: d.le }, app1.end - d.base);
  return { bytes: m, note: `chain of ${n} ${nested ? 'nested sub-directories' : 'directories'} in EXIF` };
};

function pngChunk(type: string, data: Buffer): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length, false), td, u32(crc32(td), false)]);
}

const flood: Op = (b, a, format, r) => {
  const n = r.pick([1000, 5000, 20000]);
  const after = (what: string) => a.spans.find((s) => s.what === what)?.end;
  const many = (unit: Buffer) => Buffer.concat(Array.from({ length: n }, () => unit));
  let at: number | undefined;
  let unit: Buffer;
  if (format === 'jpeg') [at, unit] = [2, Buffer.from([0xff, 0xfe, 0, 4, 0x61, 0x62])];
  else if (format === 'png') [at, unit] = [after('IHDR chunk'), pngChunk('tEXt', Buffer.from('k\0v'))];
  else if (format === 'gif') [at, unit] = [a.spans[0]?.start, Buffer.from([0x21, 0xfe, 1, 0x61, 0])];
  else if (format === 'webp') [at, unit] = [12, Buffer.from('JUNK\x02\0\0\0ab', 'latin1')];
  else if (format === 'heic' || format === 'avif') [at, unit] = [b.length, Buffer.from('\0\0\0\x08free', 'latin1')];
  else return undefined;
  if (at === undefined) return undefined;
  const m = splice(b, at, 0, many(unit));
  if (format === 'webp') m.writeUInt32LE(Math.min(0xffffffff, m.readUInt32LE(4) + unit.length * n), 4);
  return { bytes: m, note: `${n} small blocks inserted at ${at}` };
};

/**
 * XML that regex-based XMP parsers choke on: elements never closed, deep nesting, mismatched names, blobs;
 * and names that reach Object.prototype when a parser stores output[prefix][name].
 */
function hostileXmp(r: Rng, size: number): Buffer {
  const polluting = [
    '<__proto__:keep>True</__proto__:keep>',
    '<constructor:prototype>x</constructor:prototype>',
    '<dc:__proto__>y</dc:__proto__>',
    '<toString:a>b</toString:a>',
  ];
  const unit = r.chance(0.3)
    ? r.pick(polluting)
    : r.pick(['<dc:a>', '<rdf:li>', '<rdf:Description>', '<dc:a></dc:b>', '<dc:a><dc:b>x</dc:b>', 'QUJD', `${'QUJD'.repeat(15_000)}.`]);
  if (polluting.includes(unit)) size = unit.length;
  const body = unit.repeat(Math.max(1, Math.floor(size / unit.length)));
  return Buffer.from(
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${body}</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`,
  );
}

const xmpBomb: Op = (b, a, format, r) => {
  if (format === 'jpeg') {
    const xml = hostileXmp(r, 65000);
    const id = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
    const seg = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(2 + id.length + xml.length, false), id, xml]);
    return { bytes: splice(b, 2, 0, seg), note: 'hostile XMP in APP1' };
  }
  const xml = hostileXmp(r, r.pick([65_000, 500_000, 2_000_000]));
  if (format === 'png') {
    const at = a.spans.find((s) => s.what === 'IHDR chunk')?.end;
    if (at === undefined) return undefined;
    // Deflated, a few MB of XML take a few KB: the inspector inflates iTXt up to 4 MB.
    const packed = r.chance(0.5);
    const data = packed
      ? Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\x01\0\0\0', 'latin1'), deflateSync(hostileXmp(r, 3_500_000))])
      : Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), xml]);
    return { bytes: splice(b, at, 0, pngChunk('iTXt', data)), note: `hostile XMP in ${packed ? 'a deflated' : 'an'} iTXt` };
  }
  if (format === 'webp') {
    const chunk = Buffer.concat([Buffer.from('XMP ', 'latin1'), u32(xml.length, true), xml, Buffer.alloc(xml.length % 2)]);
    const m = Buffer.concat([b, chunk]);
    m.writeUInt32LE(m.length - 8, 4);
    return { bytes: m, note: `hostile XMP (${xml.length} bytes) in a WebP chunk` };
  }
  return undefined;
};

const magics: Record<string, Buffer> = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff]),
  gif: Buffer.from('GIF89a', 'latin1'),
  tiffLE: Buffer.from('II*\0', 'latin1'),
  tiffBE: Buffer.from('MM\0*', 'latin1'),
  webp: Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'),
  heic: Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'),
  avif: Buffer.from('\0\0\0\x14ftypavif\0\0\0\0avif', 'latin1'),
  bmp: Buffer.from('BM', 'latin1'),
  pdf: Buffer.from('%PDF-', 'latin1'),
  zero: Buffer.alloc(8),
};

const wrongMagic: Op = (b, _a, _f, r) => {
  if (r.chance(0.3)) {
    const m = Buffer.from(b);
    const at = r.int(Math.min(12, m.length));
    m[at] ^= 1 + r.int(255);
    return { bytes: m, note: `magic byte ${at} changed` };
  }
  const name = r.pick(Object.keys(magics));
  const magic = magics[name];
  // Either over the real header, or in front of it (the real file follows a lying one).
  if (r.chance(0.5))
    return { bytes: Buffer.concat([magic, b.subarray(Math.min(b.length, magic.length))]), note: `header overwritten with ${name} magic` };
  return { bytes: Buffer.concat([magic, b]), note: `${name} magic prepended` };
};

const spliceOp: Op = (b, a, _f, r) => {
  const span = a.spans.length ? r.pick(a.spans) : { what: 'bytes', start: r.int(b.length), end: b.length };
  const kind = r.int(4);
  if (kind === 0 && span.end - span.start < b.length)
    return { bytes: splice(b, span.start, span.end - span.start), note: `removed ${span.what}` };
  if (kind === 1)
    return {
      bytes: splice(b, span.end, 0, b.subarray(span.start, Math.min(span.end, span.start + 1_000_000))),
      note: `duplicated ${span.what}`,
    };
  const junk = Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256)));
  if (kind === 2) {
    const at = a.boundaries.length ? r.pick(a.boundaries) : r.int(b.length);
    return { bytes: splice(b, at, 0, junk), note: `${junk.length} random bytes inserted at ${at}` };
  }
  const m = Buffer.from(b);
  const start = span.start + Math.min(4, span.end - span.start - 1);
  for (let i = start; i < span.end && i < start + 256; i++) m[i] = r.int(256);
  return { bytes: m, note: `scrambled ${span.what}` };
};

const ops: [Op, number, string][] = [
  [bitflip, 20, 'bitflip'],
  [bytes, 5, 'bytes'],
  [truncate, 15, 'truncate'],
  [lieLength, 15, 'lie-length'],
  [giantDims, 10, 'giant-dims'],
  [ifdLoop, 8, 'ifd-loop'],
  [deepNesting, 5, 'deep-nesting'],
  [flood, 4, 'flood'],
  [wrongMagic, 6, 'wrong-magic'],
  [spliceOp, 12, 'splice'],
  [xmpBomb, 5, 'xmp-bomb'],
];
const totalWeight = ops.reduce((s, [, w]) => s + w, 0);

function pickOp(r: Rng): [Op, string] {
  let x = r.next() * totalWeight;
  for (const [op, w, name] of ops) {
    if ((x -= w) < 0) return [op, name];
  }
  return [ops[0][0], ops[0][2]];
}

/** Recomputes every chunk CRC, so a PNG mutation reaches the decoder instead of stopping at the checksum. */
function fixPngCrcs(b: Buffer): Buffer {
  const m = Buffer.from(b);
  for (const c of walkPng(m).chunks) {
    const end = c.dataOffset + c.length;
    if (end + 4 <= m.length) m.writeUInt32BE(crc32(m.subarray(c.offset + 4, end)), end);
  }
  return m;
}

export interface Mutated {
  bytes: Buffer;
  /** What was done, in order ("lie-length: APP1 length 5000 → 0"). */
  ops: string[];
}

/** One to three mutations of a real file; deterministic for a given Rng state. */
export function mutate(original: Buffer, format: ImageFormat, r: Rng): Mutated {
  let b = original;
  const notes: string[] = [];
  const n = r.chance(0.6) ? 1 : r.chance(0.7) ? 2 : 3;
  for (let i = 0, tries = 0; i < n && tries < 20; tries++) {
    const [op, name] = pickOp(r);
    let out: ReturnType<Op>;
    try {
      out = op(b, anatomy(b, format), format, r);
    } catch (e) {
      // A mutation that does not fit this file (a field past its end) is simply not applied.
      if (e instanceof RangeError) continue;
      throw e;
    }
    if (!out || out.bytes.length === 0) continue;
    b = out.bytes;
    notes.push(`${name}: ${out.note}`);
    i++;
  }
  if (format === 'png' && r.chance(0.7)) {
    b = fixPngCrcs(b);
    notes.push('PNG checksums fixed');
  }
  return { bytes: b, ops: notes };
}
