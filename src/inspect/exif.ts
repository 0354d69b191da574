// What an EXIF (TIFF-structured) block gives away, read with exifr; our own IFD walker is the fallback
// when exifr rejects the block, so a quirky block still reports its GPS, dates and device.
import * as exifr from './exifr.js';
import { entry, tiffReader, walkTiff, type Ifd, type TiffStructure } from '../containers/tiff.js';
import { Findings } from './findings.js';
import { dateValues } from './dates.js';
import type { DateRole } from '../contract/index.js';

type Tags = Record<string, unknown>;
interface ExifrOutput {
  ifd0?: Tags;
  ifd1?: Tags;
  exif?: Tags;
  gps?: Tags;
  interop?: Tags;
  makerNote?: unknown;
  userComment?: unknown;
}

const exifrOptions = {
  tiff: true,
  exif: true,
  gps: true,
  interop: true,
  ifd1: true,
  makerNote: true,
  userComment: true,
  xmp: false,
  iptc: false,
  icc: false,
  jfif: false,
  ihdr: false,
  mergeOutput: false,
  reviveValues: false,
  translateValues: false,
  sanitize: true,
};

/**
 * exifr walks every value an entry's count declares, even past the end of the data: one lying count
 * (16 million rationals in a 9 KB file) costs it seconds. It gets a copy in which such entries declare none.
 */
function withoutLyingCounts(tiff: Buffer, t: TiffStructure): Buffer {
  const lying = t.ifds.flatMap((i) => i.entries).filter((e) => e.valueBytes > 4 && e.valueOffset + e.valueBytes > tiff.length);
  if (!lying.length) return tiff;
  const copy = Buffer.from(tiff);
  for (const e of lying) {
    if (t.littleEndian) copy.writeUInt32LE(0, e.at + 4);
    else copy.writeUInt32BE(0, e.at + 4);
  }
  return copy;
}

export interface ExifResult {
  orientation?: number;
}

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') {
    const t = v.replace(/\0/g, '').trim();
    return t ? t : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};

/** Windows XP* tags are UCS-2 byte arrays. */
const ucs2 = (v: unknown): string | undefined => {
  if (typeof v === 'string') return str(v);
  if (v instanceof Uint8Array) return str(Buffer.from(v).toString('utf16le'));
  if (Array.isArray(v)) return str(Buffer.from(v as number[]).toString('utf16le'));
  return undefined;
};

/** EXIF UserComment: an 8-byte character-code prefix, then the text. */
function userComment(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v);
  if (!(v instanceof Uint8Array) || v.length <= 8) return undefined;
  const b = Buffer.from(v);
  const code = b.toString('latin1', 0, 8).replace(/\0/g, '').trim();
  const body = b.subarray(8);
  return str(code === 'UNICODE' ? body.toString('utf16le') : body.toString('utf8'));
}

/** GPSTimeStamp is three rationals (hours, minutes, seconds). */
function clock(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) return str(v);
  return v.map((n: number) => String(Math.floor(n)).padStart(2, '0')).join(':');
}

export function addLocation(f: Findings, lat: number, lon: number, source: string): void {
  f.add({ kind: 'location', lat: +lat.toFixed(6), lon: +lon.toFixed(6) }, source);
}

/** Reports one EXIF block. `label` says where it sits ("EXIF", "PNG eXIf chunk", ...). */
export async function inspectExif(tiff: Buffer, f: Findings, label = 'EXIF'): Promise<ExifResult> {
  const walked = walkTiff(tiff);
  for (const issue of walked.issues) f.add({ kind: 'structure', issues: [issue] }, label);
  let out: ExifrOutput | undefined;
  try {
    out = (await exifr.parse(withoutLyingCounts(tiff, walked), exifrOptions)) as ExifrOutput | undefined;
  } catch {
    out = undefined;
  }
  if (!out || (!out.ifd0 && !out.exif && !out.gps)) {
    if (walked.ifds.length === 0) {
      f.add({ kind: 'unreadable', count: 1, bytes: tiff.length }, label);
      return {};
    }
    return fromWalker(tiff, walked, f, label);
  }
  const ifd0 = out.ifd0 ?? {};
  const exif = out.exif ?? {};
  const gps = out.gps ?? {};

  const lat = gps.latitude;
  const lon = gps.longitude;
  if (typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) {
    addLocation(f, lat, lon, label);
  } else if (walked.ifds.some((i) => i.name === 'GPS')) {
    f.add({ kind: 'location-empty' }, label);
  }
  const gpsDate = [str(gps.GPSDateStamp), clock(gps.GPSTimeStamp)].filter(Boolean).join(' ');
  if (gpsDate) f.add({ kind: 'date', role: 'gps', ...dateValues(gpsDate) }, label);

  addDates(f, { taken: exif.DateTimeOriginal, digitized: exif.CreateDate, modified: ifd0.ModifyDate }, label);
  addDevice(f, str(ifd0.Make), str(ifd0.Model), label);
  const lens = str(exif.LensModel) ?? str(exif.LensMake);
  if (lens) f.add({ kind: 'device', role: 'lens', name: lens }, label);
  for (const [role, v] of [
    ['camera', exif.BodySerialNumber ?? ifd0.CameraSerialNumber ?? exif.SerialNumber],
    ['lens', exif.LensSerialNumber],
    ['image', exif.ImageUniqueID],
  ] as const) {
    const s = str(v);
    if (s) f.add({ kind: 'serial', role, value: s }, label);
  }
  const owners = [ifd0.Artist, ifd0.Copyright, exif.CameraOwnerName ?? exif.OwnerName, ucs2(ifd0.XPAuthor)]
    .map(str)
    .filter((s): s is string => !!s);
  if (owners.length) f.add({ kind: 'owner', names: owners }, label);
  const software = [str(ifd0.Software), str(ifd0.HostComputer)].filter((s): s is string => !!s);
  if (software.length) f.add({ kind: 'software', names: software }, label);
  for (const v of [
    ifd0.ImageDescription,
    userComment(out.userComment ?? exif.UserComment),
    ucs2(ifd0.XPTitle),
    ucs2(ifd0.XPComment),
    ucs2(ifd0.XPKeywords),
    ucs2(ifd0.XPSubject),
  ]) {
    const s = str(v);
    if (s) f.add({ kind: 'text', role: 'caption', text: s }, label);
  }
  addThumbnail(f, tiff, walked, label);
  if (out.makerNote || walked.ifds.some((i) => entry(i, 0x927c))) f.add({ kind: 'maker-notes' }, label);
  if (['ExposureTime', 'FNumber', 'ISO', 'FocalLength'].some((k) => exif[k] !== undefined)) f.add({ kind: 'camera-settings' }, label);
  const orientation = typeof ifd0.Orientation === 'number' ? ifd0.Orientation : undefined;
  return { orientation };
}

