// A small MP4 box walker for our own written copies: top-level headers read from the file (the
// media data is never loaded), the movie box read whole and parsed into a tree. Bounded and total:
// lying sizes, deep nesting and truncation become `issues`, never an exception or a hang.
import type { FileHandle } from 'node:fs/promises';

export interface Mp4Box {
  type: string;
  /** Offset of the box in the buffer it was read from (the file for top-level boxes). */
  offset: number;
  size: number;
  /** Payload bytes (header excluded); only kept for boxes inside the movie box. */
  data?: Buffer;
  children?: Mp4Box[];
}

/** Boxes whose payload is a list of boxes, and the bytes that precede that list. */
const containers: Record<string, number> = {
  moov: 0,
  trak: 0,
  edts: 0,
  mdia: 0,
  minf: 0,
  dinf: 0,
  stbl: 0,
  udta: 0,
  dref: 8, // FullBox header + entry count
  stsd: 8,
  avc1: 78, // VisualSampleEntry fields before its child boxes
  mp4a: 28, // AudioSampleEntry (version 0) fields before its child boxes
};

const maxMoov = 64 * 1024 * 1024;
const maxBoxes = 10_000;
const maxDepth = 10;

/** QuickTime sound descriptions of version 1 and 2 carry 16 and 36 more bytes before their child boxes. */
function soundEntryFields(data: Buffer): number {
  const version = data.length >= 10 ? data.readUInt16BE(8) : 0;
  return containers.mp4a! + (version === 1 ? 16 : version === 2 ? 36 : 0);
}

/** Printable box type: a box named with control bytes must not garble a report. */
export function typeName(t: string): string {
  return t.replace(/[^\x20-\x7e]/g, '?');
}

/** Top-level boxes, with the movie box parsed. */
export async function readBoxes(handle: FileHandle, fileSize: number): Promise<{ boxes: Mp4Box[]; issues: string[] }> {
  const issues: string[] = [];
  const boxes: Mp4Box[] = [];
  const head = Buffer.alloc(16);
  let p = 0;
  while (p < fileSize) {
    if (boxes.length > maxBoxes) return { boxes, issues: [...issues, 'too many boxes'] };
    if (p + 8 > fileSize) {
      issues.push(`${fileSize - p} stray bytes at the end of the file`);
      break;
    }
    await handle.read(head, 0, 16, p);
    let size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let header = 8;
    if (size === 1) {
      size = Number(head.readBigUInt64BE(8));
      header = 16;
    } else if (size === 0) size = fileSize - p;
    if (size < header || p + size > fileSize) {
      issues.push(`the "${typeName(type)}" box at ${p} runs past the end of the file`);
      break;
    }
    const box: Mp4Box = { type, offset: p, size };
    if (type === 'moov') {
      if (size > maxMoov) {
        issues.push('the movie box is too large to check');
        break;
      }
      const data = Buffer.alloc(size - header);
      await handle.read(data, 0, data.length, p + header);
      box.data = data;
      box.children = walk(data, containers.moov!, 0, issues, { n: 0 });
    }
    boxes.push(box);
    p += size;
  }
  return { boxes, issues };
}

function walk(b: Buffer, start: number, depth: number, issues: string[], count: { n: number }): Mp4Box[] {
  const out: Mp4Box[] = [];
  if (depth > maxDepth) {
    issues.push('boxes nested too deep');
    return out;
  }
  let p = start;
  while (p < b.length) {
    if (++count.n > maxBoxes) {
      issues.push('too many boxes');
      return out;
    }
    if (p + 8 > b.length) {
      issues.push('stray bytes inside a box');
      return out;
    }
    let size = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    let header = 8;
    if (size === 1 && p + 16 <= b.length) {
      size = Number(b.readBigUInt64BE(p + 8));
      header = 16;
    } else if (size === 0) size = b.length - p;
    if (size < header || p + size > b.length) {
      issues.push(`the "${typeName(type)}" box runs past its parent`);
      return out;
    }
    const data = b.subarray(p + header, p + size);
    const box: Mp4Box = { type, offset: p, size, data };
    const skip = type === 'mp4a' ? soundEntryFields(data) : containers[type];
    if (skip !== undefined) box.children = data.length >= skip ? walk(data, skip, depth + 1, issues, count) : [];
    out.push(box);
    p += size;
  }
  return out;
}
