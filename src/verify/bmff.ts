// AVIF/HEIF allowlist: ftyp, one meta, mdat; items limited to the coded primary image (its grid tiles and
// an alpha plane when the picture has transparency); properties limited to what decoding needs. No Exif
// or XMP items, no thumbnails or other auxiliary images, no video, no unknown boxes, no unused mdat bytes.
import { ispe, itemData, itemProperties, readHeifMeta, walkBmff, type HeifMeta } from '../containers/bmff.js';
import { heifExifStart, startsLikeXml } from '../inspect/blocks.js';
import { problem, structureProblems, trailerProblem, type Check } from './check.js';

const topAllowed = new Set(['ftyp', 'meta', 'mdat']);
const metaAllowed = new Set(['hdlr', 'pitm', 'iloc', 'iinf', 'iprp', 'iref', 'idat', 'dinf']);
const propsAllowed = new Set(['ispe', 'pixi', 'av1C', 'hvcC', 'colr', 'pasp', 'clap', 'auxC', 'lsel', 'a1op', 'a1lx', 'clli', 'mdcv']);
const codedImages = new Set(['av01', 'hvc1']);
const slack = 16;

export function checkBmff(b: Buffer): Check {
  const s = walkBmff(b);
  const c: Check = { problems: structureProblems(s.issues) };
  const metas = s.boxes.filter((x) => x.type === 'meta');
  for (const box of s.boxes) {
    if (topAllowed.has(box.type) || padding(b, box)) continue;
    const code = box.type === 'mpvd' || box.type === 'moov' ? 'motion-video' : 'metadata';
    c.problems.push(problem(code, `A "${box.type.replace(/[^\x20-\x7e]/g, '?')}" box remains; only the image itself is allowed.`));
  }
  if (s.trailer > 0) c.problems.push(trailerProblem(s.trailer, 'image boxes'));
  if (metas.length !== 1) {
    c.problems.push(problem('structure', `The file has ${metas.length} meta boxes instead of exactly one.`));
    return c;
  }
  const meta = metas[0];
  for (const box of meta.children ?? []) {
    if (!metaAllowed.has(box.type))
      c.problems.push(problem('metadata', `A "${box.type.replace(/[^\x20-\x7e]/g, '?')}" box remains inside the image description.`));
  }
  const issues: string[] = [];
  const m = readHeifMeta(b, meta, issues);
  c.problems.push(...structureProblems(issues));
  checkItems(b, m, c);
  checkMdat(
    s.boxes.filter((x) => x.type === 'mdat'),
    m,
    c,
  );
  return c;
}

function isAlpha(b: Buffer, m: HeifMeta, id: number): boolean {
  const auxC = itemProperties(m, id).find((p) => p.type === 'auxC');
  const urn = auxC ? b.toString('latin1', auxC.box.dataOffset + 4, auxC.box.offset + auxC.box.size) : '';
  return /urn:mpeg:(mpegB:cicp:systems:auxiliary:alpha|hevc:2015:auxid:1)/.test(urn);
}

/**
 * `exiftool -all=` and mat2 leave HEIC Exif and XMP items behind with a zero-length extent that points at
 * the coded image. An Exif item without a TIFF header, or an XMP item that does not start with XML, carries
 * nothing a reader would take as metadata, so it is not counted.
 */
function emptyItem(b: Buffer, m: HeifMeta, id: number, type: string): boolean {
  const d = itemData(b, m, id, b.length);
  if (!d) return false;
  if (type === 'Exif') return heifExifStart(d) < 0;
  return !startsLikeXml(d);
}

/** A free/skip box of zeros is padding; one with content could hold anything. */
function padding(b: Buffer, box: { type: string; dataOffset: number; offset: number; size: number }): boolean {
  if ((box.type !== 'free' && box.type !== 'skip') || box.size > 1024 * 1024) return false;
  return b.subarray(box.dataOffset, box.offset + box.size).every((x) => x === 0);
}

