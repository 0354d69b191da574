// RIFF/WebP chunk walker. Pure, bounded and total: malformed input becomes `issues`, never an exception.

interface RiffChunk {
  fourcc: string;
  offset: number;
  /** Declared payload size (may exceed the file when it lies). */
  size: number;
  dataOffset: number;
}

export interface WebpStructure {
  chunks: RiffChunk[];
  /** Canvas size (VP8X) or frame size (VP8/VP8L). */
  width?: number;
  height?: number;
  /** VP8X feature flags: ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02. */
  vp8xFlags?: number;
  /** Offset just after the RIFF payload (8 + declared size, padded). */
  end?: number;
  trailer: number;
  issues: string[];
}

export const vp8xFlag = { icc: 0x20, alpha: 0x10, exif: 0x08, xmp: 0x04, animation: 0x02 } as const;

export function walkWebp(b: Buffer): WebpStructure {
  const s: WebpStructure = { chunks: [], trailer: 0, issues: [] };
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') {
    s.issues.push('the file does not start with a RIFF WebP header');
    return s;
  }
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd > b.length) s.issues.push('the RIFF size runs past the end of the file (it may be cut short)');
  const end = Math.min(riffEnd, b.length);
  let p = 12;
  while (p + 8 <= end) {
    const fourcc = b.toString('latin1', p, p + 4);
    const size = b.readUInt32LE(p + 4);
    s.chunks.push({ fourcc, offset: p, size, dataOffset: p + 8 });
    const d = p + 8;
    if (d + size > end) {
      s.issues.push(`${fourcc.trim()} chunk at offset ${p} runs past the end of the RIFF data`);
      break;
    }
    if (fourcc === 'VP8X' && size >= 10) {
      s.vp8xFlags = b[d];
      s.width = 1 + b.readUIntLE(d + 4, 3);
      s.height = 1 + b.readUIntLE(d + 7, 3);
    } else if (fourcc === 'VP8 ' && s.width === undefined && size >= 10 && b[d + 3] === 0x9d && b[d + 4] === 0x01 && b[d + 5] === 0x2a) {
      s.width = b.readUInt16LE(d + 6) & 0x3fff;
      s.height = b.readUInt16LE(d + 8) & 0x3fff;
    } else if (fourcc === 'VP8L' && s.width === undefined && size >= 5 && b[d] === 0x2f) {
      const bits = b.readUInt32LE(d + 1);
      s.width = (bits & 0x3fff) + 1;
      s.height = ((bits >>> 14) & 0x3fff) + 1;
    }
    p = d + size + (size % 2);
  }
  if (p < end && p + 8 > end) s.issues.push('stray bytes at the end of the RIFF data');
  if (riffEnd <= b.length) {
    s.end = riffEnd;
    s.trailer = b.length - riffEnd;
  }
  return s;
}
