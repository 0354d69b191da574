// Shared shapes of the engine's public API. Every door (CLI, desktop, right-click) sees these.

/** Image formats the engine recognises from magic bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'heic' | 'gif';

/** Formats the engine writes (sharp can encode them all). */
export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'gif';

/** An axis-aligned rectangle in the upright image's pixels (integers). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One cover, in the upright output's pixels: the ellipse inscribed in the box (a head, as the
 * engine plans it) or the box itself (drawn by hand: a name badge, a house number). Inside it the
 * output keeps nothing of the original finer than a few cell averages; the box may run past the
 * picture's edges, so a head cut by the frame keeps its shape.
 */
export interface Cover extends Rect {
  shape: 'ellipse' | 'rect';
}

/** Decoded, upright (orientation applied), sRGB pixels of the primary image. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * What kind of thing a file gives away. The desktop app translates by kind;
 * `text` is the plain-English sentence the CLI prints.
 */
export type FindingKind =
  | 'location' // GPS coordinates (or an empty GPS block)
  | 'date' // capture / modification dates
  | 'device' // camera or phone make/model, lens
  | 'serial' // body/lens serial numbers, unique image IDs
  | 'owner' // artist, copyright, owner name, creator
  | 'software' // editing software, firmware
  | 'thumbnail' // embedded preview or thumbnail images (may show the photo before edits)
  | 'people' // names of people (XMP/IPTC person tags, face-region names)
  | 'face-regions' // face rectangles stored in the file
  | 'motion-video' // a hidden video (motion photo, Live Photo trailer)
  | 'aux-image' // depth maps, gain maps, MPF secondary images, HEIC auxiliary images
  | 'text' // free text: descriptions, keywords, PNG/WebP text chunks (AI prompts)
  | 'comment' // JPEG/GIF comments
  | 'trailer' // data after the image's end marker
  | 'color-profile' // an embedded ICC profile (fingerprintable, harmless once converted)
  | 'orientation' // EXIF orientation flag (applied to pixels, then dropped)
  | 'camera-settings' // exposure, focal length and the like (EXIF, MakerNotes)
  | 'other'; // any other metadata block

export interface Finding {
  kind: FindingKind;
  /** Plain words, e.g. "Location: 48.8566 N, 2.3522 E". */
  text: string;
  /** Structured values behind the text, for translation (e.g. { lat, lon }). */
  values?: Record<string, string | number>;
  /** True when the finding says who, where or when (shown first, counted in summaries). */
  sensitive: boolean;
}

/** A face the engine knows about, in upright pixels. */
export interface Face {
  box: Rect;
  /** Detector confidence 0..1; 1 for regions the file itself declares. */
  score: number;
  /** Where the face came from. */
  source: 'detector' | 'file';
  /** Estimated age when `faces: 'children'` asked for it. */
  age?: number;
  /** True when policy leaves this face uncovered (e.g. an adult under `faces: 'children'`). */
  keep?: boolean;
  /** Why a face is kept, in plain words (reported). */
  keepReason?: string;
}

export type WarningCode =
  | 'no-face' // nothing found: check before sharing
  | 'small-face' // faces near the detector's limit
  | 'low-confidence'
  | 'animated' // only the first frame was kept
  | 'downscaled'
  | 'cover-grown' // the post-cover check found a face and the cover was enlarged
  | 'face-left-uncovered';

export interface Warning {
  code: WarningCode;
  message: string;
}

/** A problem `verify` found in a written file. */
export interface Problem {
  code: string;
  message: string;
}

export interface VerifyReport {
  path: string;
  clean: boolean;
  format?: ImageFormat;
  width?: number;
  height?: number;
  problems: Problem[];
}
