// ISO-BMFF (HEIC/HEIF/AVIF) box walker and HEIF item reader. Pure, bounded and total: lying sizes,
// deep nesting and truncation become `issues`, never an exception or a hang.

export interface Box {
  type: string;
  offset: number;
  /** Whole box, header included (clamped to the file). */
  size: number;
  /** Offset of the payload (after size/type/largesize/uuid). */
  dataOffset: number;
  children?: Box[];
}

export interface BmffStructure {
  boxes: Box[];
  /** Offset just after the last top-level box that fits in the file. */
  end: number;
  trailer: number;
  issues: string[];
}

/** Boxes whose payload is a list of boxes, and how many bytes precede that list (FullBox headers etc.). */
const containers: Record<string, number> = {
  meta: 4,
  iprp: 0,
  ipco: 0,
  dinf: 0,
  moov: 0,
  trak: 0,
  mdia: 0,
  minf: 0,
  stbl: 0,
  edts: 0,
  udta: 0,
  grpl: 0,
  iinf: -1,
};

const maxBoxes = 10_000;
const maxDepth = 12;

export function walkBmff(b: Buffer): BmffStructure {
  const s: BmffStructure = { boxes: [], end: 0, trailer: 0, issues: [] };
  let count = 0;
  const walk = (start: number, end: number, depth: number, top: boolean): Box[] => {
    const out: Box[] = [];
    let p = start;
    while (p + 8 <= end) {
      if (++count > maxBoxes) {
        s.issues.push('too many boxes; the rest were not read');
        return out;
      }
      let size = b.readUInt32BE(p);
      const type = b.toString('latin1', p + 4, p + 8);
      let header = 8;
      if (size === 1) {
        if (p + 16 > end) break;
        const big = b.readBigUInt64BE(p + 8);
        size = big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
        header = 16;
      } else if (size === 0) {
        size = end - p;
      }
      if (type === 'uuid') header += 16;
      if (size < header) {
        s.issues.push(`a "${printable(type)}" box at offset ${p} has an impossible size`);
        return out;
      }
      if (p + size > end)
        s.issues.push(`the "${printable(type)}" box at offset ${p} runs past the end of ${top ? 'the file' : 'its parent'}`);
      const boxEnd = Math.min(p + size, end);
      const box: Box = { type, offset: p, size: boxEnd - p, dataOffset: p + header };
      const skip = containers[type];
      if (skip !== undefined) {
        if (depth >= maxDepth) s.issues.push('boxes nested too deeply; the deepest were not read');
        else {
          // iinf: FullBox + entry count (16 or 32 bits by version).
          const pre = skip >= 0 ? skip : box.dataOffset < boxEnd && b[box.dataOffset] === 0 ? 6 : 8;
          box.children = walk(box.dataOffset + pre, boxEnd, depth + 1, false);
        }
      }
      out.push(box);
      if (top && p + size <= end) s.end = p + size;
      p = boxEnd;
    }
    if (top && p < end) s.issues.push(`stray bytes after the last box at offset ${p}`);
    return out;
  };
  if (b.length < 8) {
    s.issues.push('the file is too short to be an ISO media file');
    return s;
  }
  s.boxes = walk(0, b.length, 0, true);
  s.trailer = b.length - s.end;
  return s;
}

const printable = (t: string) => t.replace(/[^\x20-\x7e]/g, '?');

function child(box: Box | undefined, type: string): Box | undefined {
  return box?.children?.find((c) => c.type === type);
}

interface HeifItem {
  id: number;
  type: string;
  name: string;
  contentType?: string;
  hidden: boolean;
}

export interface HeifProperty {
  type: string;
  box: Box;
}

export interface HeifMeta {
  handler?: string;
  primary?: number;
  items: HeifItem[];
  refs: { type: string; from: number; to: number[] }[];
  properties: HeifProperty[];
  /** Item id → 1-based property indices. */
  assoc: Map<number, number[]>;
  locations: Map<number, { method: number; base: number; extents: { offset: number; length: number }[] }>;
  idat?: Box;
}

/** A bounds-checked big-endian reader over [start, end). */
class Reader {
  constructor(
    readonly b: Buffer,
    public p: number,
    readonly end: number,
  ) {}
  ok(n: number): boolean {
    return this.p + n <= this.end;
  }
  uint(n: number): number {
    if (n === 0) return 0;
    if (!this.ok(n)) throw new RangeError('short');
    const v = n <= 6 ? this.b.readUIntBE(this.p, n) : Number(this.b.readBigUInt64BE(this.p));
    this.p += n;
    return v;
  }
  cstr(): string {
    const nul = this.b.indexOf(0, this.p);
    const stop = nul < 0 || nul >= this.end ? this.end : nul;
    const t = this.b.toString('utf8', this.p, stop);
    this.p = Math.min(this.end, stop + 1);
    return t;
  }
}

const maxEntries = 10_000;

