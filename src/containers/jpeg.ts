// JPEG segment walker. Pure, bounded and total: malformed input becomes `issues`, never an exception.
// Each step moves forward, so a lying length can end the walk early but cannot make it loop.

export interface JpegSegment {
  /** Marker byte after 0xFF (0xE1 = APP1, 0xDA = SOS, ...). */
  marker: number;
  name: string;
  /** Offset of the 0xFF that starts the marker. */
  offset: number;
  /** Bytes from the marker to the end of the segment header/payload (not the entropy data after SOS). */
  length: number;
  /** Payload (after the 2-byte length field); empty for standalone markers. */
  dataOffset: number;
  dataLength: number;
}

export interface JpegStructure {
  segments: JpegSegment[];
  /** From the first SOF. */
  width?: number;
  height?: number;
  components?: number;
  /** Offset just after the first EOI; undefined when the file ends without one. */
  end?: number;
  /** Bytes after the first EOI. */
  trailer: number;
  issues: string[];
}

const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd8);
const sofMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function isSof(marker: number): boolean {
  return sofMarkers.has(marker);
}

function markerName(m: number): string {
  if (m >= 0xe0 && m <= 0xef) return `APP${m - 0xe0}`;
  if (m >= 0xd0 && m <= 0xd7) return `RST${m - 0xd0}`;
  if (sofMarkers.has(m)) return `SOF${m - 0xc0}`;
  const names: Record<number, string> = {
    0xd8: 'SOI',
    0xd9: 'EOI',
    0xda: 'SOS',
    0xdb: 'DQT',
    0xc4: 'DHT',
    0xdd: 'DRI',
    0xfe: 'COM',
    0xcc: 'DAC',
    0xdc: 'DNL',
    0xde: 'DHP',
    0xdf: 'EXP',
    0x01: 'TEM',
  };
  return names[m] ?? `0x${m.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Skips entropy-coded data: returns the offset of the next real marker (not stuffing, not RSTn). */
function skipEntropy(b: Buffer, from: number): number {
  let p = from;
  for (;;) {
    const ff = b.indexOf(0xff, p);
    if (ff < 0 || ff + 1 >= b.length) return b.length;
    const next = b[ff + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      p = next === 0xff ? ff + 1 : ff + 2;
      continue;
    }
    return ff;
  }
}

export function walkJpeg(b: Buffer): JpegStructure {
  const s: JpegStructure = { segments: [], trailer: 0, issues: [] };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) {
    s.issues.push('the file does not start with a JPEG start-of-image marker');
    return s;
  }
  s.segments.push({ marker: 0xd8, name: 'SOI', offset: 0, length: 2, dataOffset: 2, dataLength: 0 });
  let p = 2;
  while (p < b.length) {
    if (b[p] !== 0xff) {
      s.issues.push(`unexpected byte where a marker should be, at offset ${p}`);
      p = skipEntropy(b, p);
      if (p >= b.length) break;
    }
    // Any number of 0xFF fill bytes may precede a marker.
    while (p + 1 < b.length && b[p + 1] === 0xff) p++;
    if (p + 1 >= b.length) break;
    const marker = b[p + 1];
    const offset = p;
    if (marker === 0xd9) {
      s.segments.push({ marker, name: 'EOI', offset, length: 2, dataOffset: p + 2, dataLength: 0 });
      s.end = p + 2;
      s.trailer = b.length - s.end;
      return s;
    }
    if (standalone(marker) || marker === 0x00) {
      if (marker === 0xd8 || marker === 0x00) s.issues.push(`misplaced ${markerName(marker)} marker at offset ${p}`);
      s.segments.push({ marker, name: markerName(marker), offset, length: 2, dataOffset: p + 2, dataLength: 0 });
      p += 2;
      continue;
    }
    if (p + 4 > b.length) {
      s.issues.push('the file is cut short inside a segment header');
      break;
    }
    const len = b.readUInt16BE(p + 2);
    if (len < 2) {
      s.issues.push(`${markerName(marker)} segment at offset ${p} has an impossible length ${len}`);
      break;
    }
    const segEnd = p + 2 + len;
    if (segEnd > b.length) s.issues.push(`${markerName(marker)} segment at offset ${p} runs past the end of the file`);
    const dataLength = Math.max(0, Math.min(segEnd, b.length) - (p + 4));
    s.segments.push({ marker, name: markerName(marker), offset, length: Math.min(segEnd, b.length) - p, dataOffset: p + 4, dataLength });
    if (isSof(marker) && s.width === undefined && dataLength >= 6) {
      s.height = b.readUInt16BE(p + 5);
      s.width = b.readUInt16BE(p + 7);
      s.components = b[p + 9];
    }
    p = segEnd;
    if (marker === 0xda) p = skipEntropy(b, Math.min(p, b.length));
  }
  s.issues.push('the file ends without a JPEG end-of-image marker (it may be cut short)');
  return s;
}

/** The payload of a segment. */
export function segmentData(b: Buffer, seg: JpegSegment): Buffer {
  return b.subarray(seg.dataOffset, seg.dataOffset + seg.dataLength);
}

/** The identifier an APPn payload starts with ("Exif", "http://ns.adobe.com/xap/1.0/", "MPF", ...). */
export function appIdentifier(b: Buffer, seg: JpegSegment): string {
  const d = segmentData(b, seg).subarray(0, 40);
  const nul = d.indexOf(0);
  return d.toString('latin1', 0, nul < 0 ? Math.min(d.length, 32) : nul);
}
