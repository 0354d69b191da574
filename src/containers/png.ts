// PNG chunk walker. Pure, bounded and total: malformed input becomes `issues`, never an exception.
import { inflateSync } from 'node:zlib';

export interface PngChunk {
  type: string;
  offset: number;
  /** Declared data length (may exceed the file when it lies). */
  length: number;
  dataOffset: number;
}

export interface PngStructure {
  chunks: PngChunk[];
  width?: number;
  height?: number;
  bitDepth?: number;
  colorType?: number;
  interlace?: number;
  /** Offset just after IEND's CRC; undefined without IEND. */
  end?: number;
  trailer: number;
  issues: string[];
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function walkPng(b: Buffer): PngStructure {
  const s: PngStructure = { chunks: [], trailer: 0, issues: [] };
  if (b.length < 8 || !b.subarray(0, 8).equals(signature)) {
    s.issues.push('the file does not start with the PNG signature');
    return s;
  }
  let p = 8;
  while (p + 8 <= b.length) {
    const length = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const chunk: PngChunk = { type, offset: p, length, dataOffset: p + 8 };
    if (!/^[A-Za-z]{4}$/.test(type)) {
      s.issues.push(`a chunk with an invalid name at offset ${p}`);
      return s;
    }
    s.chunks.push(chunk);
    const next = p + 12 + length;
    if (next > b.length) {
      s.issues.push(`${type} chunk at offset ${p} runs past the end of the file`);
      return s;
    }
    if (type === 'IHDR' && length >= 13 && s.width === undefined) {
      s.width = b.readUInt32BE(p + 8);
      s.height = b.readUInt32BE(p + 12);
      s.bitDepth = b[p + 16];
      s.colorType = b[p + 17];
      s.interlace = b[p + 20];
    }
    p = next;
    if (type === 'IEND') {
      s.end = p;
      s.trailer = b.length - p;
      return s;
    }
  }
  s.issues.push('the file ends without a PNG end chunk (it may be cut short)');
  return s;
}

export function chunkData(b: Buffer, c: PngChunk): Buffer {
  return b.subarray(c.dataOffset, Math.min(b.length, c.dataOffset + c.length));
}

export interface PngText {
  chunk: 'tEXt' | 'zTXt' | 'iTXt';
  keyword: string;
  /** The text, or undefined when it could not be decompressed. */
  text?: string;
}

/** Caps inflated text so a zip bomb in a text chunk cannot exhaust memory. */
const maxTextBytes = 4 * 1024 * 1024;

/** Inflates at most `limit` bytes; undefined when the data is broken or would exceed it. */
export function inflate(data: Buffer, limit: number): Buffer | undefined {
  if (limit <= 0) return undefined;
  try {
    return inflateSync(data, { maxOutputLength: limit });
  } catch {
    return undefined;
  }
}

/** Decodes a tEXt, zTXt or iTXt chunk, inflating at most `limit` bytes. */
export function readPngText(b: Buffer, c: PngChunk, limit = maxTextBytes): PngText | undefined {
  limit = Math.min(limit, maxTextBytes);
  if (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') return undefined;
  const d = chunkData(b, c);
  const nul = d.indexOf(0);
  if (nul < 0) return { chunk: c.type, keyword: d.toString('latin1', 0, Math.min(d.length, 79)) };
  const keyword = d.toString('latin1', 0, nul);
  if (c.type === 'tEXt') return { chunk: c.type, keyword, text: d.toString('latin1', nul + 1) };
  if (c.type === 'zTXt') return { chunk: c.type, keyword, text: inflate(d.subarray(nul + 2), limit)?.toString('latin1') };
  // iTXt: keyword\0 compressed-flag method language\0 translated-keyword\0 text
  const compressed = d[nul + 1] === 1;
  const langEnd = d.indexOf(0, nul + 3);
  const transEnd = langEnd < 0 ? -1 : d.indexOf(0, langEnd + 1);
  if (transEnd < 0) return { chunk: c.type, keyword };
  const raw = d.subarray(transEnd + 1);
  const text = compressed ? inflate(raw, limit)?.toString('utf8') : raw.toString('utf8');
  return { chunk: c.type, keyword, text };
}
