// What a WebP's RIFF chunks hold: EXIF, XMP, ICC, animation, unknown chunks, and data after the RIFF end.
import { walkWebp } from '../containers/riff.js';
import { emptyBlocks, tiffStart, type Blocks } from './blocks.js';
import { Findings } from './findings.js';
import { describeTrailer } from './trailer.js';

const structural = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);

export function inspectWebp(b: Buffer, f: Findings): Blocks {
  const s = walkWebp(b);
  const blocks: Blocks = { ...emptyBlocks(), width: s.width, height: s.height };
  for (const c of s.chunks) {
    const d = b.subarray(c.dataOffset, Math.min(b.length, c.dataOffset + c.size));
    if (c.fourcc === 'EXIF') {
      const t = tiffStart(d);
      if (t >= 0) blocks.exif.push({ data: d.subarray(t), label: 'WebP EXIF chunk' });
      else f.add({ kind: 'unreadable', count: 1, bytes: d.length }, 'WebP EXIF');
    } else if (c.fourcc === 'XMP ') {
      blocks.xmp.push({ xml: d.toString('utf8'), label: 'WebP XMP chunk' });
    } else if (c.fourcc === 'ICCP') {
      blocks.icc.push({ data: d, label: 'WebP ICCP chunk' });
    } else if (c.fourcc === 'ANIM') {
      f.add({ kind: 'animation' }, 'WebP');
    } else if (!structural.has(c.fourcc)) {
      f.add({ kind: 'unknown', count: 1, bytes: c.size, names: [`WebP "${c.fourcc.replace(/[^\x20-\x7e]/g, '?')}"`] });
    }
  }
  for (const issue of s.issues) f.add({ kind: 'structure', issues: [issue] }, 'WebP');
  if (s.end !== undefined && s.trailer > 0) describeTrailer(b, s.end, f, 'WebP');
  return blocks;
}
