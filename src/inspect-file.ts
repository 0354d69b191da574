// `inspect` for a path: read it the same way the pipeline does, then list what it gives away.
import { errorView, type ErrorView } from './errors.js';
import { inspectBytes, type Inspection } from './inspect/index.js';
import { defaultOptions } from './options.js';
import { readSource } from './read.js';

export interface FileInspection extends Partial<Inspection> {
  path: string;
  ok: boolean;
  error?: ErrorView;
}

/**
 * What a photo gives away — location, dates, device, names, thumbnails, hidden videos — read from the
 * original, which is never changed.
 * @param path the photo
 * @param limits the largest file to read (default: the engine's 200 MB)
 * @returns `ok` with the format, size and findings in plain words, or `ok: false` with an error code
 *   and a sentence (an unreadable or unsupported file)
 * @throws never: every failure is in the result
 * @example
 * const i = await inspectFile('IMG_4032.HEIC');
 * if (i.ok) for (const f of i.findings ?? []) console.log(f.text);
 */
export async function inspectFile(path: string, limits = { maxFileBytes: defaultOptions.maxFileBytes }): Promise<FileInspection> {
  try {
    const src = await readSource(path, limits);
    return { path, ok: true, ...(await inspectBytes(src.bytes, src.format)) };
  } catch (e) {
    return { path, ok: false, error: errorView(e) };
  }
}
