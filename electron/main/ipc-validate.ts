// Everything that arrives from the window is checked here before main acts on it. The window is
// treated as untrusted: a wrong type, a huge list or an odd number is refused with a clear error.
// The shapes are valibot schemas.
import path from 'node:path';
import * as v from 'valibot';
import type { Cover, PhotoId, Rect, SettingsView } from '../../src/contract/bridge.js';
import { coverStyles, facesPolicies, formatChoices, languages, outputPlaces } from '../../src/contract/index.js';

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

/** The value as the schema's output, or an IpcArgumentError with the first problem's sentence. */
function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, value, { abortEarly: true });
  if (!r.success) fail(r.issues[0].message);
  return r.output;
}

const photoIdMessage = 'a photo id must be a positive whole number';
const photoId = v.pipe(v.number(photoIdMessage), v.safeInteger(photoIdMessage), v.minValue(1, photoIdMessage));

const coordinate = (key: keyof Rect) => {
  const message = `a region's ${key} must be a finite number`;
  return v.pipe(v.number(message), v.finite(message), v.maxValue(MAX_COORD, message), v.minValue(-MAX_COORD, message));
};

const rect = v.pipe(
  v.object(
    { x: coordinate('x'), y: coordinate('y'), width: coordinate('width'), height: coordinate('height') },
    'a region must be an object',
  ),
  v.check((r) => r.width > 0 && r.height > 0, 'a region must have a positive width and height'),
);

/** A cover's outline: a rectangle and its shape (the ellipse inscribed in it, or the rectangle itself). */
const shape = v.intersect([
  rect,
  v.object({
    shape: v.picklist(['ellipse', 'rect'], 'a cover must be an ellipse or a rectangle'),
    // A turned ellipse follows a tilted head; its angle in degrees, clockwise.
    angle: v.optional(v.pipe(v.number('an angle must be a number'), v.finite(), v.minValue(-360), v.maxValue(360))),
  }),
]);

const coverMessage = 'a cover must list faces and extra regions';
const cover = v.object(
  {
    faces: v.array(v.nullable(shape), coverMessage),
    extra: v.pipe(v.array(shape, coverMessage), v.maxLength(MAX_RECTS, `at most ${MAX_RECTS} drawn regions per photo`)),
  },
  coverMessage,
);

const exportMessage = 'export needs a list of photos';
const exportRequests = v.pipe(
  v.array(v.object({ id: photoId, cover: v.unknown() }, 'each photo to export must be an object'), exportMessage),
  v.minLength(1, exportMessage),
  v.maxLength(MAX_PATHS, exportMessage),
  v.check((items) => new Set(items.map((i) => i.id)).size === items.length, 'a photo is listed twice'),
);

const droppedMessage = 'a dropped path must be an absolute path';
const droppedPaths = v.pipe(
  v.array(
    v.pipe(
      v.string(droppedMessage),
      v.minLength(1, droppedMessage),
      v.maxLength(4096, droppedMessage),
      v.check((p) => !p.includes('\0') && path.isAbsolute(p), droppedMessage),
    ),
    'a drop must be a list of paths',
  ),
  v.maxLength(MAX_PATHS, 'a drop must be a list of paths'),
);

const oneOf = <T extends readonly [string, ...string[]]>(key: string, list: T) =>
  v.picklist(list, `${key} must be one of ${list.join(', ')}`);

const settings = v.object(
  {
    style: oneOf('style', coverStyles),
    color: v.optional(v.pipe(v.string('color must look like #808080'), v.regex(/^#[0-9a-fA-F]{6}$/, 'color must look like #808080'))),
    faces: oneOf('faces', facesPolicies),
    format: oneOf('format', formatChoices),
    place: oneOf('place', outputPlaces),
    rename: v.boolean('rename must be true or false'),
    folder: v.optional(v.string('the output folder must be chosen with the folder dialog')),
    language: v.optional(oneOf('language', languages)),
  },
  'settings must be an object',
);

export function asPhotoId(value: unknown): PhotoId {
  return parse(photoId, value);
}

/** A cover for a photo with `faceCount` faces: one entry per face (a shape, or null), plus drawn shapes. */
export function asCover(value: unknown, faceCount: number): Cover {
  const c = parse(cover, value);
  if (c.faces.length !== faceCount) fail(`this photo has ${faceCount} faces, the cover lists ${c.faces.length}`);
  return c;
}

/** Export requests: ids and covers; covers are checked against each photo by the caller. */
export function asExportRequests(value: unknown): { id: PhotoId; cover: unknown }[] {
  return parse(exportRequests, value);
}

/** Paths of a drop: absolute, no NUL, a bounded number. */
export function asDroppedPaths(value: unknown): string[] {
  return parse(droppedPaths, value);
}

/**
 * Settings from the window. The output folder is the one exception to "values only": it may only
 * be a folder main itself got from the user through a folder dialog (or the one already saved).
 */
export function asSettings(value: unknown, allowedFolders: ReadonlySet<string>): SettingsView {
  const s: SettingsView = parse(settings, value);
  if (s.folder !== undefined && !allowedFolders.has(s.folder)) fail('the output folder must be chosen with the folder dialog');
  if (s.place === 'folder' && !s.folder) fail('choose an output folder first');
  return s;
}
