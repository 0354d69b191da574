// What an XMP packet gives away: people's names, face regions, places, dates, devices, owners, hidden
// motion-photo videos and depth/gain-map images. exifr parses the XML; this file decides what it means.
import * as exifr from './exifr.js';
import { Findings } from './findings.js';
import { addLocation } from './exif.js';
import type { DeclaredRegion } from './regions.js';
import { dateValues } from './dates.js';
import type { AuxImage, DateRole } from '../contract/index.js';

type Node = Record<string, unknown>;

/** Every string inside a value (arrays, language alternatives, nested resources), bounded. */
export function texts(v: unknown, out: string[] = [], depth = 0): string[] {
  if (out.length > 200 || depth > 8) return out;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t) out.push(t);
  } else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) texts(x, out, depth + 1);
  else if (v && typeof v === 'object') {
    const o = v as Node;
    if ('value' in o) texts(o.value, out, depth + 1);
    else for (const [k, x] of Object.entries(o)) if (k !== 'parseType' && k !== 'lang') texts(x, out, depth + 1);
  }
  return out;
}

const first = (v: unknown) => texts(v)[0];
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const ns = (x: Node, name: string): Node => (x[name] && typeof x[name] === 'object' ? (x[name] as Node) : {});

/** XMP GPS is "DD,MM.mmmmN" or "DD,MM,SSN". */
function xmpCoordinate(v: unknown): number | undefined {
  const s = first(v);
  const m = s && /^(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])$/i.exec(s);
  if (!m) return undefined;
  const value = +m[1] + (m[2] ? +m[2] / 60 : 0) + (m[3] ? +m[3] / 3600 : 0);
  return /[SW]/i.test(m[4]) ? -value : value;
}

/** Names after a "People" category in hierarchical keywords ("People|Marie Curie", "People/Marie Curie"). */
function peopleFromKeywords(values: string[]): string[] {
  return values.flatMap((k) => {
    const m = /^(?:People|Persons?|Faces?)[|/](.+)$/i.exec(k);
    return m ? [m[1].split(/[|/]/).pop()!.trim()] : [];
  });
}

/** Namespaces whose meaning is reported above; the rest are listed by name. */
const interpreted = new Set([
  'x',
  'exif',
  'exifEX',
  'tiff',
  'aux',
  'dc',
  'photoshop',
  'xmp',
  'xmpMM',
  'Iptc4xmpCore',
  'Iptc4xmpExt',
  'xmpRights',
  'lr',
  'digiKam',
  'MicrosoftPhoto',
  'mediapro',
  'mwg-rs',
  'MP',
  'MPRI',
  'MPReg',
  'GCamera',
  'Container',
  'Item',
  'hdrgm',
  'GDepth',
  'GImage',
  'stEvt',
  'stRef',
  'stArea',
  'stDim',
  'rdf',
]);

/** Early XMP writers used the "xap" prefixes for the same namespaces. */
function aliases(x: Node | undefined): Node | undefined {
  if (!x) return x;
  for (const [old, now] of [
    ['xap', 'xmp'],
    ['xapMM', 'xmpMM'],
    ['xapRights', 'xmpRights'],
  ]) {
    if (x[old] && typeof x[old] === 'object') x[now] = { ...(x[old] as Node), ...ns(x, now) };
    delete x[old];
  }
  return x;
}

export interface XmpResult {
  regions: DeclaredRegion[];
}

/**
 * exifr finds each element with a lazy regex that runs to its closing tag, then parses the inside again:
 * an element never closed costs a scan to the end of the packet, and nesting multiplies the work. A
 * hostile packet of 1 MB took minutes. Real packets nest about a dozen deep and close what they open.
 */
const maxXmpDepth = 48;
const maxUnclosed = 48;
const maxXmpChars = 4 * 1024 * 1024;

/**
 * Cuts long runs of base64 or plain text (embedded depth maps, pasted blobs) to their first 256 characters:
 * they cost parsing time and say nothing more. A loop, because a regex over a run of megabytes overflows
 * the regex engine's stack.
 */
