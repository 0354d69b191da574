// Step 1 of a photo's journey: the bytes, the real format (from magic bytes), the size limit.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { SafeError, toSafeError } from './errors.js';
import { cameraRawInTiff, sniff } from './formats.js';
import type { ImageFormat } from './types.js';
import { byteSize } from './util/text.js';

export interface Source {
  path: string;
  bytes: Buffer;
  format: ImageFormat;
  /** sha256 of the original, so a later render can tell the file changed since analysis. */
  hash: string;
}

export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** "a DNG camera RAW file" → "DNG camera RAW": the kind alone, for a sentence in any language. */
function kindName(name: string): string {
  return name.replace(/^an? /, '').replace(/ (file|document)$/, '');
}

/** Reads a file without ever following it into something that is not a regular file. */
export async function readSource(path: string, limits: { maxFileBytes: number }): Promise<Source> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new SafeError('not-a-file', 'this is a folder, not a photo');
    if (!info.isFile()) throw new SafeError('not-a-file', 'this is not a regular file');
    if (info.size === 0) throw new SafeError('empty', 'the file is empty (0 bytes)');
    if (info.size > limits.maxFileBytes) {
      throw new SafeError('too-large', `the file is ${byteSize(info.size)}, above the ${byteSize(limits.maxFileBytes)} limit`);
    }
    // Read through one handle, bounded by the limit, so a file that grows meanwhile cannot blow it.
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, limits.maxFileBytes));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw toSafeError(e);
  }
  if (bytes.length === 0) throw new SafeError('empty', 'the file is empty (0 bytes)');
  const sniffed = sniff(bytes);
  if (sniffed.kind === 'unknown') {
    throw new SafeError('not-an-image', 'this is not an image (its content matches no picture format, whatever its name says)');
  }
  if (sniffed.kind === 'unsupported') {
    throw new SafeError('unsupported-format', `${sniffed.name} is not supported; export it as JPEG or PNG first`, {
      values: { what: kindName(sniffed.name) },
    });
  }
  const raw = sniffed.format === 'tiff' ? cameraRawInTiff(bytes) : undefined;
  if (raw)
    throw new SafeError('unsupported-format', `${raw} is not supported; export it as JPEG from your photo app first`, {
      values: { what: kindName(raw) },
    });
  return { path, bytes, format: sniffed.format, hash: hashBytes(bytes) };
}

/**
 * Whether a file is a picture the engine reads, from its first bytes: a folder walk uses it to say
 * why it left a file out ("DNG camera RAW"; no `what`: not a picture at all).
 */
export async function readableKind(path: string): Promise<{ readable: true; format: ImageFormat } | { readable: false; what?: string }> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return { readable: false };
  }
  const sniffed = sniff(head);
  if (sniffed.kind === 'unknown') return { readable: false };
  if (sniffed.kind === 'unsupported') return { readable: false, what: kindName(sniffed.name) };
  const raw = sniffed.format === 'tiff' ? cameraRawInTiff(head) : undefined;
  return raw ? { readable: false, what: kindName(raw) } : { readable: true, format: sniffed.format };
}
