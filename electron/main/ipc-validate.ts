// Everything that arrives from the window is checked here before main acts on it. The window is
// treated as untrusted: a wrong type, a huge list or an odd number is refused with a clear error.
import path from 'node:path';
import type { Cover, PhotoId, Rect, SettingsView } from '../../src/contract/bridge.js';
import { coverStyles, facesPolicies, formatChoices, languages, outputPlaces, type Language } from '../../src/contract/index.js';

export class IpcArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcArgumentError';
  }
}

const MAX_PATHS = 10_000;
const MAX_RECTS = 1_000;
const MAX_COORD = 1_000_000;

function fail(message: string): never {
  throw new IpcArgumentError(message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asPhotoId(v: unknown): PhotoId {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) fail('a photo id must be a positive whole number');
  return v;
}

export function asRect(v: unknown): Rect {
  if (!isRecord(v)) fail('a region must be an object');
  const out = {} as Rect;
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > MAX_COORD) fail(`a region's ${key} must be a finite number`);
    out[key] = n;
  }
  if (out.width <= 0 || out.height <= 0) fail('a region must have a positive width and height');
  return out;
}

/** A cover for a photo with `faceCount` faces: one entry per face (a rectangle, or null), plus drawn rectangles. */
export function asCover(v: unknown, faceCount: number): Cover {
  if (!isRecord(v) || !Array.isArray(v.faces) || !Array.isArray(v.extra)) fail('a cover must list faces and extra regions');
  if (v.faces.length !== faceCount) fail(`this photo has ${faceCount} faces, the cover lists ${v.faces.length}`);
  if (v.extra.length > MAX_RECTS) fail(`at most ${MAX_RECTS} drawn regions per photo`);
  return { faces: v.faces.map((f) => (f === null ? null : asRect(f))), extra: v.extra.map(asRect) };
}

/** Export requests: ids and covers; covers are checked against each photo by the caller. */
export function asExportRequests(v: unknown): { id: PhotoId; cover: unknown }[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_PATHS) fail('export needs a list of photos');
  const seen = new Set<number>();
  return v.map((item: unknown) => {
    if (!isRecord(item)) fail('each photo to export must be an object');
    const id = asPhotoId(item.id);
    if (seen.has(id)) fail('a photo is listed twice');
    seen.add(id);
    return { id, cover: item.cover };
  });
}

/** Paths of a drop: absolute, no NUL, a bounded number. */
export function asDroppedPaths(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_PATHS) fail('a drop must be a list of paths');
  return v.map((p: unknown) => {
    if (typeof p !== 'string' || p.length === 0 || p.length > 4096 || p.includes('\0') || !path.isAbsolute(p)) {
      fail('a dropped path must be an absolute path');
    }
    return p;
  });
}

const choices = { style: coverStyles, faces: facesPolicies, format: formatChoices, place: outputPlaces } as const;

/**
 * Settings from the window. The output folder is the one exception to "values only": it may only
 * be a folder main itself got from the user through a folder dialog (or the one already saved).
 */
export function asSettings(v: unknown, allowedFolders: ReadonlySet<string>): SettingsView {
  if (!isRecord(v)) fail('settings must be an object');
  for (const [key, allowed] of Object.entries(choices)) {
    if (!(allowed as readonly unknown[]).includes(v[key])) fail(`${key} must be one of ${allowed.join(', ')}`);
  }
  if (typeof v.rename !== 'boolean') fail('rename must be true or false');
  const s = { style: v.style, faces: v.faces, format: v.format, rename: v.rename, place: v.place } as SettingsView;
  if (v.folder !== undefined) {
    if (typeof v.folder !== 'string' || !allowedFolders.has(v.folder)) fail('the output folder must be chosen with the folder dialog');
    s.folder = v.folder;
  }
  if (s.place === 'folder' && !s.folder) fail('choose an output folder first');
  if (v.language !== undefined) {
    if (!languages.includes(v.language as Language)) fail(`language must be one of ${languages.join(', ')}`);
    s.language = v.language as Language;
  }
  return s;
}
