// What a file gives away, as facts. Container walkers find the metadata blocks; exifr reads them;
// the rules in src/inspect/ turn them into findings. Never throws: an unreadable block is itself a finding.
import type { Finding, ImageFormat, Rect } from '../types.js';
import type { Blocks } from './blocks.js';
import { Findings } from './findings.js';
import { inspectExif } from './exif.js';
import { inspectXmp } from './xmp.js';
import { inspectIptc } from './iptc.js';
import { inspectIcc } from './icc.js';
import { inspectJpeg } from './jpeg.js';
import { inspectPng } from './png.js';
import { inspectTiff } from './tiff.js';
import { inspectWebp } from './webp.js';
import { inspectBmff } from './bmff.js';
import { inspectGif } from './gif.js';
import { uprightRegions, type DeclaredRegion } from './regions.js';

export interface Inspection {
  format: ImageFormat;
  bytes: number;
  /** Stored (pre-orientation) pixel size, when known. */
  width?: number;
  height?: number;
  /** EXIF orientation 1..8, when present. */
  orientation?: number;
  /** Sensitive findings first. */
  findings: Finding[];
  /** Faces the file itself declares (XMP MWG / Microsoft regions), in upright pixels of the primary image. */
  faceRegions: Rect[];
}

function structure(bytes: Buffer, format: ImageFormat, f: Findings): Blocks {
  switch (format) {
    case 'jpeg':
      return inspectJpeg(bytes, f);
    case 'png':
      return inspectPng(bytes, f);
    case 'tiff':
      return inspectTiff(bytes, f);
    case 'webp':
      return inspectWebp(bytes, f);
    case 'heic':
    case 'avif':
      return inspectBmff(bytes, f);
    case 'gif':
      return inspectGif(bytes, f);
  }
}

export async function inspectBytes(bytes: Buffer, format: ImageFormat): Promise<Inspection> {
  const f = new Findings();
  let blocks: Blocks;
  try {
    blocks = structure(bytes, format, f);
  } catch {
    // The walkers are written not to throw; this is the last line of defence for a report, not a crash.
    f.add({ kind: 'unreadable', count: 1 });
    blocks = { exif: [], xmp: [], iptc: [], icc: [] };
  }
  let orientation: number | undefined;
  const regions: DeclaredRegion[] = [];
  // Each block is read on its own: a block that breaks a reader becomes a finding, the rest are still read.
  const read = async (label: string, fn: () => Promise<void> | void) => {
    try {
      await fn();
    } catch {
      f.add({ kind: 'unreadable', count: 1 }, label);
    }
  };
  for (const e of blocks.exif) {
    f.add({ kind: 'block', count: 1, bytes: e.data.length }, e.label);
    await read(e.label, async () => {
      orientation ??= (await inspectExif(e.data, f, e.label)).orientation;
    });
  }
  for (const x of blocks.xmp) await read(x.label, async () => void regions.push(...(await inspectXmp(x.xml, f, x.label)).regions));
  for (const i of blocks.iptc) await read(i.label, () => inspectIptc(i.data, f, i.label));
  for (const c of blocks.icc) await read(c.label, () => inspectIcc(c.data, f, c.label));

  // HEIF decoders apply the container's irot/imir and ignore the EXIF flag; other formats follow EXIF.
  const shown = format === 'heic' || format === 'avif' ? blocks.containerOrientation : orientation;
  if (orientation !== undefined && orientation !== 1) {
    f.add({ kind: 'orientation', orientation });
  }
  const faceRegions =
    regions.length && blocks.width && blocks.height
      ? uprightRegions(regions, { width: blocks.width, height: blocks.height }, shown ?? 1)
      : [];
  if (regions.length) {
    const count = faceRegions.length || regions.length;
    f.add({ kind: 'face-regions', count });
  }
  return {
    format,
    bytes: bytes.length,
    ...(blocks.width !== undefined && blocks.height !== undefined ? { width: blocks.width, height: blocks.height } : {}),
    ...(orientation !== undefined ? { orientation } : {}),
    findings: f.sorted(),
    faceRegions,
  };
}