/** Cameras write the same moment as taken, digitized and modified: the collector says it once. */
function addDates(f: Findings, dates: Partial<Record<DateRole, unknown>>, label: string): void {
  for (const [role, v] of Object.entries(dates) as [DateRole, unknown][]) {
    const s = str(v);
    if (s && !/^[0\s:]+$/.test(s)) f.add({ kind: 'date', role, ...dateValues(s) }, label);
  }
}

function addDevice(f: Findings, make: string | undefined, model: string | undefined, label: string): void {
  const device = make && model && model.toLowerCase().startsWith(make.toLowerCase()) ? model : [make, model].filter(Boolean).join(' ');
  if (device) f.add({ kind: 'device', role: 'camera', name: device }, label);
}

function addThumbnail(f: Findings, tiff: Buffer, t: TiffStructure, label: string): void {
  const r = tiffReader(tiff);
  const ifd1 = t.ifds.find((i) => i.name === 'IFD1');
  const at = entry(ifd1, 0x0201) ?? entry(ifd1, 0x0111);
  const len = entry(ifd1, 0x0202) ?? entry(ifd1, 0x0117);
  const thumbAt = at && r ? r.numbers(at, 1)[0] : undefined;
  if (len) {
    const bytes = r?.numbers(len, 1)[0] ?? 0;
    f.add(bytes ? { kind: 'thumbnail', count: 1, bytes } : { kind: 'thumbnail', count: 1 }, label);
  }
  // Cameras also hide previews in maker notes (Nikon PreviewIFD, Olympus, ...): look for JPEG starts that
  // are neither the thumbnail nor the strips/tiles of a TIFF's own (JPEG-compressed) image.
  const ifd0 = t.ifds.find((i) => i.name === 'IFD0');
  const own = new Set([thumbAt, ...[entry(ifd0, 0x0111), entry(ifd0, 0x0144)].flatMap((e) => (e && r ? r.numbers(e, 100_000) : []))]);
  let previews = 0;
  for (let p = tiff.indexOf(jpegStart); p >= 0 && previews < 100; p = tiff.indexOf(jpegStart, p + 3)) {
    if (!own.has(p) && tiff[p + 3] >= 0xc0 && tiff[p + 3] !== 0xff) previews++;
  }
  if (previews) f.add({ kind: 'thumbnail', count: previews }, label);
}

const jpegStart = Buffer.from([0xff, 0xd8, 0xff]);

/** Minimal reading with our own walker when exifr cannot parse the block. */
function fromWalker(tiff: Buffer, t: TiffStructure, f: Findings, label: string): ExifResult {
  const r = tiffReader(tiff)!;
  const byName = (n: string): Ifd | undefined => t.ifds.find((i) => i.name === n);
  const ifd0 = byName('IFD0');
  const exif = byName('ExifIFD');
  const gps = byName('GPS');
  const text = (ifd: Ifd | undefined, tag: number) => {
    const e = entry(ifd, tag);
    return e ? str(r.text(e, 256)) : undefined;
  };
  if (gps) {
    const lat = entry(gps, 2);
    const lon = entry(gps, 4);
    const dms = (e: typeof lat) => (e ? r.rationals(e, 3) : []);
    const deg = (v: number[]) => (v.length === 3 && v.every(Number.isFinite) ? v[0] + v[1] / 60 + v[2] / 3600 : NaN);
    const la = deg(dms(lat)) * (text(gps, 1) === 'S' ? -1 : 1);
    const lo = deg(dms(lon)) * (text(gps, 3) === 'W' ? -1 : 1);
    if (Number.isFinite(la) && Number.isFinite(lo)) addLocation(f, la, lo, label);
    else f.add({ kind: 'location-empty' }, label);
  }
  addDates(f, { taken: text(exif, 0x9003), digitized: text(exif, 0x9004), modified: text(ifd0, 0x0132) }, label);
  addDevice(f, text(ifd0, 0x010f), text(ifd0, 0x0110), label);
  const serial = text(exif, 0xa431);
  if (serial) f.add({ kind: 'serial', role: 'camera', value: serial }, label);
  const owners = [text(ifd0, 0x013b), text(ifd0, 0x8298)].filter((s): s is string => !!s);
  if (owners.length) f.add({ kind: 'owner', names: owners }, label);
  const software = text(ifd0, 0x0131);
  if (software) f.add({ kind: 'software', names: [software] }, label);
  addThumbnail(f, tiff, t, label);
  if (entry(exif, 0x927c)) f.add({ kind: 'maker-notes' }, label);
  const o = entry(ifd0, 0x0112);
  const orientation = o ? r.numbers(o, 1)[0] : undefined;
  return { orientation };
}
