// `inspect` for a path: read it the same way the pipeline does, then list what it gives away.
import { errorView, type ErrorView } from './errors.js';
import { inspectBytes, type Inspection } from './inspect.js';
import { defaultOptions } from './options.js';
import { readSource } from './read.js';

export interface FileInspection extends Partial<Inspection> {
  path: string;
  ok: boolean;
  error?: ErrorView;
}

export async function inspectFile(path: string, limits = { maxFileBytes: defaultOptions.maxFileBytes }): Promise<FileInspection> {
  try {
    const src = await readSource(path, limits);
    return { path, ok: true, ...(await inspectBytes(src.bytes, src.format)) };
  } catch (e) {
    return { path, ok: false, error: errorView(e) };
  }
}
