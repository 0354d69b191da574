// What a HEIC/HEIF/AVIF holds: EXIF and XMP items, thumbnails, auxiliary images (depth, gain maps,
// mattes), extra images, Samsung motion-photo video (mpvd) and other top-level boxes.
import { ispe, itemData, itemProperties, readHeifMeta, walkBmff, type HeifMeta } from '../containers/bmff.js';
import { emptyBlocks, heifExifStart, startsLikeXml, type Blocks } from './blocks.js';
import { Findings } from './findings.js';
import type { AuxImage } from '../contract/index.js';
import { describeTrailer } from './trailer.js';

const knownTop = new Set(['ftyp', 'meta', 'mdat', 'free', 'skip']);

/** What an auxiliary image's auxC type says it is. */
function auxKind(urn: string): AuxImage {
  if (/alpha|auxid:1$/i.test(urn)) return 'alpha';
  if (/depth|disparity|auxid:2$/i.test(urn)) return 'depth';
  if (/gainmap/i.test(urn)) return 'gain-map';
  if (/matte/i.test(urn)) return 'matte';
  return 'extra';
}

/** HEIF irot/imir on the primary item, as the equivalent EXIF orientation. */
function orientationOf(b: Buffer, m: HeifMeta, id: number): number | undefined {
  let flip = 0;
  let rot = 0;
  let any = false;
  for (const p of itemProperties(m, id)) {
    const v = p.box.dataOffset < b.length ? b[p.box.dataOffset] : 0;
    if (p.type === 'irot') {
      rot = (rot + 4 - (v & 3)) % 4; // irot turns anticlockwise
      any = true;
    } else if (p.type === 'imir') {
      [flip, rot] = v & 1 ? [flip ^ 1, (6 - rot) % 4] : [flip ^ 1, (4 - rot) % 4];
      any = true;
    }
  }
  if (!any) return undefined;
  const table: Record<string, number> = { '0,0': 1, '1,0': 2, '0,2': 3, '1,2': 4, '1,3': 5, '0,1': 6, '1,1': 7, '0,3': 8 };
  return table[`${flip},${rot}`];
}

export function inspectBmff(b: Buffer, f: Findings): Blocks {
  const s = walkBmff(b);
  const blocks = emptyBlocks();
  const meta = s.boxes.find((x) => x.type === 'meta');
  if (meta) items(b, readHeifMeta(b, meta, s.issues), blocks, f);
  for (const box of s.boxes) {
    if (box.type === 'mpvd') f.add({ kind: 'motion-video', bytes: box.size }, 'Samsung');
    else if (box.type === 'moov') f.add({ kind: 'motion-video', bytes: box.size }, 'HEIF video track');
    else if (box.type === 'sefd') f.add({ kind: 'unknown', count: 1, bytes: box.size, names: ['Samsung extra data'] });
    else if (!knownTop.has(box.type))
      f.add({ kind: 'unknown', count: 1, bytes: box.size, names: [`HEIF "${box.type.replace(/[^\x20-\x7e]/g, '?')}"`] });
  }
  for (const issue of s.issues) f.add({ kind: 'structure', issues: [issue] }, 'HEIF');
  if (s.trailer > 0) describeTrailer(b, s.end, f, 'HEIF');
  return blocks;
}

function items(b: Buffer, m: HeifMeta, blocks: Blocks, f: Findings): void {
  const primary = m.primary ?? m.items.find((i) => !i.hidden)?.id;
  if (primary !== undefined) {
    for (const p of itemProperties(m, primary)) {
      const size = ispe(b, p);
      if (size) [blocks.width, blocks.height] = [size.width, size.height];
      if (p.type === 'colr') {
        const kind = b.toString('latin1', p.box.dataOffset, p.box.dataOffset + 4);
        if (kind === 'prof' || kind === 'rICC')
          blocks.icc.push({ data: b.subarray(p.box.dataOffset + 4, p.box.offset + p.box.size), label: 'HEIF colr' });
      }
    }
    blocks.containerOrientation = orientationOf(b, m, primary);
  }
  const tiles = new Set(m.refs.filter((r) => r.type === 'dimg').flatMap((r) => r.to));
  const thumbs = m.refs.filter((r) => r.type === 'thmb');
  const aux = m.refs.filter((r) => r.type === 'auxl');
  const described = new Set([...thumbs, ...aux].map((r) => r.from));
  if (thumbs.length) f.add({ kind: 'thumbnail', count: thumbs.length }, 'HEIF');
  for (const a of aux) {
    const auxC = itemProperties(m, a.from).find((p) => p.type === 'auxC');
    const urn = auxC ? b.toString('latin1', auxC.box.dataOffset + 4, auxC.box.offset + auxC.box.size).split('\0')[0] : '';
    // Transparency is part of the picture; depth maps, gain maps and mattes are extra images.
    const what = auxKind(urn);
    f.add({ kind: 'aux-image', what, count: 1 }, 'HEIF', what !== 'alpha');
  }
  let exifCount = 0;
  for (const item of m.items) {
    if (item.type === 'Exif') {
      const d = itemData(b, m, item.id);
      const start = d ? heifExifStart(d) : -1;
      if (d && start >= 0) blocks.exif.push({ data: d.subarray(start), label: exifCount++ ? 'HEIF EXIF item' : 'EXIF' });
      else if (d?.length) f.add({ kind: 'unreadable', count: 1, bytes: d.length }, 'HEIF EXIF item', false);
      else f.add({ kind: 'unreadable', count: 1 }, 'HEIF EXIF item', !d);
    } else if (item.type === 'mime') {
      const d = itemData(b, m, item.id);
      if (d && /xml|xmp/i.test(item.contentType ?? '') && startsLikeXml(d)) blocks.xmp.push({ xml: d.toString('utf8'), label: 'XMP' });
      else if (d && /xml|xmp/i.test(item.contentType ?? '')) f.add({ kind: 'block', count: 1, bytes: d.length }, 'XMP');
      else f.add({ kind: 'unknown', count: 1, bytes: d?.length ?? 0, names: [`HEIF ${item.contentType || 'data'} item`] });
    } else if (
      item.type === 'jpeg' ||
      ((item.type === 'hvc1' || item.type === 'av01') && item.id !== primary && !tiles.has(item.id) && !described.has(item.id))
    ) {
      f.add({ kind: 'aux-image', what: 'extra', count: 1 }, `HEIF ${item.type.trim()} item`);
    } else if (item.type === 'uri ') {
      f.add({ kind: 'unknown', count: 1, names: ['HEIF link to external data'] });
    }
  }
}
