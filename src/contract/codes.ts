// The codes every door understands: what went wrong, what to look at, and how a photo ended.
// Each door says them through the tables in reasons.ts, so a new code does not compile until both
// languages say what it means.

export const errorCodes = [
  'not-found',
  'not-a-file',
  'unreadable',
  'empty',
  'too-large', // file size above the limit
  'too-many-pixels', // declared dimensions above the limit (decompression bomb)
  'not-an-image',
  'unsupported-format',
  'truncated',
  'corrupt',
  'animated',
  'changed', // the original changed between analyze and render
  'output-unwritable',
  'no-space',
  'verify-failed',
  'timeout',
  'bad-option', // a usage mistake in the options
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A failure as every door receives it: the code decides the words; the message is the engine's precise English. */
export interface ErrorView {
  code: ErrorCode;
  message: string;
  /** Values the translated sentence may name (e.g. { what: 'camera RAW (DNG)' }). */
  values?: Record<string, string>;
}

export const warningCodes = [
  'no-face', // no face found where a person may be: check before sharing
  'nobody', // neither a face nor a person found: nothing to cover
  'unsure-face', // a candidate too unsure to cover, in a picture with people
  'face-painted', // a face still showed through its cover: painted over in solid colour
  'small-face', // faces near the detector's limit
  'low-confidence',
  'animated', // only the first frame was kept
  'downscaled',
  'cover-grown', // the post-cover check found a face and the cover was enlarged
  'face-left-uncovered',
  'faces-not-covered', // --faces none: every face is left as it is
] as const;
export type WarningCode = (typeof warningCodes)[number];

export interface Warning {
  code: WarningCode;
  message: string;
}

/** What a warning asks of the parent: look at the photo before sharing it, or nothing (a note). */
export const warningAsks: Record<WarningCode, 'check' | 'note'> = {
  'no-face': 'check',
  nobody: 'note',
  'unsure-face': 'check',
  'face-painted': 'check',
  'small-face': 'check',
  // A doubtful detection that was covered anyway costs a little of the picture, not privacy.
  'low-confidence': 'note',
  'face-left-uncovered': 'check',
  'faces-not-covered': 'check',
  animated: 'note',
  downscaled: 'note',
  'cover-grown': 'note',
};

/**
 * Who a warning is for: the parent (said on the line they read, in the notification and on the card),
 * or only whoever wants the details (--json and the desktop's review panel). A cover enlarged by the
 * re-check or a doubtful detection covered anyway changes nothing a parent has to do.
 */
export const warningReader: Record<WarningCode, 'parent' | 'details'> = {
  'no-face': 'parent',
  // Said plainly: a photo with nobody in it is safe as it is, and the parent may wonder why nothing was covered.
  nobody: 'parent',
  'unsure-face': 'parent',
  'face-painted': 'parent',
  'small-face': 'parent',
  'low-confidence': 'details',
  'face-left-uncovered': 'parent',
  'faces-not-covered': 'parent',
  animated: 'parent',
  downscaled: 'parent',
  'cover-grown': 'details',
};

/** What `verify` can find wrong with a written file. */
export const problemCodes = [
  'not-an-image',
  'unreadable',
  'structure',
  'wrong-format',
  'wrong-size',
  'metadata',
  'trailer',
  'thumbnail',
  'extra-image',
  'motion-video',
  'comment',
  'color-profile',
  'orientation',
  'animated',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  code: ProblemCode;
  message: string;
}

/**
 * How one photo ended, the same words in every door: safe (covered and clean), check it (written,
 * but look before sharing), failed (nothing written).
 */
export type Outcome = 'safe' | 'check' | 'failed';