/** Reads the HEIF item structure of a top-level `meta` box; parts that do not parse are reported in `issues`. */
export function readHeifMeta(b: Buffer, meta: Box, issues: string[]): HeifMeta {
  const m: HeifMeta = { items: [], refs: [], properties: [], assoc: new Map(), locations: new Map() };
  const end = meta.offset + meta.size;
  const part = (name: string, fn: () => void) => {
    try {
      fn();
    } catch {
      issues.push(`the "${name}" box is cut short or malformed`);
    }
  };
  const body = (box: Box) => new Reader(b, box.dataOffset, Math.min(end, box.offset + box.size));
  const hdlr = child(meta, 'hdlr');
  if (hdlr)
    part('hdlr', () => {
      const r = body(hdlr);
      r.p += 8;
      m.handler = b.toString('latin1', r.p, Math.min(r.end, r.p + 4));
    });
  const pitm = child(meta, 'pitm');
  if (pitm)
    part('pitm', () => {
      const r = body(pitm);
      const v = r.uint(1);
      r.p += 3;
      m.primary = r.uint(v === 0 ? 2 : 4);
    });
  for (const infe of child(meta, 'iinf')?.children ?? []) {
    if (infe.type !== 'infe' || m.items.length >= maxEntries) continue;
    part('infe', () => {
      const r = body(infe);
      const v = r.uint(1);
      const flags = r.uint(3);
      if (v < 2) return;
      const id = r.uint(v === 2 ? 2 : 4);
      r.uint(2);
      const type = b.toString('latin1', r.p, r.p + 4);
      r.p += 4;
      const name = r.cstr();
      const contentType = type === 'mime' ? r.cstr() : undefined;
      m.items.push({ id, type, name, contentType, hidden: (flags & 1) === 1 });
    });
  }
  const iref = child(meta, 'iref');
  if (iref)
    part('iref', () => {
      const r = body(iref);
      const v = r.uint(1);
      r.p += 3;
      const idSize = v === 0 ? 2 : 4;
      while (r.ok(8) && m.refs.length < maxEntries) {
        const start = r.p;
        const size = r.uint(4);
        const type = b.toString('latin1', r.p, r.p + 4);
        r.p += 4;
        if (size < 8 || start + size > r.end) throw new RangeError('bad reference box');
        const rr = new Reader(b, r.p, start + size);
        const from = rr.uint(idSize);
        const n = rr.uint(2);
        const to: number[] = [];
        for (let i = 0; i < n && rr.ok(idSize); i++) to.push(rr.uint(idSize));
        m.refs.push({ type, from, to });
        r.p = start + size;
      }
    });
  const iprp = child(meta, 'iprp');
  m.properties = (child(iprp, 'ipco')?.children ?? []).map((box) => ({ type: box.type, box }));
  const ipma = child(iprp, 'ipma');
  if (ipma)
    part('ipma', () => {
      const r = body(ipma);
      const v = r.uint(1);
      const flags = r.uint(3);
      const n = Math.min(r.uint(4), maxEntries);
      for (let i = 0; i < n; i++) {
        const id = r.uint(v < 1 ? 2 : 4);
        const k = r.uint(1);
        const list: number[] = [];
        for (let j = 0; j < k; j++) list.push(flags & 1 ? r.uint(2) & 0x7fff : r.uint(1) & 0x7f);
        m.assoc.set(id, [...(m.assoc.get(id) ?? []), ...list]);
      }
    });
  const iloc = child(meta, 'iloc');
  if (iloc)
    part('iloc', () => {
      const r = body(iloc);
      const v = r.uint(1);
      r.p += 3;
      const a = r.uint(1);
      const c = r.uint(1);
      const [offSize, lenSize, baseSize, indexSize] = [a >> 4, a & 15, c >> 4, v > 0 ? c & 15 : 0];
      if (![offSize, lenSize, baseSize, indexSize].every((x) => x === 0 || x === 4 || x === 8)) throw new RangeError('bad sizes');
      const n = Math.min(r.uint(v < 2 ? 2 : 4), maxEntries);
      for (let i = 0; i < n; i++) {
        const id = r.uint(v < 2 ? 2 : 4);
        const method = v > 0 ? r.uint(2) & 15 : 0;
        r.uint(2);
        const base = r.uint(baseSize);
        const k = r.uint(2);
        const extents: { offset: number; length: number }[] = [];
        for (let j = 0; j < k; j++) {
          r.uint(indexSize);
          extents.push({ offset: r.uint(offSize), length: r.uint(lenSize) });
        }
        m.locations.set(id, { method, base, extents });
      }
    });
  m.idat = child(meta, 'idat');
  return m;
}

/** An item's bytes, bounded by the file and `limit`; undefined when they are not (all) in the file. */
export function itemData(b: Buffer, m: HeifMeta, id: number, limit = 64 * 1024 * 1024): Buffer | undefined {
  const loc = m.locations.get(id);
  if (!loc || loc.extents.length > 1024) return undefined;
  const parts: Buffer[] = [];
  let total = 0;
  for (const e of loc.extents) {
    let start: number;
    let stop: number;
    if (loc.method === 1 && m.idat) {
      start = m.idat.dataOffset + loc.base + e.offset;
      stop = e.length ? start + e.length : m.idat.offset + m.idat.size;
    } else if (loc.method === 0) {
      start = loc.base + e.offset;
      stop = e.length ? start + e.length : b.length;
    } else return undefined;
    if (start < 0 || stop > b.length || stop < start) return undefined;
    total += stop - start;
    if (total > limit) return undefined;
    parts.push(b.subarray(start, stop));
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** The properties associated with an item. */
export function itemProperties(m: HeifMeta, id: number): HeifProperty[] {
  return (m.assoc.get(id) ?? []).map((i) => m.properties[i - 1]).filter((p): p is HeifProperty => !!p);
}

/** Width and height from an `ispe` property. */
export function ispe(b: Buffer, p: HeifProperty): { width: number; height: number } | undefined {
  const d = p.box.dataOffset + 4;
  if (p.type !== 'ispe' || d + 8 > p.box.offset + p.box.size) return undefined;
  return { width: b.readUInt32BE(d), height: b.readUInt32BE(d + 4) };
}
