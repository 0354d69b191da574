// The metadata blocks a container holds, handed from the per-format structure readers to the block readers.

export interface Blocks {
  /** Stored (pre-orientation) pixel size of the primary image. */
  width?: number;
  height?: number;
  /** Orientation the container itself applies (HEIF irot/imir), when it has its own. */
  containerOrientation?: number;
  /** TIFF-structured EXIF blocks (starting at the "II*\0"/"MM\0*" header), with where they sit. */
  exif: { data: Buffer; label: string }[];
  xmp: { xml: string; label: string }[];
  iptc: { data: Buffer; label: string }[];
  icc: { data: Buffer; label: string }[];
}

export const emptyBlocks = (): Blocks => ({ exif: [], xmp: [], iptc: [], icc: [] });

/** Start of a TIFF header inside an EXIF payload ("Exif\0\0" prefixes and HEIF offsets vary). */
export function tiffStart(d: Buffer): number {
  for (let i = 0; i + 4 <= Math.min(d.length, 64); i++) {
    if (
      (d[i] === 0x49 && d[i + 1] === 0x49 && d[i + 2] === 0x2a && d[i + 3] === 0) ||
      (d[i] === 0x4d && d[i + 1] === 0x4d && d[i + 2] === 0 && d[i + 3] === 0x2a)
    )
      return i;
  }
  return -1;
}

/** Start of the TIFF header in a HEIF Exif item (a 4-byte offset comes first), or -1. */
export function heifExifStart(d: Buffer): number {
  if (d.length > 8) {
    const t = 4 + d.readUInt32BE(0);
    if (t < d.length && tiffStart(d.subarray(t, t + 8)) === 0) return t;
  }
  return tiffStart(d);
}

/** Whether an item's bytes start like an XML document (an XMP packet), allowing a BOM and whitespace. */
export function startsLikeXml(d: Buffer): boolean {
  return d
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
}

/** Photoshop image resources (8BIM) inside APP13 or a TIFF tag: IPTC, thumbnails, embedded EXIF/XMP. */
export interface PhotoshopResource {
  id: number;
  data: Buffer;
}

export function photoshopResources(d: Buffer): PhotoshopResource[] {
  const out: PhotoshopResource[] = [];
  let p = d.indexOf('8BIM');
  while (p >= 0 && p + 12 <= d.length && out.length < 1000) {
    if (d.toString('latin1', p, p + 4) !== '8BIM') break;
    const id = d.readUInt16BE(p + 4);
    const nameLen = d[p + 6];
    let q = p + 6 + 1 + nameLen;
    if ((1 + nameLen) % 2) q++;
    if (q + 4 > d.length) break;
    const size = d.readUInt32BE(q);
    const start = q + 4;
    out.push({ id, data: d.subarray(start, Math.min(d.length, start + size)) });
    p = start + size + (size % 2);
  }
  return out;
}
