// GIF block walker. Pure, bounded and total: malformed input becomes `issues`, never an exception.

interface GifBlock {
  /** 'image', 'comment', 'application', 'graphic-control', 'plain-text', 'extension-XX'. */
  kind: string;
  offset: number;
  /** Offset just after the block (its data sub-blocks included). */
  end: number;
  /** Application identifier + auth code ("NETSCAPE2.0", "XMP DataXMP", "ICCRGBG1012"). */
  application?: string;
  /** Image descriptor position and size. */
  rect?: { left: number; top: number; width: number; height: number };
}

export interface GifStructure {
  width?: number;
  height?: number;
  blocks: GifBlock[];
  frames: number;
  /** Offset just after the trailer byte (0x3B). */
  end?: number;
  trailer: number;
  issues: string[];
}

/** Skips data sub-blocks (length byte + data, ended by a zero length); returns the offset after them. */
function skipSubBlocks(b: Buffer, p: number): number {
  while (p < b.length) {
    const n = b[p];
    p += 1 + n;
    if (n === 0) return p;
  }
  return -1;
}

const maxBlocks = 100_000;

export function walkGif(b: Buffer): GifStructure {
  const s: GifStructure = { blocks: [], frames: 0, trailer: 0, issues: [] };
  const sig = b.toString('latin1', 0, 6);
  if (b.length < 13 || (sig !== 'GIF87a' && sig !== 'GIF89a')) {
    s.issues.push('the file does not start with a GIF header');
    return s;
  }
  s.width = b.readUInt16LE(6);
  s.height = b.readUInt16LE(8);
  const packed = b[10];
  let p = 13 + (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);
  while (p < b.length && s.blocks.length < maxBlocks) {
    const intro = b[p];
    if (intro === 0x3b) {
      s.end = p + 1;
      s.trailer = b.length - s.end;
      return s;
    }
    let next: number;
    const block: GifBlock = { kind: '', offset: p, end: p };
    if (intro === 0x21 && p + 2 < b.length) {
      const label = b[p + 1];
      block.kind =
        ({ 0xfe: 'comment', 0xff: 'application', 0xf9: 'graphic-control', 0x01: 'plain-text' } as Record<number, string>)[label] ??
        `extension-${label.toString(16)}`;
      if (label === 0xff && b[p + 2] >= 11 && p + 14 <= b.length) block.application = b.toString('latin1', p + 3, p + 14);
      next = skipSubBlocks(b, p + 2);
    } else if (intro === 0x2c && p + 10 <= b.length) {
      block.kind = 'image';
      block.rect = { left: b.readUInt16LE(p + 1), top: b.readUInt16LE(p + 3), width: b.readUInt16LE(p + 5), height: b.readUInt16LE(p + 7) };
      const lp = b[p + 9];
      const q = p + 10 + (lp & 0x80 ? 3 * (1 << ((lp & 7) + 1)) : 0) + 1; // + LZW minimum code size
      next = q <= b.length ? skipSubBlocks(b, q) : -1;
      s.frames++;
    } else {
      s.issues.push(`an unknown GIF block (0x${intro.toString(16)}) at offset ${p}`);
      return s;
    }
    if (next < 0) {
      s.issues.push('the file is cut short inside a GIF block');
      return s;
    }
    block.end = next;
    s.blocks.push(block);
    p = next;
  }
  s.issues.push('the file ends without a GIF trailer (it may be cut short)');
  return s;
}
