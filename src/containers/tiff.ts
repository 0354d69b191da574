// TIFF/EXIF IFD walker. Pure, bounded and total: offset loops, lying counts and deep nesting end the walk
// with an issue instead of an exception or a hang. Also used for EXIF blocks inside JPEG/PNG/WebP/HEIC.

export interface IfdEntry {
  /** Absolute offset of the 12-byte entry itself. */
  at: number;
  tag: number;
  type: number;
  count: number;
  /** Absolute offset of the value bytes in the buffer (inline values point into the entry). */
  valueOffset: number;
  /** count × type size; may exceed the buffer when the entry lies. */
  valueBytes: number;
}

export interface Ifd {
  /** 'IFD0', 'IFD1', 'ExifIFD', 'GPS', 'Interop', 'SubIFD', ... */
  name: string;
  offset: number;
  entries: IfdEntry[];
  /** Absolute offset of the next IFD in the chain, 0 when none. */
  next: number;
}

export interface TiffStructure {
  littleEndian: boolean;
  ifds: Ifd[];
  issues: string[];
}

const typeSizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const tiffTypeSize = (type: number) => typeSizes[type] ?? 1;

/** Sub-IFD pointer tags and the name of the IFD they lead to. */
const pointerTags: Record<number, string> = { 0x8769: 'ExifIFD', 0x8825: 'GPS', 0xa005: 'Interop', 0x014a: 'SubIFD' };

const maxIfds = 64;
const maxDepth = 4;
const maxEntriesPerIfd = 4096;

export class TiffReader {
  constructor(
    readonly b: Buffer,
    /** Offsets inside the TIFF are relative to this base (the "II*\0" header). */
    readonly base: number,
    readonly le: boolean,
  ) {}
  u16(o: number): number | undefined {
    if (o < 0 || o + 2 > this.b.length) return undefined;
    return this.le ? this.b.readUInt16LE(o) : this.b.readUInt16BE(o);
  }
  u32(o: number): number | undefined {
    if (o < 0 || o + 4 > this.b.length) return undefined;
    return this.le ? this.b.readUInt32LE(o) : this.b.readUInt32BE(o);
  }
  /** Up to `limit` unsigned integer values of a SHORT/LONG/BYTE entry. */
  numbers(e: IfdEntry, limit = 64): number[] {
    const out: number[] = [];
    const size = tiffTypeSize(e.type);
    for (let i = 0; i < Math.min(e.count, limit); i++) {
      const o = e.valueOffset + i * size;
      const v = size === 2 ? this.u16(o) : size === 4 ? this.u32(o) : o < this.b.length ? this.b[o] : undefined;
      if (v === undefined) break;
      out.push(v);
    }
    return out;
  }
  /** An ASCII/UNDEFINED entry as text (bounded, trailing NULs removed). */
  text(e: IfdEntry, limit = 4096): string {
    const end = Math.min(this.b.length, e.valueOffset + Math.min(e.valueBytes, limit));
    return this.b.toString('latin1', Math.min(e.valueOffset, end), end).replace(/\0+$/, '');
  }
  /** RATIONAL values (bounded). */
  rationals(e: IfdEntry, limit = 8): number[] {
    const out: number[] = [];
    for (let i = 0; i < Math.min(e.count, limit); i++) {
      const n = this.u32(e.valueOffset + i * 8);
      const d = this.u32(e.valueOffset + i * 8 + 4);
      if (n === undefined || d === undefined) break;
      out.push(d === 0 ? NaN : n / d);
    }
    return out;
  }
}

/** Reads the TIFF header at `base` (default 0). Undefined when it is not a TIFF header. */
export function tiffReader(b: Buffer, base = 0): TiffReader | undefined {
  if (base < 0 || base + 8 > b.length) return undefined;
  const order = b.toString('latin1', base, base + 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const r = new TiffReader(b, base, order === 'II');
  return r.u16(base + 2) === 42 ? r : undefined;
}

/** Walks IFD0, its chain (IFD1, ...) and the EXIF/GPS/Interop/SubIFD directories under them. */
export function walkTiff(b: Buffer, base = 0): TiffStructure {
  const r = tiffReader(b, base);
  if (!r) return { littleEndian: true, ifds: [], issues: ['not a TIFF/EXIF block'] };
  const s: TiffStructure = { littleEndian: r.le, ifds: [], issues: [] };
  const seen = new Set<number>();

  const walk = (rel: number, name: string, depth: number): Ifd | undefined => {
    const at = base + rel;
    if (seen.has(at)) {
      s.issues.push(`${name} points back to a directory already read (a loop)`);
      return undefined;
    }
    if (s.ifds.length >= maxIfds) {
      s.issues.push('too many directories; the rest were not read');
      return undefined;
    }
    const n = r.u16(at);
    if (n === undefined) {
      s.issues.push(`${name} points outside the file`);
      return undefined;
    }
    seen.add(at);
    const fits = Math.floor((b.length - at - 2) / 12);
    if (n > fits) s.issues.push(`${name} declares ${n} entries but only ${Math.max(0, fits)} fit in the file`);
    const count = Math.max(0, Math.min(n, fits, maxEntriesPerIfd));
    const ifd: Ifd = { name, offset: at, entries: [], next: 0 };
    s.ifds.push(ifd);
    for (let i = 0; i < count; i++) {
      const o = at + 2 + i * 12;
      const type = r.u16(o + 2) ?? 0;
      const cnt = r.u32(o + 4) ?? 0;
      const valueBytes = tiffTypeSize(type) * cnt;
      const valueOffset = valueBytes <= 4 ? o + 8 : base + (r.u32(o + 8) ?? 0);
      if (valueBytes > 4 && valueOffset + valueBytes > b.length) {
        s.issues.push(`an entry of ${name} points past the end of the data`);
      }
      ifd.entries.push({ at: o, tag: r.u16(o) ?? 0, type, count: cnt, valueOffset, valueBytes });
    }
    const nextRel = count === n ? (r.u32(at + 2 + n * 12) ?? 0) : 0;
    ifd.next = nextRel ? base + nextRel : 0;
    if (depth < maxDepth) {
      for (const e of ifd.entries) {
        const sub = pointerTags[e.tag];
        if (!sub) continue;
        for (const off of r.numbers(e, 16)) if (off) walk(off, sub, depth + 1);
      }
    } else if (ifd.entries.some((e) => pointerTags[e.tag])) {
      s.issues.push('directories nested too deeply; the deepest were not read');
    }
    return ifd;
  };

  let rel = r.u32(base + 4) ?? 0;
  for (let i = 0; rel && i < maxIfds; i++) {
    const ifd = walk(rel, `IFD${i}`, 0);
    if (!ifd || !ifd.next) break;
    rel = ifd.next - base;
  }
  return s;
}

/** The first entry with `tag` in a directory. */
export function entry(ifd: Ifd | undefined, tag: number): IfdEntry | undefined {
  return ifd?.entries.find((e) => e.tag === tag);
}
