// Turns what the user named (files and folders, any mix) into the list of photos to process.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { toSafeError, type ErrorCode } from './errors.js';
import { imageExtensions } from './formats.js';
import { isOurOutputName, isTempName, type Placement } from './naming.js';

export interface CollectOptions {
  /** Walk subfolders too. */
  recursive: boolean;
  /** Never walk into the output folder (it may sit inside an input folder). */
  outDir?: string;
  /** Also take our own safe copies (verify and inspect look at them; making copies never does). */
  includeOutputs?: boolean;
}

export interface Collected {
  /** Photos in a stable order, each once (the same file named twice is processed once). */
  items: Placement[];
  /** Paths that could not be used, with the reason. */
  problems: { path: string; code: ErrorCode; message: string }[];
  /** Subfolders not entered because `recursive` was off. */
  skippedFolders: number;
}

const extensions = new Set(imageExtensions);

function looksLikePhoto(name: string, includeOutputs: boolean): boolean {
  // macOS AppleDouble files (._IMG_1.jpg) share the name but hold no picture.
  if (name.startsWith('._') || isTempName(name)) return false;
  return extensions.has(path.extname(name).slice(1).toLowerCase()) && (includeOutputs || !isOurOutputName(name));
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Expands what a person named — files and folders, any mix — into the photos to process, each once,
 * in a stable order. Folders are read one level deep unless `recursive`; our own safe copies, temp
 * files and anything inside `outDir` are left out.
 * @param paths files and folders as the person gave them (relative to the working folder, or absolute)
 * @param options how deep to walk and what to leave out
 * @returns the photos as placements, the paths that could not be used (each with a code and a
 *   sentence) and how many subfolders were not entered
 * @throws never for a bad path: missing or unreadable paths are listed in `problems`
 * @example
 * const { items, problems } = await collectPhotos(['~/Pictures/party', 'beach.jpg'], { recursive: true });
 */
export async function collectPhotos(paths: string[], options: CollectOptions): Promise<Collected> {
  const out: Collected = { items: [], problems: [], skippedFolders: 0 };
  const seenFiles = new Set<string>();
  const outReal = options.outDir ? await realpath(options.outDir).catch(() => path.resolve(options.outDir!)) : undefined;

  const addFile = async (file: string, root?: string) => {
    // The file itself, not its name: a symlink, a hard link or a second spelling of the path is the same photo.
    // bigint: Windows file ids do not fit a double. Some network shares give every file id 0: use the path there.
    const info = await stat(file, { bigint: true }).catch(() => undefined);
    const id = info?.ino ? `${info.dev}:${info.ino}` : await realpath(file).catch(() => path.resolve(file));
    if (seenFiles.has(id)) return;
    seenFiles.add(id);
    out.items.push(root ? { input: file, root } : { input: file });
  };

  const walk = async (dir: string, root: string, visited: Set<string>) => {
    const real = await realpath(dir).catch(() => path.resolve(dir));
    // Symlink loops and the output folder are never entered.
    if (visited.has(real) || (outReal && real === outReal)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      const err = toSafeError(e);
      out.problems.push({ path: dir, code: err.code, message: `cannot read this folder (${err.message})` });
      return;
    }
    const files: string[] = [];
    const dirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let kind: 'file' | 'dir' | undefined = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : undefined;
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        kind = target?.isFile() ? 'file' : target?.isDirectory() ? 'dir' : undefined;
      }
      if (kind === 'file' && looksLikePhoto(entry.name, Boolean(options.includeOutputs))) files.push(full);
      else if (kind === 'dir' && !entry.name.startsWith('.')) dirs.push(full);
    }
    for (const f of files.sort(byName)) await addFile(f, root);
    if (!options.recursive) {
      out.skippedFolders += dirs.length;
      return;
    }
    for (const d of dirs.sort(byName)) await walk(d, root, visited);
  };

  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (e) {
      const err = toSafeError(e);
      out.problems.push({ path: p, code: err.code, message: err.code === 'not-found' ? 'no such file or folder' : err.message });
      continue;
    }
    if (info.isDirectory()) await walk(p, p, new Set());
    else await addFile(p);
  }
  return out;
}
