// What a GIF's blocks hold: comments, XMP and other application data, extra frames, trailing data.
import { walkGif } from '../containers/gif.js';
import { emptyBlocks, type Blocks } from './blocks.js';
import { Findings, clip } from './findings.js';
import { describeTrailer } from './trailer.js';

/** Concatenates data sub-blocks starting at `p` (bounded by `end`). */
function subBlocks(b: Buffer, p: number, end: number): Buffer {
  const parts: Buffer[] = [];
  while (p < end && b[p] !== 0) {
    parts.push(b.subarray(p + 1, Math.min(end, p + 1 + b[p])));
    p += 1 + b[p];
  }
  return Buffer.concat(parts);
}

export function inspectGif(b: Buffer, f: Findings): Blocks {
  const s = walkGif(b);
  const blocks: Blocks = { ...emptyBlocks(), width: s.width, height: s.height };
  for (const blk of s.blocks) {
    if (blk.kind === 'comment') {
      const text = subBlocks(b, blk.offset + 2, blk.end).toString('latin1');
      f.add({ kind: 'comment', text }, 'GIF');
    } else if (blk.kind === 'plain-text') {
      f.add({ kind: 'text', role: 'overlay' }, 'GIF');
    } else if (blk.kind === 'application' && blk.application === 'XMP DataXMP') {
      // XMP in GIF is raw UTF-8 followed by a "magic trailer", not real sub-blocks.
      const raw = b.subarray(blk.offset + 14, blk.end).toString('utf8');
      const stop = raw.lastIndexOf('<?xpacket end');
      blocks.xmp.push({ xml: stop > 0 ? raw.slice(0, raw.indexOf('>', stop) + 1) : raw, label: 'GIF XMP' });
    } else if (blk.kind === 'application' && blk.application === 'ICCRGBG1012') {
      blocks.icc.push({ data: subBlocks(b, blk.offset + 14, blk.end), label: 'GIF' });
    } else if (blk.kind === 'application' && blk.application !== 'NETSCAPE2.0' && blk.application !== 'ANIMEXTS1.0') {
      f.add({ kind: 'unknown', count: 1, names: [`GIF "${clip(blk.application ?? '?', 20)}"`] });
    }
  }
  if (s.frames > 1) f.add({ kind: 'animation', frames: s.frames }, 'GIF');
  for (const issue of s.issues) f.add({ kind: 'structure', issues: [issue] }, 'GIF');
  if (s.end !== undefined && s.trailer > 0) describeTrailer(b, s.end, f, 'GIF');
  return blocks;
}
