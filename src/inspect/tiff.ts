// A TIFF file is itself one EXIF-style structure: IFD0 is the image, and tags in it can carry XMP,
// IPTC, Photoshop resources and ICC. Extra IFDs in the chain are further pages or previews.
import { entry, tiffReader, walkTiff } from '../containers/tiff.js';
import { emptyBlocks, photoshopResources, type Blocks } from './blocks.js';
import { Findings } from './findings.js';

export function inspectTiff(b: Buffer, f: Findings): Blocks {
  const blocks = emptyBlocks();
  const t = walkTiff(b);
  const r = tiffReader(b);
  const ifd0 = t.ifds.find((i) => i.name === 'IFD0');
  if (!r || !ifd0) {
    f.add({ kind: 'unreadable', count: 1 }, 'TIFF');
    return blocks;
  }
  blocks.width = entry(ifd0, 256) ? r.numbers(entry(ifd0, 256)!, 1)[0] : undefined;
  blocks.height = entry(ifd0, 257) ? r.numbers(entry(ifd0, 257)!, 1)[0] : undefined;
  blocks.exif.push({ data: b, label: 'TIFF tags' });
  const bytes = (tag: number) => {
    const e = entry(ifd0, tag);
    return e && e.valueOffset + e.valueBytes <= b.length ? b.subarray(e.valueOffset, e.valueOffset + e.valueBytes) : undefined;
  };
  const xmp = bytes(0x02bc);
  if (xmp) blocks.xmp.push({ xml: xmp.toString('utf8'), label: 'XMP' });
  const iptc = bytes(0x83bb);
  if (iptc) blocks.iptc.push({ data: iptc, label: 'IPTC' });
  const icc = bytes(0x8773);
  if (icc) blocks.icc.push({ data: icc, label: 'TIFF' });
  const ps = bytes(0x8649);
  if (ps) {
    for (const res of photoshopResources(ps)) {
      if (res.id === 0x0404 && !iptc) blocks.iptc.push({ data: res.data, label: 'IPTC (Photoshop)' });
      if (res.id === 0x0409 || res.id === 0x040c) f.add({ kind: 'thumbnail', count: 1 }, 'Photoshop');
    }
  }
  const pages = t.ifds.filter((i) => /^IFD[1-9]/.test(i.name) && entry(i, 0x0111)).length;
  const subs = t.ifds.filter((i) => i.name === 'SubIFD').length;
  if (pages) f.add({ kind: 'aux-image', what: 'pages', count: pages }, 'TIFF');
  if (subs) f.add({ kind: 'thumbnail', count: subs }, 'TIFF');
  return blocks;
}
