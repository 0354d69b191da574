// Turns what the user named (files and folders, any mix) into the list of photos to process.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { toSafeError, type ErrorCode } from './errors.js';
import { imageExtensions } from './formats.js';
import { videoExtensions } from './video/format.js';
import { isOurOutputName, isTempName, type Placement } from './naming.js';
import { readableKind } from './read.js';
import { subfolderNames } from './settings.js';

export interface CollectOptions {
  /** Walk subfolders too. */
  recursive: boolean;
  /** Never walk into the output folder (it may sit inside an input folder). */
  outDir?: string;
  /** Also take our own safe copies (verify and inspect look at them; making copies never does). */
  includeOutputs?: boolean;
  /** Named files that are not photos are left out like a folder's (the right-click selection may hold anything). */
  skipNonPhotos?: boolean;
  /** Take clips too (.mp4, .mov…; their content decides later): the doors that make videos safe ask for them. */
  videos?: boolean;
}

/** A file a walk left out; `what` names its kind when known ("DNG camera RAW"); none: not a picture. */
export interface Skipped {
  path: string;
  what?: string;
}

export interface Collected {
  /** Photos in a stable order, each once (the same file named twice is processed once). */
  items: Placement[];
  /** Paths that could not be used, with the reason. */
  problems: { path: string; code: ErrorCode; message: string }[];
  /** Subfolders not entered because `recursive` was off (never the output folder). */
  skippedFolders: number;
  /** Files in the folders walked (or named, with skipNonPhotos) that are not photos: listed, never silent. */
  skipped: Skipped[];
}

const extensions = new Set(imageExtensions);
const clipExtensions = new Set(videoExtensions);

/** Files a walk passes over without a word: hidden files, AppleDouble twins (._IMG_1.jpg), our temp files. */
function unremarkable(name: string): boolean {
  return name.startsWith('.') || isTempName(name);
}

const extensionOf = (name: string) => path.extname(name).slice(1).toLowerCase();

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Expands what a person named — files and folders, any mix — into the photos to process, each once,
 * in a stable order. Folders are read one level deep unless `recursive`; our own safe copies, temp
 * files, anything inside `outDir` and the "Safe to share" folders are left out.
 * @param paths files and folders as the person gave them (relative to the working folder, or absolute)
 * @param options how deep to walk and what to leave out
 * @returns the photos as placements, the paths that could not be used (each with a code and a
 *   sentence) and how many subfolders were not entered
 * @throws never for a bad path: missing or unreadable paths are listed in `problems`
 * @example
 * const { items, problems } = await collectPhotos(['~/Pictures/party', 'beach.jpg'], { recursive: true });
 */
export async function collectPhotos(paths: string[], options: CollectOptions): Promise<Collected> {
  const out: Collected = { items: [], problems: [], skippedFolders: 0, skipped: [] };
  const seenFiles = new Set<string>();
  const taken = (name: string) => extensions.has(extensionOf(name)) || (Boolean(options.videos) && clipExtensions.has(extensionOf(name)));
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

  /** Lists a file that is not taken, with its kind when it has one (a picture the engine does not read, or one with an odd name). */
  const skip = async (file: string) => {
    const kind = await readableKind(file);
    const what = kind.readable ? kind.format.toUpperCase() : kind.what;
    out.skipped.push(what ? { path: file, what } : { path: file });
  };
  /** A named file (with skipNonPhotos): taken when its content is a photo, whatever its name, else listed. */
  const namedFile = async (file: string) => ((await readableKind(file)).readable ? addFile(file) : skip(file));

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
    const others: string[] = [];
    const dirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let kind: 'file' | 'dir' | undefined = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : undefined;
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        kind = target?.isFile() ? 'file' : target?.isDirectory() ? 'dir' : undefined;
      }
      if (kind === 'file' && !unremarkable(entry.name)) {
        if (!taken(entry.name)) others.push(full);
        else if (options.includeOutputs || !isOurOutputName(entry.name)) files.push(full);
      } else if (
        kind === 'dir' &&
        !entry.name.startsWith('.') &&
        (options.includeOutputs || !subfolderNames.includes(entry.name.normalize('NFC')))
      ) {
        // "Safe to share" (or "À partager") beside the photos holds the copies the right-click and the app made: ours, like *.safe.* names.
        dirs.push(full);
      }
    }
    for (const f of files.sort(byName)) await addFile(f, root);
    for (const f of others.sort(byName)) await skip(f);
    if (!options.recursive) {
      // The output folder is ours, not a subfolder the user left out.
      const outside = await Promise.all(dirs.map(async (d) => !outReal || (await realpath(d).catch(() => d)) !== outReal));
      out.skippedFolders += outside.filter(Boolean).length;
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
    else if (options.skipNonPhotos) await namedFile(p);
    else await addFile(p);
  }
  return out;
}
