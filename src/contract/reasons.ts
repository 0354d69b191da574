// Errors, warnings and what verify finds wrong, in the user's words, from their codes. Every door says
// them through these functions and tables: a code missing from a table does not compile.
import type { ErrorCode, ErrorView, Problem, ProblemCode, WarningCode } from './codes.js';
import type { MessageKey, Words } from './words.js';

export const errorMessage: Record<ErrorCode, MessageKey> = {
  'not-found': 'error.not-found',
  'not-a-file': 'error.not-a-file',
  unreadable: 'error.unreadable',
  empty: 'error.empty',
  'too-large': 'error.too-large',
  'too-many-pixels': 'error.too-many-pixels',
  'not-an-image': 'error.not-an-image',
  'unsupported-format': 'error.unsupported-format',
  truncated: 'error.truncated',
  corrupt: 'error.corrupt',
  animated: 'error.animated',
  changed: 'error.changed',
  'output-unwritable': 'error.output-unwritable',
  'no-space': 'error.no-space',
  'verify-failed': 'error.verify-failed',
  timeout: 'error.timeout',
  'bad-option': 'error.bad-option',
  internal: 'error.internal',
};

export const warningMessage: Record<WarningCode, MessageKey> = {
  'no-face': 'warning.no-face',
  nobody: 'warning.nobody',
  'unsure-face': 'warning.unsure-face',
  'face-painted': 'warning.face-painted',
  'small-face': 'warning.small-face',
  'low-confidence': 'warning.low-confidence',
  animated: 'warning.animated',
  downscaled: 'warning.downscaled',
  'cover-grown': 'warning.cover-grown',
  'face-left-uncovered': 'warning.face-left-uncovered',
  'faces-not-covered': 'warning.faces-not-covered',
};

export const problemMessage: Record<ProblemCode, MessageKey> = {
  'not-an-image': 'problem.not-an-image',
  unreadable: 'problem.unreadable',
  structure: 'problem.structure',
  'wrong-format': 'problem.wrong-format',
  'wrong-size': 'problem.wrong-size',
  metadata: 'problem.metadata',
  trailer: 'problem.trailer',
  thumbnail: 'problem.thumbnail',
  'extra-image': 'problem.extra-image',
  'motion-video': 'problem.motion-video',
  comment: 'problem.comment',
  'color-profile': 'problem.color-profile',
  orientation: 'problem.orientation',
  animated: 'problem.animated',
};

/**
 * An error for a person: in English the engine's own precise sentence; in other languages the
 * translated reason for its code (with the values it names), since no door translates sentences.
 */
export function errorText(error: ErrorView | undefined, w: Words): string {
  if (!error) return '';
  if (w.lang === 'en' || error.code === 'internal' || error.code === 'bad-option') return error.message;
  const why = error.values?.why as UnwritableWhy | undefined;
  if (error.code === 'output-unwritable' && error.values?.folder && why && why in unwritableWhy)
    return w.t('error.output-unwritable-in', { folder: error.values.folder, why: w.t(unwritableWhy[why]) });
  return w.t(errorMessage[error.code], { what: w.t('value.unknown'), ...error.values });
}

/** Why a folder cannot take a copy (the engine's `why` value for `output-unwritable`). */
const unwritableWhy = {
  'read-only': 'unwritable.read-only',
  denied: 'unwritable.denied',
  'in-the-way': 'unwritable.in-the-way',
  'cannot-create': 'unwritable.cannot-create',
  'names-used': 'unwritable.names-used',
} as const satisfies Record<string, MessageKey>;
export type UnwritableWhy = keyof typeof unwritableWhy;

/**
 * What verify found wrong with a file, in the reader's words in every language: the verifier's own
 * sentence ("A "cdsc" reference remains") is for --json, where a technical reader looks.
 */
export function problemText(p: Problem, w: Words): string {
  return w.t(problemMessage[p.code]);
}

export function warningText(code: WarningCode, w: Words): string {
  return w.t(warningMessage[code]);
}

/** Why photos are to check, in a few words each ("no face found, very small faces"). */
export const warningShort: Record<WarningCode, MessageKey> = {
  'no-face': 'reason.no-face',
  nobody: 'reason.nobody',
  'unsure-face': 'reason.unsure-face',
  'face-painted': 'reason.face-painted',
  'small-face': 'reason.small-face',
  'low-confidence': 'reason.low-confidence',
  animated: 'reason.animated',
  downscaled: 'reason.downscaled',
  'cover-grown': 'reason.cover-grown',
  'face-left-uncovered': 'reason.face-left-uncovered',
  'faces-not-covered': 'reason.faces-not-covered',
};
