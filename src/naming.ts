// Where a safe copy goes and what it is called. Pure functions: no file system access here.
import path from 'node:path';
import { extensionFor } from './formats.js';
import type { OutputFormat } from './types.js';

export interface Placement {
  /** The input photo. */
  input: string;
  /** The folder argument the photo was found under, when it came from a folder (for mirroring). */
  root?: string;
  /** Position in the batch, from 1, for neutral names. */
  index?: number;
}

export interface NamingChoices {
  outDir?: string;
  rename: boolean;
}

/** Marks our own outputs, so walking a folder never re-processes them. */
const safeSuffix = /\.safe(-\d+)?$/i;
const tempPattern = /^\.share-safely-.*\.tmp$/;

export function isOurOutputName(file: string): boolean {
  const base = path.basename(file);
  return safeSuffix.test(base.slice(0, base.length - path.extname(base).length)) || tempPattern.test(base);
}

export function isTempName(file: string): boolean {
  return tempPattern.test(path.basename(file));
}

/** A hidden, recognisable temp name beside the final file; the next run cleans leftovers. */
export function tempNameFor(finalPath: string, unique: string): string {
  return path.join(path.dirname(finalPath), `.share-safely-${unique}.tmp`);
}

/**
 * The first-choice output path: NAME.safe.EXT beside the original, or under outDir mirroring the
 * photo's subfolder below its folder argument; with `rename`, photo-001.EXT (camera names leak dates).
 * Video copies are always MP4 ('mp4').
 */
export function outputPathFor(p: Placement, format: OutputFormat | 'mp4', choices: NamingChoices): string {
  const ext = format === 'mp4' ? 'mp4' : extensionFor[format];
  const parsed = path.parse(p.input);
  // A safe copy made safe again keeps one ".safe": x.safe.jpg gives x.safe-2.jpg, never x.safe.safe.jpg.
  const name = choices.rename ? `photo-${String(p.index ?? 1).padStart(3, '0')}` : `${parsed.name.replace(safeSuffix, '')}.safe`;
  let dir = parsed.dir;
  if (choices.outDir) {
    const sub = p.root ? path.relative(p.root, parsed.dir) : '';
    // A relative path that climbs out of the root would escape outDir: flatten instead.
    dir = sub && !sub.startsWith('..') && !path.isAbsolute(sub) ? path.join(choices.outDir, sub) : choices.outDir;
  }
  return path.join(dir, `${name}.${ext}`);
}

/** The n-th alternative when the first choice exists: NAME.safe-2.EXT, NAME.safe-3.EXT… */
export function alternativePath(first: string, n: number): string {
  if (n <= 1) return first;
  const parsed = path.parse(first);
  return path.join(parsed.dir, `${parsed.name}-${n}${parsed.ext}`);
}
