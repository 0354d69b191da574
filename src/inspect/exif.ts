// What an EXIF (TIFF-structured) block gives away, read with exifr; our own IFD walker is the fallback
// when exifr rejects the block, so a quirky block still reports its GPS, dates and device.
import * as exifr from './exifr.js';
import { entry, tiffReader, walkTiff, type Ifd, type TiffStructure } from '../containers/tiff.js';
import { Findings, clip, sizeText } from './findings.js';
import { plainDate } from './dates.js';

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
  tiff: true, exif: true, gps: true, interop: true, ifd1: true, makerNote: true, userComment: true,
  xmp: false, iptc: false, icc: false, jfif: false, ihdr: false,
  mergeOutput: false, reviveValues: false, translateValues: false, sanitize: true,
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

function formatLatLon(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(4)} ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(4)} ${lon < 0 ? 'W' : 'E'}`;
}

export function addLocation(f: Findings, lat: number, lon: number, source: string): void {
  f.add('location', `GPS position (${source}): ${formatLatLon(lat, lon)}`, { lat: +lat.toFixed(6), lon: +lon.toFixed(6) });
}

/** Reports one EXIF block. `label` says where it sits ("EXIF", "PNG eXIf chunk", ...). */
export async function inspectExif(tiff: Buffer, f: Findings, label = 'EXIF'): Promise<ExifResult> {
  const walked = walkTiff(tiff);
  for (const issue of walked.issues) f.add('other', `Structure of the ${label} block: ${issue}`, undefined, false);
  let out: ExifrOutput | undefined;
  try {
    out = (await exifr.parse(withoutLyingCounts(tiff, walked), exifrOptions)) as ExifrOutput | undefined;
  } catch {
    out = undefined;
  }
  if (!out || (!out.ifd0 && !out.exif && !out.gps)) {
    if (walked.ifds.length === 0) {
      f.add('other', `A ${label} metadata block that could not be read (${sizeText(tiff.length)})`, undefined, true);
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
    f.add('location', `An empty GPS block (${label}): no coordinates, but the file was made by a device that records location`);
  }
  const gpsDate = [str(gps.GPSDateStamp), clock(gps.GPSTimeStamp)].filter(Boolean).join(' ');
  if (gpsDate) f.add('date', `GPS time stamp: ${gpsDate}`, { date: gpsDate });

  addDates(f, { Taken: exif.DateTimeOriginal, Digitized: exif.CreateDate, Modified: ifd0.ModifyDate });
  addDevice(f, str(ifd0.Make), str(ifd0.Model));
  const lens = str(exif.LensModel) ?? str(exif.LensMake);
  if (lens) f.add('device', `Lens: ${lens}`, { lens });
  for (const [name, v] of [
    ['Camera serial number', exif.BodySerialNumber ?? ifd0.CameraSerialNumber ?? exif.SerialNumber],
    ['Lens serial number', exif.LensSerialNumber],
    ['Unique image ID', exif.ImageUniqueID],
  ] as const) {
    const s = str(v);
    if (s) f.add('serial', `${name}: ${s}`, { [name]: s });
  }
  for (const [name, v] of [
    ['Artist', ifd0.Artist],
    ['Copyright', ifd0.Copyright],
    ['Camera owner', exif.CameraOwnerName ?? exif.OwnerName],
    ['Author (Windows)', ucs2(ifd0.XPAuthor)],
  ] as const) {
    const s = str(v);
    if (s) f.add('owner', `${name}: ${clip(s)}`, { [name]: s });
  }
  const software = [str(ifd0.Software), str(ifd0.HostComputer)].filter(Boolean).join(', ');
  if (software) f.add('software', `Software: ${software}`, { software });
  for (const [name, v] of [
    ['Description', ifd0.ImageDescription],
    ['User comment', userComment(out.userComment ?? exif.UserComment)],
    ['Title (Windows)', ucs2(ifd0.XPTitle)],
    ['Comment (Windows)', ucs2(ifd0.XPComment)],
    ['Keywords (Windows)', ucs2(ifd0.XPKeywords)],
    ['Subject (Windows)', ucs2(ifd0.XPSubject)],
  ] as const) {
    const s = str(v);
    if (s) f.add('text', `${name}: ${clip(s)}`, { [name]: s });
  }
  addThumbnail(f, tiff, walked, label);
  if (out.makerNote || walked.ifds.some((i) => entry(i, 0x927c))) {
    f.add('camera-settings', `Camera maker notes (${label}): private manufacturer data that can hold serial numbers, settings and previews`, undefined, true);
  }
  const settings = ['ExposureTime', 'FNumber', 'ISO', 'FocalLength'].filter((k) => exif[k] !== undefined);
  if (settings.length) f.add('camera-settings', `Camera settings: ${settings.join(', ')}`);
  const orientation = typeof ifd0.Orientation === 'number' ? ifd0.Orientation : undefined;
  return { orientation };
}

function addDates(f: Findings, dates: Record<string, unknown>): void {
  const said = new Set<string>();
  for (const [name, v] of Object.entries(dates)) {
    const s = str(v);
    if (!s || /^[0\s:]+$/.test(s)) continue;
    const d = plainDate(s);
    // Cameras write the same moment as taken, digitized and modified: say it once.
    if (said.has(d.text)) continue;
    said.add(d.text);
    f.add('date', `${name} on ${d.text}`, { date: s, ...(d.iso ? { iso: d.iso } : {}) });
  }
}

function addDevice(f: Findings, make?: string, model?: string): void {
  const device = make && model && model.toLowerCase().startsWith(make.toLowerCase()) ? model : [make, model].filter(Boolean).join(' ');
  if (device) f.add('device', `Camera: ${device}`, { device });
}

function addThumbnail(f: Findings, tiff: Buffer, t: TiffStructure, label: string): void {
  const r = tiffReader(tiff);
  const ifd1 = t.ifds.find((i) => i.name === 'IFD1');
  const at = entry(ifd1, 0x0201) ?? entry(ifd1, 0x0111);
  const len = entry(ifd1, 0x0202) ?? entry(ifd1, 0x0117);
  const thumbAt = at && r ? r.numbers(at, 1)[0] : undefined;
  if (len) {
    const bytes = r?.numbers(len, 1)[0] ?? 0;
    f.add('thumbnail', `An embedded thumbnail (${label}${bytes ? `, ${sizeText(bytes)}` : ''}) — it may show the photo as it was before any edit or crop`, { bytes });
  }
  // Cameras also hide previews in maker notes (Nikon PreviewIFD, Olympus, ...): look for JPEG starts that
  // are neither the thumbnail nor the strips/tiles of a TIFF's own (JPEG-compressed) image.
  const ifd0 = t.ifds.find((i) => i.name === 'IFD0');
  const own = new Set([thumbAt, ...[entry(ifd0, 0x0111), entry(ifd0, 0x0144)].flatMap((e) => (e && r ? r.numbers(e, 100_000) : []))]);
  let previews = 0;
  for (let p = tiff.indexOf(jpegStart); p >= 0 && previews < 100; p = tiff.indexOf(jpegStart, p + 3)) {
    if (!own.has(p) && tiff[p + 3] >= 0xc0 && tiff[p + 3] !== 0xff) previews++;
  }
  if (previews) f.add('thumbnail', `${previews === 1 ? 'A preview image' : `${previews} preview images`} hidden in the ${label} block (e.g. in the camera maker notes) — it may show the photo before edits`, { count: previews });
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
    else f.add('location', `An empty GPS block (${label}): no coordinates, but the file was made by a device that records location`);
  }
  addDates(f, { Taken: text(exif, 0x9003), Digitized: text(exif, 0x9004), Modified: text(ifd0, 0x0132) });
  addDevice(f, text(ifd0, 0x010f), text(ifd0, 0x0110));
  const serial = text(exif, 0xa431);
  if (serial) f.add('serial', `Camera serial number: ${serial}`, { 'Camera serial number': serial });
  for (const [name, tag] of [['Artist', 0x013b], ['Copyright', 0x8298]] as const) {
    const s = text(ifd0, tag);
    if (s) f.add('owner', `${name}: ${clip(s)}`, { [name]: s });
  }
  const software = text(ifd0, 0x0131);
  if (software) f.add('software', `Software: ${software}`, { software });
  addThumbnail(f, tiff, t, label);
  if (entry(exif, 0x927c)) {
    f.add('camera-settings', `Camera maker notes (${label}): private manufacturer data that can hold serial numbers, settings and previews`, undefined, true);
  }
  const o = entry(ifd0, 0x0112);
  const orientation = o ? r.numbers(o, 1)[0] : undefined;
  return { orientation };
}
