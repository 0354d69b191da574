// What a JPEG's segments hold: EXIF, XMP (with extended XMP), IPTC, ICC, MPF images, JFIF thumbnails,
// comments, vendor segments and anything after the end-of-image marker.
import { appIdentifier, segmentData, walkJpeg } from '../containers/jpeg.js';
import { emptyBlocks, photoshopResources, tiffStart, type Blocks } from './blocks.js';
import { Findings, clip } from './findings.js';
import { describeTrailer } from './trailer.js';

const xmpId = 'http://ns.adobe.com/xap/1.0/';
const xmpExtId = 'http://ns.adobe.com/xmp/extension/';

/** Reads the APPn segment vendors we know by name; everything else is reported as "other". */
const vendorNames: Record<string, string> = {
  Ducky: 'Photoshop "Save for Web" data',
  PictureInfo: 'camera picture info',
  Meta: 'Kodak metadata',
  META: 'Kodak metadata',
  FPXR: 'FlashPix data (can hold a preview image)',
  MMIMETA: 'Samsung metadata',
  QVCI: 'Casio metadata',
  AROT: 'rotation data',
  'HPQ-Capture': 'HP capture data',
  SCALADO: 'Scalado data',
  GoPro: 'GoPro metadata',
  JP: 'JUMBF / content credentials (C2PA: creator and edit history)',
};

/** Comments that encoders write on their own; they name the software, not the people. */
const encoderComment =
  /^\s*(CREATOR: gd-jpeg|Created with (GIMP|The GIMP)|File written by Adobe Photoshop|LEAD Technologies|Optimized by JPEGmini|Intel\(R\) JPEG Library|AppleMark|Compressed by jpeg-recompress|Processed By eBay)/i;

export function inspectJpeg(b: Buffer, f: Findings): Blocks {
  const s = walkJpeg(b);
  const blocks: Blocks = { ...emptyBlocks(), width: s.width, height: s.height };
  const iccParts: { seq: number; data: Buffer }[] = [];
  const ext = new Map<string, { total: number; parts: { offset: number; data: Buffer }[] }>();
  let mpfBytes = 0;
  for (const seg of s.segments) {
    const id = seg.marker >= 0xe0 && seg.marker <= 0xef ? appIdentifier(b, seg) : '';
    const d = segmentData(b, seg);
    if (seg.name === 'APP0' && (id === 'JFIF' || id === 'JFXX')) {
      jfif(d, id, f);
    } else if (seg.name === 'APP1' && id === 'Exif') {
      const t = tiffStart(d);
      if (t >= 0) blocks.exif.push({ data: d.subarray(t), label: 'EXIF' });
      else f.add({ kind: 'unreadable', count: 1, bytes: d.length }, 'EXIF');
    } else if (seg.name === 'APP1' && id === xmpId) {
      blocks.xmp.push({ xml: d.toString('utf8', xmpId.length + 1), label: 'XMP' });
    } else if (seg.name === 'APP1' && id === xmpExtId && d.length > 75) {
      const guid = d.toString('latin1', 35, 67);
      const part = ext.get(guid) ?? { total: d.readUInt32BE(67), parts: [] };
      part.parts.push({ offset: d.readUInt32BE(71), data: d.subarray(75) });
      ext.set(guid, part);
    } else if (seg.name === 'APP2' && id === 'ICC_PROFILE' && d.length > 14) {
      iccParts.push({ seq: d[12], data: d.subarray(14) });
    } else if (seg.name === 'APP2' && id === 'MPF') {
      mpfBytes = mpf(d.subarray(4), f);
    } else if (seg.name === 'APP13') {
      photoshop(d, blocks, f);
    } else if (seg.name === 'APP14' && id.startsWith('Adobe')) {
      // Colour-transform flags for the decoder; says nothing about the photo.
    } else if (seg.marker >= 0xe0 && seg.marker <= 0xef) {
      const name = vendorNames[id] ?? vendorNames[id.slice(0, 4)] ?? (id ? `"${clip(id, 40)}" data` : 'unlabelled data');
      f.add({ kind: 'unknown', count: 1, bytes: seg.dataLength, names: [`${seg.name} ${name}`] });
    } else if (seg.name === 'COM') {
      const text = d.toString('utf8').replace(/\0+$/, '');
      if (encoderComment.test(text)) f.add({ kind: 'software', names: [clip(text)] }, 'JPEG comment');
      else f.add({ kind: 'comment', text }, 'JPEG');
    }
  }
  if (iccParts.length) {
    const data = Buffer.concat(iccParts.sort((a, b2) => a.seq - b2.seq).map((p) => p.data));
    blocks.icc.push({ data, label: 'JPEG APP2' });
  }
  for (const { total, parts } of ext.values()) {
    if (total > b.length) continue;
    const whole = Buffer.alloc(total);
    for (const p of parts) if (p.offset < total) p.data.copy(whole, p.offset, 0, Math.min(p.data.length, total - p.offset));
    blocks.xmp.push({ xml: whole.toString('utf8'), label: 'extended XMP' });
  }
  for (const issue of s.issues) f.add({ kind: 'structure', issues: [issue] }, 'JPEG');
  if (s.end !== undefined && s.trailer > 0) describeTrailer(b, s.end, f, 'JPEG', mpfBytes);
  return blocks;
}

function jfif(d: Buffer, id: string, f: Findings): void {
  if (id === 'JFIF' && d.length >= 14 && d[12] * d[13] > 0) {
    f.add({ kind: 'thumbnail', count: 1 }, 'JFIF');
  } else if (id === 'JFXX') {
    f.add({ kind: 'thumbnail', count: 1 }, 'JFIF');
  }
}

/** MPF index: how many extra images (previews, gain maps, depth, stereo) the file carries after EOI. */
function mpf(t: Buffer, f: Findings): number {
  if (t.length < 8) return 0;
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (o + 2 <= t.length ? (le ? t.readUInt16LE(o) : t.readUInt16BE(o)) : 0);
  const u32 = (o: number) => (o + 4 <= t.length ? (le ? t.readUInt32LE(o) : t.readUInt32BE(o)) : 0);
  const ifd = u32(4);
  const n = Math.min(u16(ifd), 64);
  let entries = 0;
  let listAt = 0;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    if (tag === 0xb001) entries = u32(e + 8);
    if (tag === 0xb002) listAt = u32(e + 8);
  }
  let bytes = 0;
  const extra = Math.max(0, Math.min(entries, 64) - 1);
  for (let i = 1; i <= extra && listAt; i++) bytes += u32(listAt + i * 16 + 4);
  if (extra > 0) f.add({ kind: 'aux-image', what: 'extra', count: extra, bytes }, 'MPF');
  return bytes;
}

function photoshop(d: Buffer, blocks: Blocks, f: Findings): void {
  for (const r of photoshopResources(d)) {
    if (r.id === 0x0404) blocks.iptc.push({ data: r.data, label: 'IPTC' });
    else if (r.id === 0x0409 || r.id === 0x040c) f.add({ kind: 'thumbnail', count: 1 }, 'Photoshop');
    else if (r.id === 0x0422) {
      const t = tiffStart(r.data);
      if (t >= 0) blocks.exif.push({ data: r.data.subarray(t), label: 'Photoshop EXIF' });
    } else if (r.id === 0x0424) blocks.xmp.push({ xml: r.data.toString('utf8'), label: 'Photoshop XMP' });
  }
  f.add({ kind: 'block', count: 1, bytes: d.length }, 'Photoshop');
}