function checkItems(b: Buffer, m: HeifMeta, c: Check): void {
  const primary = m.primary;
  const item = m.items.find((i) => i.id === primary);
  if (!item) {
    c.problems.push(problem('structure', 'The file does not name a primary image.'));
    return;
  }
  const tiles = new Set(m.refs.filter((r) => r.type === 'dimg' && r.from === primary).flatMap((r) => r.to));
  const alpha = new Set(m.refs.filter((r) => r.type === 'auxl' && r.to.includes(primary!) && isAlpha(b, m, r.from)).map((r) => r.from));
  const empty = new Set(m.items.filter((i) => (i.type === 'Exif' || i.type === 'mime') && emptyItem(b, m, i.id, i.type)).map((i) => i.id));
  for (const r of m.refs) {
    if (r.type === 'dimg' && r.from === primary) continue;
    if (r.type === 'auxl' && alpha.has(r.from)) continue;
    if (r.type === 'cdsc' && empty.has(r.from)) continue;
    const code = r.type === 'thmb' ? 'thumbnail' : r.type === 'auxl' ? 'extra-image' : 'metadata';
    c.problems.push(
      problem(
        code,
        `A "${r.type}" reference remains (${r.type === 'thmb' ? 'a thumbnail' : r.type === 'auxl' ? 'an auxiliary image such as a depth map' : r.type === 'cdsc' ? 'metadata describing the image' : 'a link between items'}).`,
      ),
    );
  }
  for (const i of m.items) {
    if (i.id === primary) {
      if (!codedImages.has(i.type) && i.type !== 'grid')
        c.problems.push(problem('structure', `The primary image is a "${i.type}" item, not a coded picture.`));
    } else if (i.type === 'Exif') {
      if (!empty.has(i.id)) c.problems.push(problem('metadata', 'An EXIF item remains (it can hold GPS, dates and the device).'));
    } else if (i.type === 'mime') {
      if (!empty.has(i.id)) c.problems.push(problem('metadata', `A ${i.contentType || 'data'} item remains (XMP or other metadata).`));
    } else if (!(codedImages.has(i.type) && (tiles.has(i.id) || alpha.has(i.id))))
      c.problems.push(problem('extra-image', `Another image item (${i.type.trim()}) remains next to the primary one.`));
    for (const p of itemProperties(m, i.id)) {
      if (!propsAllowed.has(p.type)) {
        const code = p.type === 'irot' || p.type === 'imir' ? 'orientation' : 'metadata';
        c.problems.push(
          problem(
            code,
            `An image property "${p.type.replace(/[^\x20-\x7e]/g, '?')}" remains${code === 'orientation' ? ': viewers would turn the photo' : ''}.`,
          ),
        );
      } else if (p.type === 'colr') {
        const kind = b.toString('latin1', p.box.dataOffset, p.box.dataOffset + 4);
        if (kind !== 'nclx')
          c.problems.push(problem('color-profile', 'An ICC colour profile remains (it can name the device and carry a date).'));
      }
    }
  }
  for (const p of itemProperties(m, primary!)) {
    const size = ispe(b, p);
    if (size) [c.width, c.height] = [size.width, size.height];
  }
}

/** mdat bytes that no item points at could hold anything (e.g. a removed item's data). */
function checkMdat(mdats: { dataOffset: number; offset: number; size: number }[], m: HeifMeta, c: Check): void {
  const spans: [number, number][] = [];
  for (const loc of m.locations.values()) {
    if (loc.method !== 0) continue;
    for (const e of loc.extents) spans.push([loc.base + e.offset, loc.base + e.offset + e.length]);
  }
  spans.sort((a, z) => a[0] - z[0]);
  let unused = 0;
  for (const mdat of mdats) {
    let covered = mdat.dataOffset;
    const end = mdat.offset + mdat.size;
    for (const [s, e] of spans) {
      if (e <= covered || s >= end) continue;
      if (s - covered > slack) unused += s - covered;
      covered = Math.max(covered, Math.min(e, end));
    }
    if (end - covered > slack) unused += end - covered;
  }
  if (unused > 0) c.problems.push(problem('trailer', `${unused} bytes of image data belong to no image; they could hold anything.`));
}