function shortenLongRuns(xml: string, longRun = 65536): string {
  const inRun = (c: number) =>
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 61 ||
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13;
  const parts: string[] = [];
  let kept = 0;
  let start = -1;
  for (let i = 0; i <= xml.length; i++) {
    if (i < xml.length && inRun(xml.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= longRun) {
      parts.push(xml.slice(kept, start + 256));
      kept = i;
    }
    start = -1;
  }
  return parts.length ? parts.join('') + xml.slice(kept) : xml;
}

/**
 * exifr stores each element and attribute as output[prefix][name]: a prefix such as __proto__ or
 * constructor would write onto Object.prototype for the whole process (a hostile packet broke the face
 * detector for every later photo of the batch). Such names get an "x" in front; no real namespace uses them.
 */
function harmlessNames(xml: string): string {
  const safe = (part: string) => (part in Object.prototype || part === 'prototype' ? `x${part}` : part);
  const rename = (qname: string) => qname.split(':').map(safe).join(':');
  return (
    xml
      .replace(/(<\/?)([\w-]+:[\w-]+)/g, (_, open: string, qname: string) => open + rename(qname))
      // The lookbehind starts each name where a run of name characters starts: without it a long run that is
      // not followed by = is retried from every position (quadratic; 9 s for 64 KB of base64).
      .replace(/(?<![\w:-])([\w:-]+)(?==["'])/g, (qname: string) => rename(qname))
  );
}

/** The packet exifr may parse safely and in bounded time, or undefined when it is too tangled or too big. */
function tractableXmp(xml: string): string | undefined {
  const short = harmlessNames(shortenLongRuns(xml));
  if (short.length > maxXmpChars) return undefined;
  let depth = 0;
  let maxDepth = 0;
  const open = new Map<string, number>();
  for (const m of short.matchAll(/<(\/?)([\w-]+:[\w-]+)[^<>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    const n = open.get(name) ?? 0;
    if (closing) {
      if (n > 0) open.set(name, n - 1);
      depth = Math.max(0, depth - 1);
    } else {
      open.set(name, n + 1);
      maxDepth = Math.max(maxDepth, ++depth);
      if (maxDepth > maxXmpDepth) return undefined;
    }
  }
  let unclosed = 0;
  for (const n of open.values()) unclosed += n;
  return unclosed > maxUnclosed ? undefined : short;
}

async function parseXmp(xml: string): Promise<Node | undefined> {
  const tractable = tractableXmp(xml);
  if (tractable === undefined) return undefined;
  try {
    return ((await exifr.sidecar(Buffer.from(tractable, 'utf8'), { mergeOutput: false }, 'xmp')) as Node | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function inspectXmp(xml: string, f: Findings, label = 'XMP'): Promise<XmpResult> {
  const x = aliases(await parseXmp(xml));
  if (!x) {
    f.add({ kind: 'unreadable', count: 1, bytes: Buffer.byteLength(xml) }, label);
    return { regions: [] };
  }
  const exif = ns(x, 'exif');
  const exifEX = ns(x, 'exifEX');
  const tiff = ns(x, 'tiff');
  const aux = ns(x, 'aux');
  const dc = ns(x, 'dc');
  const ps = ns(x, 'photoshop');
  const xmp = ns(x, 'xmp');
  const mm = ns(x, 'xmpMM');
  const core = ns(x, 'Iptc4xmpCore');
  const ext = ns(x, 'Iptc4xmpExt');

  const lat = xmpCoordinate(exif.GPSLatitude);
  const lon = xmpCoordinate(exif.GPSLongitude);
  if (lat !== undefined && lon !== undefined) addLocation(f, lat, lon, label);
  const place = [
    ...texts(core.Location),
    ...texts(ps.City),
    ...texts(ps.State),
    ...texts(ps.Country),
    ...texts(ext.LocationShown),
    ...texts(ext.LocationCreated),
  ].filter((t) => !/^\d+$/.test(t));
  if (place.length) f.add({ kind: 'place', names: [...new Set(place)] }, label);

  const dates: [DateRole, unknown][] = [
    ['taken', exif.DateTimeOriginal ?? ps.DateCreated],
    ['created', xmp.CreateDate],
    ['modified', xmp.ModifyDate],
    ['metadata', xmp.MetadataDate],
  ];
  for (const [role, v] of dates) {
    const s = first(v);
    if (s) f.add({ kind: 'date', role, ...dateValues(s) }, label);
  }
  const device = [first(tiff.Make), first(tiff.Model)].filter(Boolean).join(' ');
  if (device) f.add({ kind: 'device', role: 'camera', name: device }, label);
  const lens = first(aux.Lens) ?? first(exifEX.LensModel);
  if (lens) f.add({ kind: 'device', role: 'lens', name: lens }, label);
  for (const [role, v] of [
    ['camera', aux.SerialNumber ?? exifEX.BodySerialNumber],
    ['lens', aux.LensSerialNumber ?? exifEX.LensSerialNumber],
    ['image', exif.ImageUniqueID],
  ] as const) {
    const s = first(v);
    if (s) f.add({ kind: 'serial', role, value: s }, label);
  }
  const ids = [mm.DocumentID, mm.OriginalDocumentID, mm.InstanceID].map(first).filter(Boolean);
  if (ids.length) f.add({ kind: 'document-ids', count: ids.length }, label);
  const owners = [
    ...texts(dc.creator),
    ...texts(dc.rights),
    ...texts(ns(x, 'xmpRights').Owner),
    ...texts(ps.Credit),
    ...texts(core.CreatorContactInfo),
    ...texts(exifEX.CameraOwnerName),
  ];
  if (owners.length) f.add({ kind: 'owner', names: [...new Set(owners)] }, label);
  const tools = [first(xmp.CreatorTool), ...list(mm.History).map((h) => first((h as Node)?.softwareAgent))].filter((t): t is string => !!t);
  if (tools.length) f.add({ kind: 'software', names: [...new Set(tools)] }, label);
  const words = [
    ...texts(dc.title),
    ...texts(dc.description),
    ...texts(dc.subject),
    ...texts(ps.Headline),
    ...texts(ps.Instructions),
    ...texts(exif.UserComment),
  ];
  if (words.length) f.add({ kind: 'text', role: 'caption', text: [...new Set(words)].join(', ') }, label);

  const regions = faceRegions(x);
  const names = new Set([
    ...regions.map((r) => r.name).filter((n): n is string => !!n),
    ...texts(ext.PersonInImage),
    ...peopleFromKeywords([
      ...texts(ns(x, 'lr').hierarchicalSubject),
      ...texts(ns(x, 'digiKam').TagsList),
      ...texts(ns(x, 'MicrosoftPhoto').LastKeywordXMP),
      ...texts(ns(x, 'mediapro').CatalogSets),
    ]),
  ]);
  if (names.size) f.add({ kind: 'people', names: [...names] }, label);

  motionAndAux(x, f, label);
  // Namespaces nobody here interprets are named (technically) as the block's detail.
  const spaces = Object.keys(x).filter((k) => k !== 'xmlns' && !interpreted.has(k));
  f.add({ kind: 'block', count: 1, bytes: Buffer.byteLength(xml) }, spaces.length ? `${label} (${spaces.slice(0, 8).join(', ')})` : label);
  if (Object.keys(exif).length || Object.keys(exifEX).length) f.add({ kind: 'camera-settings' }, label);
  return { regions };
}

function motionAndAux(x: Node, f: Findings, label: string): void {
  const cam = ns(x, 'GCamera');
  const items = list(ns(x, 'Container').Directory).map((d) => ns(d as Node, 'Item'));
  const semantics = items.map((i) => `${first(i.Semantic) ?? ''}`);
  const motion = first(cam.MotionPhoto) === '1' || first(cam.MicroVideo) === '1' || semantics.includes('MotionPhoto');
  if (motion) f.add({ kind: 'motion-video' }, label);
  for (const s of semantics.filter((s) => s && s !== 'Primary' && s !== 'MotionPhoto')) {
    f.add({ kind: 'aux-image', what: containerItem(s), count: 1 }, label);
  }
  if (Object.keys(ns(x, 'hdrgm')).length) f.add({ kind: 'aux-image', what: 'gain-map', count: 1 }, label);
  if (first(ns(x, 'GDepth').Data)) f.add({ kind: 'aux-image', what: 'depth', count: 1 }, label);
  if (first(ns(x, 'GImage').Data)) f.add({ kind: 'aux-image', what: 'before-blur', count: 1 }, label);
}

/** What a Google container directory's item semantic says the item is. */
function containerItem(semantic: string): AuxImage {
  if (/depth/i.test(semantic)) return 'depth';
  if (/gain/i.test(semantic)) return 'gain-map';
  if (/matte|segment/i.test(semantic)) return 'matte';
  return 'extra';
}

/** MWG (stored frame, centre-based) and Microsoft Photo (upright frame, corner-based) face regions. */
function faceRegions(x: Node): DeclaredRegion[] {
  const out: DeclaredRegion[] = [];
  const mwg = ns(ns(x, 'mwg-rs'), 'Regions');
  const dims = ns(mwg, 'AppliedToDimensions');
  const applied = { w: Number(first(dims.w) ?? NaN), h: Number(first(dims.h) ?? NaN) };
  for (const r of list(mwg.RegionList) as Node[]) {
    const type = first(r?.Type);
    if (type && !/^face$/i.test(type)) continue;
    const a = ns(r, 'Area');
    let [cx, cy, w, h] = [a.x, a.y, a.w, a.h].map((v) => Number(first(v)));
    if (first(a.unit) === 'pixel' && applied.w > 0 && applied.h > 0)
      [cx, w, cy, h] = [cx / applied.w, w / applied.w, cy / applied.h, h / applied.h];
    if (![cx, cy, w, h].every(Number.isFinite) || w <= 0 || h <= 0) continue;
    out.push({
      x: cx - w / 2,
      y: cy - h / 2,
      w,
      h,
      frame: 'stored',
      applied: applied.w > 0 && applied.h > 0 ? applied : undefined,
      name: first(r.Name),
    });
  }
  for (const r of list(ns(ns(x, 'MP'), 'RegionInfo').Regions) as Node[]) {
    const rect = first(r?.Rectangle)?.split(',').map(Number);
    if (!rect || rect.length !== 4 || !rect.every(Number.isFinite) || rect[2] <= 0 || rect[3] <= 0) continue;
    out.push({ x: rect[0], y: rect[1], w: rect[2], h: rect[3], frame: 'upright', name: first(r.PersonDisplayName) });
  }
  return out;
}
